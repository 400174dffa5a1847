"""How Koers answers a refusal: never a 403, which would say that the thing exists."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.views.defaults import page_not_found


def refused(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The project's ``handler403``: the login page for someone not logged in, else the page that says
    "not found", exactly as for an address that does not exist."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return page_not_found(request, Http404())
