"""The one gate: a view asks ``permit`` (or gets a 404), a domain verb asks ``require`` (or raises).

    role = permit(request, can_plan_programme)                # the page at all
    role = permit(request, can_hold_conversation, conversation)  # this object

    def cancel_conversation(*, by: Role, conversation: Conversation) -> Conversation:
        require(by, can_plan_conversation, conversation)

Both take a rule from an area's ``rules.py``. ``permit`` returns the active role; anything else raises
``PermissionDenied``, which Koers answers everywhere with the "not found" page (or, for someone not logged
in, the login page): see ``access.views.refused``, the project's ``handler403``. A refusal never says that
something exists. So a view never turns ``PermissionDenied`` into a 404 itself.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from rules import Predicate

from koers.schools.models import Role


def permit(request: HttpRequest, rule: Predicate, thing: Any = None) -> Role:
    """The role this request acts as, when ``rule`` allows it (on ``thing``); else ``PermissionDenied``."""
    role: Role | None = getattr(request, "role", None)
    if role is None or not rule.test(role, thing):
        raise PermissionDenied
    return role


def require(by: Role, rule: Predicate, thing: Any = None) -> None:
    """For domain verbs: ``PermissionDenied`` unless ``rule`` allows ``by`` (on ``thing``)."""
    if not rule.test(by, thing):
        raise PermissionDenied
