"""Rows of the permission matrix for notifications (see tests/matrix.py for the vocabulary).

Everyone with a role has a notifications page and a choice of e-mail; a notification opens only for the
person it is for (here the student), and takes them to its page."""

from __future__ import annotations

from typing import Any

from django_scopes import scopes_disabled

from koers.notifications.models import Notification
from tests.matrix import POST_ONLY, Objects, Redirect, Row, answers, only


def students_notification(o: Objects) -> Any:
    cached = o.__dict__.get("_students_notification")
    if cached is None:
        with scopes_disabled():
            cached = Notification.objects.create(
                school=o.world.school,
                role=o.student_role,
                kind="action_overdue",
                params={"action": o.action.pk, "what": o.action.what, "due": o.action.due_on.isoformat()},
                key=f"action-overdue:{o.action.pk}",
            )
        o.__dict__["_students_notification"] = cached
    return cached


ROWS: dict[str, Row | list[Row]] = {
    "notifications:list": Row(get=answers(200)),
    "notifications:settings": Row(get=answers(200)),
    "notifications:open": Row(
        kwargs=lambda o: {"pk": students_notification(o).pk}, get=only(student=Redirect("dossier:action"))
    ),
    "notifications:mark_all_read": Row(get=POST_ONLY, post=answers(Redirect("notifications:list"))),
}
