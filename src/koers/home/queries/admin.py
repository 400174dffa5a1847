"""The school admin's home."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import (
    Count,
    OuterRef,
    Q,
)
from django.utils import timezone

from koers.home.queries.common import (
    _scalar_count,
    current_year_groups,
)
from koers.schools.models import (
    Group,
    Membership,
    Mentorship,
    Role,
    RoleKind,
    SchoolYear,
    Student,
)


@dataclass
class AdminPage:
    today: dt.date
    years: Sequence[SchoolYear]
    current_year: SchoolYear | None
    groups: list[Group]
    role_counts: list[tuple[str, int]]
    students_enrolled: int
    students_without_group: int


def admin_page(role: Role, *, day: dt.date | None = None) -> AdminPage:
    """School years, this year's groups with counts and mentors, people per role. Five queries."""
    day = day or timezone.localdate()
    years = list(SchoolYear.objects.filter(school_id=role.school_id).annotate(n_groups=Count("groups")))
    current_year = next((y for y in years if y.starts_on <= day <= y.ends_on), None)
    groups: list[Group] = list(
        current_year_groups(day)
        .filter(school_id=role.school_id)
        .annotate(n_students=_scalar_count(Membership.objects.current(day).filter(group_id=OuterRef("pk"))))
        .order_by("year_level", "name")
    )
    mentors: dict[int, list[str]] = {g.pk: [] for g in groups}
    for ms in (
        Mentorship.objects.filter(group_id__in=list(mentors))
        .select_related("mentor")
        .order_by("mentor__last_name", "mentor__first_name")
        if mentors
        else []
    ):
        mentors[ms.group_id].append(str(ms.mentor))  # type: ignore[index]
    for g in groups:
        g.mentor_names = mentors[g.pk]  # type: ignore[attr-defined]
    counts = dict(
        Role.objects.filter(school_id=role.school_id).values_list("kind").annotate(n=Count("pk")).order_by()
    )
    role_counts = [(str(kind.label), counts.get(kind.value, 0)) for kind in RoleKind]
    in_a_group = Membership.objects.current(day).values("student_id")
    student_counts = Student.objects.filter(school_id=role.school_id, left_on__isnull=True).aggregate(
        enrolled=Count("pk"),
        without_group=Count("pk", filter=~Q(pk__in=in_a_group)),
    )
    return AdminPage(
        today=day,
        years=years,
        current_year=current_year,
        groups=groups,
        role_counts=role_counts,
        students_enrolled=student_counts["enrolled"],
        students_without_group=student_counts["without_group"],
    )
