"""The mentor's class view: each current student's signals, per group."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from koers.home.queries.common import (
    Period,
    _is_new,
    _is_quiet,
)
from koers.home.queries.signals import current_memberships, mentorships, students_with_signals
from koers.schools.models import (
    Group,
    Role,
    Student,
)


@dataclass
class StudentRow:
    student: Student
    group_name: str
    last_experience_on: dt.date | None
    experiences_in_period: int
    reflections_in_period: int
    open_actions: int
    overdue_actions: int
    compliments: int
    last_activity: dt.datetime | None
    new_since: dt.date | None = None
    quiet: bool = False
    explored: bool = True  # careers: has a favourite or took the interest test

    @property
    def name(self) -> str:
        return self.student.name


@dataclass
class MentorGroup:
    group: Group
    rows: list[StudentRow] = field(default_factory=list)

    @property
    def overdue_total(self) -> int:
        return sum(r.overdue_actions for r in self.rows)


@dataclass
class MentorPage:
    period: Period
    groups: list[MentorGroup]
    individual: list[StudentRow]

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.individual


SORTS = ("name", "attention")


def dutch_sort_name(last_name: str) -> str:
    """The last name as a Dutch list sorts it: "van den Berg" under B, "El Idrissi" under E.

    Leading words in lower case are the tussenvoegsels (van, de, der, ten, 't ...), which are skipped.
    """
    words = last_name.split()
    while len(words) > 1 and words[0].islower():
        words.pop(0)
    return " ".join(words).casefold()


def _sort_rows(rows: list[StudentRow], sort: str) -> list[StudentRow]:
    by_name = sorted(
        rows, key=lambda r: (dutch_sort_name(r.student.user.last_name), r.student.user.first_name.casefold())
    )
    if sort != "attention":
        return by_name
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    # Most overdue first, then the longest quiet; sorted() is stable so names break ties.
    return sorted(
        by_name,
        key=lambda r: (-r.overdue_actions, r.last_activity or oldest),
    )


def _row(student: Any, group_name: str, period: Period) -> StudentRow:
    added = [d for d in (student.s_last_experience_added, student.s_last_reflection_added) if d is not None]
    last_activity = max(added) if added else None
    return StudentRow(
        student=student,
        group_name=group_name,
        last_experience_on=student.s_last_experience_on,
        experiences_in_period=student.s_experiences_in_period,
        reflections_in_period=student.s_reflections_in_period,
        open_actions=student.s_open_actions,
        overdue_actions=student.s_overdue_actions,
        compliments=student.s_compliments,
        last_activity=last_activity,
        quiet=_is_quiet(last_activity, period),
        explored=bool(getattr(student, "s_explored", True)),
    )


def mentor_page(role: Role, *, sort: str = "name", now: dt.datetime | None = None) -> MentorPage:
    """The mentor's groups (this school year) with each current student's signals. Three queries.

    Students mentored individually are listed apart, with their current group (any group).
    """
    period = Period.of_school(role.school, now=now)
    day = period.today
    # One query for both kinds of mentorship: of a whole group, or of one student.
    groups: list[Group] = []
    alone: set[int] = set()
    for student_id, group in mentorships(role.school_id, role.user_id):
        if student_id is not None:
            alone.add(student_id)
        elif group is not None and group.school_year.starts_on <= day <= group.school_year.ends_on:
            groups.append(group)
    groups.sort(key=lambda g: (g.year_level, g.name))
    by_group = {g.pk: MentorGroup(group=g) for g in groups}
    memberships = current_memberships(role.school_id, list(by_group), day)
    wanted = alone | {student_id for student_id, _, _ in memberships}
    students: dict[int, Any] = {s.pk: s for s in students_with_signals(role.school_id, wanted, period)}
    for student_id, group_id, starts_on in memberships:
        mentor_group = by_group[group_id]
        row = _row(students[student_id], mentor_group.group.name, period)
        if _is_new(starts_on, mentor_group.group.school_year.starts_on, period):
            row.new_since = starts_on
        mentor_group.rows.append(row)
    for mentor_group in by_group.values():
        mentor_group.rows = _sort_rows(mentor_group.rows, sort)
    individual = [
        _row(s, s.current_group or "", period)
        for pk, s in students.items()
        if pk in alone and s.left_on is None
    ]
    return MentorPage(period=period, groups=list(by_group.values()), individual=_sort_rows(individual, sort))
