"""Helpers every area's views share."""

from django.http import Http404, HttpRequest
from django.views.decorators.http import require_http_methods

from koers.schools.models import Role

GET_POST = require_http_methods(["GET", "POST"])


def active_role(request: HttpRequest, *kinds: str) -> Role:
    """The role this request acts as; with ``kinds``, only when it is one of them. Anything else is a 404,
    like every page a role may not see."""
    role: Role | None = getattr(request, "role", None)
    if role is None or (kinds and role.kind not in kinds):
        raise Http404
    return role
