"""The guardian's home: one child at a time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Prefetch,
)
from django.http import Http404
from django.utils import timezone

from koers.conversations.models import Agreement, ConversationStatus, Party, Preparation
from koers.conversations.queries.planning import my_conversations
from koers.dossier.models import ActionStatus, Compliment, Experience
from koers.dossier.queries.overview import Visibility, visibility_for
from koers.home.queries.common import (
    _current_group_name,
)
from koers.partners.queries.internships import child_internships
from koers.programme.queries.guardian import home_assignments
from koers.programme.queries.line import Status, student_line
from koers.schools.models import (
    Guardianship,
    Role,
)


def guardian_children(role: Role, *, day: dt.date | None = None) -> list[Guardianship]:
    """The guardian's children at this school, each with ``current_group`` annotated. One query."""
    day = day or timezone.localdate()
    return list(
        Guardianship.objects.filter(
            guardian_id=role.user_id, student__school_id=role.school_id, student__left_on__isnull=True
        )
        .select_related("student__user")
        .annotate(current_group=_current_group_name("student_id", day))
        .order_by("student__user__first_name", "student__user__last_name")
    )


@dataclass
class GuardianHome:
    """The guardian's page for one child at a time. See ``guardian_home``."""

    children: list[Guardianship]
    child: Guardianship | None = None
    sees_dossier: bool = False
    line: Any = None
    coming: list[Any] = field(default_factory=list)
    upcoming_conversations: list[Any] = field(default_factory=list)
    agreements: list[Any] = field(default_factory=list)
    assignments: list[Any] = field(default_factory=list)
    shared_experiences: list[Experience] = field(default_factory=list)
    compliments: list[Compliment] = field(default_factory=list)
    internships: list[Any] = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.line.done if self.line is not None else 0


GUARDIAN_COMING = 4
GUARDIAN_SHARED = 5
GUARDIAN_COMPLIMENTS = 5


def guardian_home(role: Role, *, child_pk: int | None = None, now: dt.datetime | None = None) -> GuardianHome:
    """Everything the guardian home shows for one child, in a fixed number of queries whatever the number
    of children, activities, conversations, assignments or dossier items.

    ``child_pk`` None picks the first child; a child that is not the guardian's raises Http404. What the
    guardian may see of the dossier follows ``visibility_for`` (parental authority, the student's choice):
    an information-only guardian gets the programme, conversations they take part in and home assignments,
    never dossier items."""

    now = now or timezone.now()
    page = GuardianHome(children=guardian_children(role, day=timezone.localdate(now)))
    if child_pk is not None:
        page.child = next((g for g in page.children if g.student_id == child_pk), None)
        if page.child is None:
            raise Http404
    elif page.children:
        page.child = page.children[0]
    if page.child is None:
        return page
    student = page.child.student
    visibility = visibility_for(role, student)
    page.sees_dossier = visibility is not Visibility.NONE

    page.line = student_line(student=student, today=timezone.localdate(now), with_status=page.sees_dossier)
    if page.line is not None:
        today = timezone.localdate(now)
        page.coming = [
            item
            for item in page.line.items
            if item.status == Status.COMING
            or (item.status is None and (item.ends_on or item.starts_on) >= today)
        ][:GUARDIAN_COMING]

    page.upcoming_conversations = list(
        my_conversations(role)
        .filter(student_id=student.pk, status=ConversationStatus.PLANNED, scheduled_at__gte=now)
        .prefetch_related(
            Prefetch(
                "preparations",
                queryset=Preparation.objects.filter(author_id=role.user_id),
                to_attr="my_preparations",
            )
        )
        .order_by("scheduled_at")
    )
    page.assignments = list(home_assignments(student, role.user_id, timezone.localdate(now)))
    if not page.sees_dossier:
        return page

    page.internships = child_internships(student, timezone.localdate(now))
    agreements = Agreement.objects.filter(
        conversation__student_id=student.pk, party=Party.GUARDIAN, action__status=ActionStatus.OPEN
    ).select_related("action", "conversation__type")
    if visibility is Visibility.SHARED:
        agreements = agreements.filter(action__shared_with_guardians=True)
    page.agreements = list(agreements.order_by("action__due_on", "pk"))
    experiences = Experience.objects.filter(student_id=student.pk)
    if visibility is Visibility.SHARED:
        experiences = experiences.filter(shared_with_guardians=True)
    page.shared_experiences = list(experiences.order_by("-pk")[:GUARDIAN_SHARED])
    # A guardian sees the compliments they gave themselves (the dossier's rule).
    page.compliments = list(
        Compliment.objects.filter(student_id=student.pk, given_by_id=role.user_id)
        .select_related("trait")
        .order_by("-pk")[:GUARDIAN_COMPLIMENTS]
    )
    return page
