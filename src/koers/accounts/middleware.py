"""Session time-outs and the second factor, checked on every request without a database query for people
who need neither (the time stamps live in the session itself)."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY

from koers.accounts.signals import LOGIN_AT, SECOND_FACTOR_REQUIRED, SEEN_AT

# The "last seen" stamp is rewritten at most this often, so an ordinary request does not save the session.
SEEN_RESOLUTION_SECONDS = 60


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)


class SessionTimeoutMiddleware:
    """Ends a session after a period without requests (idle) and a fixed time after login (absolute)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started, seen = session.get(LOGIN_AT), session.get(SEEN_AT)
            if started is None or seen is None:
                session[LOGIN_AT] = session[SEEN_AT] = now
            else:
                idle = now - seen > settings.KOERS_SESSION_IDLE_MINUTES * 60
                too_old = now - started > settings.KOERS_SESSION_MAX_HOURS * 3600
                if idle or too_old:
                    logout(request)
                    messages.info(
                        request,
                        _("Je was een tijd niet actief en bent daarom uitgelogd. Log opnieuw in.")
                        if idle
                        else _("Je bent al lang ingelogd en daarom uitgelogd. Log opnieuw in."),
                    )
                    login = reverse("login")
                    return _redirect(request, f"{login}?{urlencode({'next': request.get_full_path()})}")
                if now - seen >= SEEN_RESOLUTION_SECONDS:
                    session[SEEN_AT] = now
        return self.get_response(request)


class SecondFactorMiddleware:
    """A person who must use a second factor reaches nothing but setting it up, entering a code and logging
    out until they have entered a valid code in this session."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self._open: tuple[str, ...] | None = None

    def open_paths(self) -> tuple[str, ...]:
        if self._open is None:
            self._open = (
                reverse("accounts:otp_setup"),
                reverse("accounts:otp_verify"),
                reverse("logout"),
                settings.STATIC_URL,
            )
        return self._open

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.user.is_authenticated
            and request.session.get(SECOND_FACTOR_REQUIRED)
            and not request.session.get(DEVICE_ID_SESSION_KEY)
            and not request.path.startswith(self.open_paths())
        ):
            return _redirect(request, reverse("accounts:otp_verify"))
        return self.get_response(request)
