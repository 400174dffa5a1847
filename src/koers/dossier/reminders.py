"""Reminders of the dossier (registered with notifications' ``@reminder``): the student's overdue actions."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from koers.dossier.models import Action
from koers.notifications.queries import roles_by_user
from koers.notifications.registry import New, reminder
from koers.schools.models import RoleKind, School

OVERDUE_LOOKBACK_DAYS = 7  # an action overdue for longer was reminded of before (or predates reminders)


@reminder("action_overdue", cadence="daily")
def overdue_actions(school: School, now: dt.datetime) -> list[New]:
    """A student's own action points that passed their day in the last week, once each."""
    today = timezone.localtime(now).date()
    actions = list(
        Action.objects.overdue(today)
        .filter(school=school, due_on__gte=today - dt.timedelta(days=OVERDUE_LOOKBACK_DAYS))
        .select_related("student")
        .only("pk", "what", "due_on", "student__user_id")
    )
    roles = roles_by_user(school, RoleKind.STUDENT, [a.student.user_id for a in actions])
    return [
        New(
            role_id=roles[a.student.user_id],
            kind="action_overdue",
            params={"action": a.pk, "what": a.what, "due": a.due_on.isoformat()},
            key=f"action-overdue:{a.pk}:{a.due_on.isoformat()}",
        )
        for a in actions
        if a.student.user_id in roles
    ]
