"""Reads for action points."""

from __future__ import annotations

from django.http import Http404

from koers.dossier.models import (
    Action,
)
from koers.dossier.queries.overview import Visibility, own_item, visibility_for
from koers.schools.models import Role
from koers.schools.queries import get_student_for


def get_own_action_for(role: Role, pk: int) -> Action:
    """An action of the student's own dossier, to change it."""
    return own_item(Action.objects.all(), role, pk)


def get_action_for(role: Role, pk: int) -> tuple[Action, Visibility]:
    """An action as the role may read it (a guardian only a shared one), with how much of the dossier the
    role sees; otherwise 404."""
    action = Action.objects.select_related("experience", "student__user").filter(pk=pk).first()
    if action is None:
        raise Http404
    action.student = get_student_for(role, action.student_id)
    visibility = visibility_for(role, action.student)
    if visibility is Visibility.NONE or (
        visibility is Visibility.SHARED and not action.shared_with_guardians
    ):
        raise Http404
    return action, visibility
