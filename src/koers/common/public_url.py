"""Absolute links: every one starts with settings.KOERS_PUBLIC_URL.

A link in an e-mail, an .ics file, a letter's QR code or a login card is opened later, elsewhere, often from a
task that has no request at all; the host a request came in on (a load balancer's internal name, 127.0.0.1
behind a proxy) is not the address people use. So nothing builds an absolute link from a request.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def public_url(path: str = "/") -> str:
    """``path`` (starting with /) at the public address."""
    if not path.startswith("/"):
        path = "/" + path
    return str(settings.KOERS_PUBLIC_URL).rstrip("/") + path


def public_reverse(viewname: str, *, kwargs: dict[str, Any] | None = None, query: str = "") -> str:
    """The absolute link of a named URL, with an optional query string (without the ``?``)."""
    path = reverse(viewname, kwargs=kwargs)
    return public_url(f"{path}?{query}" if query else path)


def at_public_address(request: HttpRequest) -> HttpRequest:
    """``request`` whose ``build_absolute_uri`` answers at the public address.

    For libraries that build their absolute links from the request (the OpenID Connect redirect address):
    the provider must get the registered public address, not the host the request came in on.
    """

    def absolute(location: str | None = None) -> str:
        return public_url(location if location is not None else request.get_full_path())

    request.build_absolute_uri = absolute  # type: ignore[method-assign]  # one request, not the class
    return request
