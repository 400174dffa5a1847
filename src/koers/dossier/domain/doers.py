"""Telling the person a student chose as the doer of an action point.

A mentor is told at once (they see the whole dossier). A guardian is told once they can open the action
point: it is shared with guardians and the family rules let this guardian see the dossier; an action point
the student keeps to themself tells nobody, and sharing it later tells the guardian then. Each person is
told once per action point (the notification's key), however often it is saved. The notification is a
family text, so a guardian reads it in their own language, and it reaches them as they chose (at once,
weekly or only in Koers: ``notifications.domain``).
"""

from __future__ import annotations

from koers.dossier.models import Action, Doer
from koers.notifications.domain import notify
from koers.notifications.registry import New
from koers.schools.models import Role, RoleKind
from koers.schools.queries import guardian_sees_dossier_of

KIND_OF_DOER: dict[str, str] = {Doer.MENTOR: RoleKind.MENTOR, Doer.GUARDIAN: RoleKind.GUARDIAN}
NOTIFICATION: dict[str, str] = {Doer.MENTOR: "action_helper", Doer.GUARDIAN: "action_helper_guardian"}


def tell_the_doer(action: Action) -> None:
    """A mentor or guardian chosen as the doer gets a notification that opens the action point."""
    if action.doer not in KIND_OF_DOER or action.doer_user_id is None:
        return
    if action.doer == Doer.GUARDIAN and not action.shared_with_guardians:
        return
    role = Role.objects.filter(
        user_id=action.doer_user_id, school_id=action.school_id, kind=KIND_OF_DOER[action.doer]
    ).first()
    if role is None:
        return
    student = action.student
    if action.doer == Doer.GUARDIAN and not guardian_sees_dossier_of(role, student):
        return
    item = New(
        role_id=role.pk,
        kind=NOTIFICATION[action.doer],
        key=f"action-helper:{action.pk}:{action.doer_user_id}",
        params={
            "action": action.pk,
            "student": str(student),
            "what": action.what,
            "due": action.due_on.isoformat(),
        },
    )
    notify(school_id=action.school_id, items=[item])
