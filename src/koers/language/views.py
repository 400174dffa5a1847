"""Choosing the language Koers speaks: saved on the person when logged in, else kept in a cookie."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.language.domain import choose_language, choose_simple_language

SUPPORTED = {code for code, _name in settings.LANGUAGES}


def safe_next(request: HttpRequest) -> str:
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("home")


@require_POST
def choose(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    response = redirect(safe_next(request))
    if request.user.is_authenticated:
        try:
            choose_language(user=request.user, roles=getattr(request, "roles", []), language=language)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return response
    elif language not in SUPPORTED:
        messages.error(request, _("Kies een van de talen uit de lijst."))
        return response
    # Also for someone logged in, so the login page after logging out stays in their language.
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
        samesite="Lax",
        secure=settings.LANGUAGE_COOKIE_SECURE or request.is_secure(),
        httponly=True,
    )
    return response


@login_required
@require_POST
def choose_simple(request: HttpRequest) -> HttpResponse:
    """Simple language on (``on=1``) or off (``on=0``), then back to the page the switch was on."""
    if request.user.is_authenticated:  # always, after login_required; says so to the type checker
        choose_simple_language(user=request.user, on=request.POST.get("on") == "1")
    return redirect(safe_next(request))
