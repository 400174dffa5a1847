"""The counsellor's overview: which occupations and programmes students favour, per group and year level, and
who has explored nothing yet; and the one signal per student for the mentor's class view. Fixed queries,
whatever the school's size."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.http import Http404
from django.utils import timezone

from koers.careers.models import Favourite, FitReflection, InterestResult
from koers.careers.queries.catalogue import display_name, visible_occupations, visible_programmes
from koers.careers.rules import can_plan_open_days
from koers.schools.models import Group, Membership, Role, Student

TOP = 5


@dataclass
class GroupRow:
    group: Group
    students: int = 0
    explored: int = 0
    nothing: list[Student] = field(default_factory=list)
    top_occupations: list[tuple[str, int]] = field(default_factory=list)
    top_programmes: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class YearLevel:
    level: int
    groups: list[GroupRow]
    top_occupations: list[tuple[str, int]]


def explored_student_ids(student_ids: list[int] | None = None) -> set[int]:
    """Students with a favourite, a test result or a "does this fit me?" answer (three queries)."""
    found: set[int] = set()
    for model in (Favourite, InterestResult, FitReflection):
        rows = model.objects.all()
        if student_ids is not None:
            rows = rows.filter(student_id__in=student_ids)
        found |= set(rows.values_list("student_id", flat=True).distinct())
    return found


def careers_overview(role: Role, today: dt.date | None = None) -> list[YearLevel]:
    if not can_plan_open_days(role):
        raise Http404
    today = today or timezone.localdate()
    memberships = list(
        Membership.objects.current(today).select_related("group", "student__user").order_by("group__name")
    )
    group_of = {m.student_id: m.group for m in memberships}
    occupation_names = {o.pk: display_name(o) for o in visible_occupations()}
    programme_names = {p.pk: display_name(p) for p in visible_programmes()}
    favourites = list(
        Favourite.objects.filter(student_id__in=list(group_of)).values_list(
            "student_id", "occupation_id", "programme_id"
        )
    )
    explored = explored_student_ids()
    rows: dict[int, GroupRow] = {}
    for m in memberships:
        row = rows.setdefault(m.group.pk, GroupRow(m.group))
        row.students += 1
        if m.student_id in explored:
            row.explored += 1
        else:
            row.nothing.append(m.student)
    occupations: dict[int, Counter[str]] = {}
    programmes: dict[int, Counter[str]] = {}
    per_level: dict[int, Counter[str]] = {}
    for student_id, occupation_id, programme_id in favourites:
        group = group_of[student_id]
        if occupation_id in occupation_names:
            name = occupation_names[occupation_id]
            occupations.setdefault(group.pk, Counter())[name] += 1
            per_level.setdefault(group.year_level, Counter())[name] += 1
        if programme_id in programme_names:
            programmes.setdefault(group.pk, Counter())[programme_names[programme_id]] += 1
    for pk, row in rows.items():
        row.top_occupations = occupations.get(pk, Counter()).most_common(TOP)
        row.top_programmes = programmes.get(pk, Counter()).most_common(TOP)
    levels: dict[int, list[GroupRow]] = {}
    for row in rows.values():
        levels.setdefault(row.group.year_level, []).append(row)
    return [
        YearLevel(
            level,
            sorted(groups, key=lambda r: r.group.name),
            per_level.get(level, Counter()).most_common(TOP),
        )
        for level, groups in sorted(levels.items())
    ]
