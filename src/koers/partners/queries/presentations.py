"""Reads for the class presentations after the internships: a group's sessions (its group conversations) and
one session with every student who did an internship this school year. Fixed query counts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from koers.common.lookups import one_or_404
from koers.conversations.models import Conversation, ConversationStatus
from koers.partners.models import ClassPresentation, Internship, InternshipStatus
from koers.partners.queries.internships import group_students, matchable_groups
from koers.schools.models import Group, Role


def group_sessions(group: Group) -> QuerySet[Conversation]:
    """The group's conversations with the whole group, not cancelled, latest first."""
    return (
        Conversation.objects.filter(group=group, student__isnull=True)
        .exclude(status=ConversationStatus.CANCELLED)
        .select_related("type")
        .order_by("-scheduled_at")
    )


def sessions_page(group: Group) -> list[tuple[Conversation, int]]:
    """Each session with how many students presented in it: two queries."""
    sessions = list(group_sessions(group))
    counts = dict(
        ClassPresentation.objects.filter(conversation__in=sessions)
        .values("conversation_id")
        .annotate(n=Count("pk"))
        .values_list("conversation_id", "n")
    )
    return [(s, counts.get(s.pk, 0)) for s in sessions]


def get_session_for(role: Role, pk: int) -> Conversation:
    """A group conversation of a group this role matches (mentor: their groups; counsellor: any); else 404."""
    return one_or_404(
        Conversation.objects.filter(
            school_id=role.school_id, group__in=matchable_groups(role), student__isnull=True
        ).select_related("group__school_year", "type"),
        pk=pk,
    )


@dataclass
class SessionRow:
    internship: Internship
    presentation: ClassPresentation | None


@dataclass
class SessionPage:
    session: Conversation
    held_on: dt.date
    rows: list[SessionRow]

    @property
    def presented(self) -> int:
        return sum(1 for r in self.rows if r.presentation is not None)


def session_page(session: Conversation) -> SessionPage:
    """The students of the session's group with an approved internship that began by the session's day (this
    school year), and what was recorded of their presentation: two queries whatever the group's size."""
    group = session.group
    assert group is not None
    held_on = timezone.localtime(session.scheduled_at).date()
    internships = list(
        Internship.objects.filter(
            student__in=group_students(group, held_on),
            status=InternshipStatus.APPROVED,
            place__starts_on__lte=held_on,
            place__ends_on__gte=group.school_year.starts_on,
        )
        .select_related("student__user", "place__partner", "presentation")
        .order_by("student__user__last_name", "student__user__first_name", "place__starts_on")
    )
    rows = []
    for internship in internships:
        found = getattr(internship, "presentation", None)
        rows.append(SessionRow(internship=internship, presentation=found))
    return SessionPage(session=session, held_on=held_on, rows=rows)
