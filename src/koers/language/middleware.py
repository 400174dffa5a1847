"""Language: Dutch unless the person chose another language; the browser's preference is not guessed from.

Schools are Dutch first, and many families' browsers are set to a language the school has no texts in yet,
so Koers starts in Dutch and lets each person choose. The same middleware turns on simple language for a
person who chose it (``language/simple.py``).
"""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from koers.language import simple

SUPPORTED = {code for code, _name in settings.LANGUAGES}


def language_of(person: Any) -> str:
    """The language to write to a person in (an e-mail, a notification): their own choice, else Dutch."""
    language = (getattr(person, "preferred_language", "") or settings.LANGUAGE_CODE).split("-")[0].lower()
    return language if language in SUPPORTED else settings.LANGUAGE_CODE


def language_for(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    chosen = getattr(user, "preferred_language", "") if user is not None and user.is_authenticated else ""
    chosen = chosen or request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in SUPPORTED else settings.LANGUAGE_CODE


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_for(request)
        request.LANGUAGE_CODE = language
        # Restored afterwards, so one person's language never carries over to whatever this thread does next.
        user = getattr(request, "user", None)
        simple_on = bool(
            user is not None and user.is_authenticated and getattr(user, "simple_language", False)
        )
        with translation.override(language), simple.override(simple_on):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
