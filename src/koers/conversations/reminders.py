"""Reminders of conversations (registered with notifications' ``@reminder``): prepare two days ahead."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from koers.conversations.models import Conversation, ConversationStatus
from koers.notifications.queries import roles_by_user
from koers.notifications.registry import New, local_param, reminder
from koers.schools.models import Membership, RoleKind, School

PREPARE_DAYS_BEFORE = 2


def _conversations_on(school: School, day: dt.date) -> QuerySet[Conversation]:
    return (
        Conversation.objects.filter(school=school, status=ConversationStatus.PLANNED, scheduled_at__date=day)
        .select_related("type")
        .prefetch_related("guardians")
    )


@reminder("conversation_prepare", cadence="daily")
def prepare_conversations(school: School, now: dt.datetime) -> list[New]:
    """Students (and, for a driegesprek, the invited guardians): prepare the conversation two days ahead."""
    day = timezone.localtime(now).date() + dt.timedelta(days=PREPARE_DAYS_BEFORE)
    conversations = list(_conversations_on(school, day))
    group_members: dict[int, list[int]] = {}
    group_ids = {c.group_id for c in conversations if c.group_id is not None}
    if group_ids:
        for membership in (
            Membership.objects.current(day).filter(group_id__in=group_ids).select_related("student")
        ):
            group_members.setdefault(membership.group_id, []).append(membership.student.user_id)
    student_users = {
        c.pk: (
            [c.student.user_id]
            if c.student_id is not None and c.student
            else group_members.get(c.group_id or 0, [])
        )
        for c in conversations
    }
    students = roles_by_user(school, RoleKind.STUDENT, [u for users in student_users.values() for u in users])
    guardians = roles_by_user(
        school, RoleKind.GUARDIAN, [g.pk for c in conversations for g in c.guardians.all()]
    )
    found = []
    for c in conversations:
        params = {
            "conversation": c.pk,
            "type": local_param(c.type.name, c.type.translations, "name"),
            "at": c.scheduled_at.isoformat(),
        }
        key = f"conversation-prepare:{c.pk}:{day.isoformat()}"
        receivers = [students.get(u) for u in student_users[c.pk]]
        if c.type.with_guardians:
            receivers += [guardians.get(g.pk) for g in c.guardians.all()]
        found += [New(role_id=r, kind="conversation_prepare", params=params, key=key) for r in receivers if r]
    return found
