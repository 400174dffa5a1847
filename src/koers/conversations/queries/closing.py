"""Reads around closing: the previous conversation, the agreements to look back at, overdue agreements.

Each function costs a fixed number of queries, whatever the number of conversations or agreements.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.utils import timezone

from koers.access.rules import is_follower, is_guardian
from koers.conversations.models import Agreement, Conversation, ConversationStatus
from koers.dossier.models import ActionStatus
from koers.schools.models import Role, Student
from koers.schools.queries import visible_students


def _earlier_conversations(conversation: Conversation) -> QuerySet[Conversation]:
    """Closed conversations with the same student (or group) that took place before this one."""
    if conversation.student_id is not None:
        same = Q(student_id=conversation.student_id)
    else:
        same = Q(group_id=conversation.group_id, student__isnull=True)
    return (
        Conversation.objects.filter(same, status=ConversationStatus.CLOSED)
        .filter(scheduled_at__lt=conversation.scheduled_at)
        .exclude(pk=conversation.pk)
    )


def previous_conversation(conversation: Conversation) -> Conversation | None:
    """The last closed conversation before this one: the one whose agreements open this conversation."""
    return (
        _earlier_conversations(conversation)
        .select_related("type", "mentor")
        .order_by("-scheduled_at", "-pk")
        .first()
    )


def open_agreements_before(conversation: Conversation) -> list[Agreement]:
    """Agreements of earlier conversations that still ask for a look back in this one.

    That is every agreement not looked back at yet, every one still open (also when an earlier conversation
    already looked at it and it was "not yet"), and the ones this conversation already revisited.
    """
    if conversation.student_id is None:
        return []
    return list(
        Agreement.objects.filter(
            conversation__student_id=conversation.student_id,
            conversation__status=ConversationStatus.CLOSED,
            conversation__scheduled_at__lt=conversation.scheduled_at,
        )
        .exclude(conversation_id=conversation.pk)
        .filter(
            Q(revisited_in__isnull=True)
            | Q(action__status=ActionStatus.OPEN)
            | Q(revisited_in_id=conversation.pk)
        )
        .select_related("action", "conversation__type")
        .order_by("action__due_on", "pk")
    )


def agreements_of(conversation: Conversation, role: Role | None = None) -> list[Agreement]:
    """The agreements made in this conversation, for ``conversations/_agreements.html``.

    A guardian sees them only when they were shared.
    """
    agreements = Agreement.objects.filter(conversation=conversation)
    if role is not None and is_guardian(role):
        agreements = agreements.filter(action__shared_with_guardians=True)
    return list(agreements.select_related("action").order_by("pk"))


def overdue_agreements_for_mentor(role: Role, day: dt.date | None = None) -> list[Agreement]:
    """Open agreements past their date, of the students this role may follow, oldest first.

    For ``conversations/_overdue_agreements.html`` (context name ``overdue_agreements``).
    """
    if not is_follower(role):
        return []
    day = day or timezone.localdate()
    return list(
        Agreement.objects.filter(
            action__status=ActionStatus.OPEN,
            action__due_on__lt=day,
            action__student__in=visible_students(role, day),
        )
        .select_related("action__student__user", "conversation__type")
        .order_by("action__due_on", "pk")
    )


def overdue_agreements_of_student(student: Student, day: dt.date | None = None) -> list[Agreement]:
    """The student's own open agreements past their date (for the student's list of conversations)."""
    return list(
        Agreement.objects.filter(
            action__student=student,
            action__status=ActionStatus.OPEN,
            action__due_on__lt=day or timezone.localdate(),
        )
        .select_related("action__student__user", "conversation__type")
        .order_by("action__due_on", "pk")
    )
