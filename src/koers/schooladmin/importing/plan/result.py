"""What a dry run found: the operations of a ``Plan`` and the summary the preview shows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from koers.schools.models import (
    Group,
    Guardianship,
    Membership,
    Mentorship,
    RoleKind,
    School,
    SchoolYear,
    Student,
    Track,
)

# A person who is not in Koers yet: a new student, mentor or guardian (one per e-mail address or number).
PersonKey = tuple[str, Any]  # ("user", pk) for an existing user, ("new", key) for one the import creates
StudentKey = tuple[str, Any]  # ("student", pk) or ("number", leerlingnummer) for a new student
GroupKey = str  # the group's name, case-folded

MAX_NUMBER = 32
MAX_GROUP_NAME = 40
MAX_NAME = 150
MAX_EMAIL = 254
# An apply that removes more than this needs the admin to type the number of removals (a wrongly mapped
# number column makes a full export look like the whole school left).
MAX_LEAVER_SHARE = 0.10  # of the active students with a number
MIN_LEAVERS_CHECKED = 5  # a small school's three leavers are never "too many"
MAX_MENTOR_REMOVALS = 5
EARLIEST_BIRTH = dt.date(1990, 1, 1)  # older than that is not a secondary-school student: a wrong column


@dataclass
class NewPerson:
    key: str
    first_name: str
    last_name: str
    email: str
    roles: set[str] = field(default_factory=set)
    username: str = ""  # wanted username; the e-mail address when empty

    @property
    def label(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p) or self.email


@dataclass
class NewStudent:
    line: int
    number: str
    first_name: str
    last_name: str
    email: str
    date_of_birth: dt.date | None

    @property
    def label(self) -> str:
        return f"{' '.join(p for p in (self.first_name, self.last_name) if p)} ({self.number})"


@dataclass
class StudentChange:
    student: Student
    line: int
    user_fields: dict[str, str]
    student_fields: dict[str, Any]
    notes: list[str]


@dataclass
class Placement:
    """A student starts in ``group`` today; ``ending`` are the current memberships that end (a move)."""

    line: int
    student: StudentKey
    label: str
    group: GroupKey
    ending: list[Membership]


@dataclass
class Plan:
    school: School
    today: dt.date
    year: SchoolYear
    year_is_new: bool
    full_export: bool
    groups: dict[GroupKey, Group]
    new_groups: dict[GroupKey, Group] = field(default_factory=dict)
    new_people: dict[str, NewPerson] = field(default_factory=dict)
    new_roles: set[tuple[int, str]] = field(default_factory=set)  # (existing user pk, kind)
    new_students: dict[str, NewStudent] = field(default_factory=dict)
    changes: list[StudentChange] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)
    leavers: list[tuple[Student, list[Membership]]] = field(default_factory=list)
    new_mentorships: set[tuple[PersonKey, GroupKey]] = field(default_factory=set)
    ended_mentorships: list[Mentorship] = field(default_factory=list)
    new_guardianships: dict[tuple[PersonKey, StudentKey], bool | None] = field(default_factory=dict)
    changed_guardianships: list[tuple[Guardianship, bool | None]] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unchanged: int = 0
    without_number: int = 0
    # labels for the summary
    person_labels: dict[PersonKey, str] = field(default_factory=dict)
    student_labels: dict[StudentKey, str] = field(default_factory=dict)

    active: int = 0  # students with a number who have not left
    ignored_columns: list[str] = field(default_factory=list)  # the file's columns nothing is read from

    @property
    def confirm(self) -> int:
        """The number of removals the admin must type before applying; 0 when no threshold is crossed."""
        leavers, ended = len(self.leavers), len(self.ended_mentorships)
        too_many_leavers = leavers > max(MIN_LEAVERS_CHECKED, int(self.active * MAX_LEAVER_SHARE))
        if too_many_leavers or ended > MAX_MENTOR_REMOVALS:
            return leavers + ended
        return 0

    @property
    def is_empty(self) -> bool:
        return not (
            self.year_is_new
            or self.new_groups
            or self.new_people
            or self.new_roles
            or self.new_students
            or self.changes
            or self.placements
            or self.leavers
            or self.new_mentorships
            or self.ended_mentorships
            or self.new_guardianships
            or self.changed_guardianships
        )

    def group_name(self, key: GroupKey) -> str:
        group = self.groups.get(key)
        return (group or self.new_groups[key]).name

    def summary(self) -> dict[str, Any]:
        """Everything the preview shows, as JSON-ready lists of short texts."""
        new_mentors = sorted(p.label for p in self.new_people.values() if RoleKind.MENTOR in p.roles)
        new_guardians = sorted(p.label for p in self.new_people.values() if RoleKind.GUARDIAN in p.roles)
        moves = [p for p in self.placements if p.ending]
        new_in = {p.student[1]: p.group for p in self.placements if p.student[0] == "number"}
        placed = [p for p in self.placements if not p.ending]
        lists: dict[str, list[str]] = {
            "groups_new": [
                f"{g.name} · {Track(g.track).label} · " + _("leerjaar %(n)s") % {"n": g.year_level}
                for g in sorted(self.new_groups.values(), key=lambda g: g.name)
            ],
            "students_new": [
                s.label + (f" → {self.group_name(new_in[s.number])}" if s.number in new_in else "")
                for s in self.new_students.values()
            ],
            "students_changed": [
                f"{c.student.user} ({c.student.number}): {', '.join(c.notes)}" for c in self.changes
            ],
            "students_moved": [
                f"{p.label}: {names_of(p.ending)} → {self.group_name(p.group)}" for p in moves
            ],
            "students_placed": [
                f"{p.label} → {self.group_name(p.group)}" for p in placed if p.student[0] == "student"
            ],
            "students_left": [
                f"{s.user} ({s.number})"
                + (f": {', '.join(sorted({m.group.name for m in ms}))}" if ms else "")
                for s, ms in self.leavers
            ],
            "mentors_new": new_mentors,
            "roles_new": sorted(
                f"{self.person_labels.get(('user', pk), pk)}: {RoleKind(kind).label}"
                for pk, kind in self.new_roles
            ),
            "mentorships_new": sorted(
                f"{self.person_labels[p]} → {self.group_name(g)}" for p, g in self.new_mentorships
            ),
            "mentorships_ended": sorted(f"{m.mentor} → {m.group}" for m in self.ended_mentorships),
            "guardians_new": new_guardians,
            "guardians_without_email": sorted(
                f"{self.person_labels[p]} → {self.student_labels[s]}"
                for (p, s) in self.new_guardianships
                if p[0] == "new" and not self.new_people[p[1]].email
            ),
            "guardianships_new": sorted(
                f"{self.person_labels[p]} → {self.student_labels[s]}"
                + ("" if authority else " " + authority_text(authority))
                for (p, s), authority in self.new_guardianships.items()
            ),
            "guardianships_changed": sorted(
                f"{g.guardian} → {g.student}: " + authority_text(authority)
                for g, authority in self.changed_guardianships
            ),
        }
        return {
            "year": {"name": self.year.name, "new": self.year_is_new},
            "full_export": self.full_export,
            "lists": lists,
            "counts": {key: len(value) for key, value in lists.items()},
            "problems": [{"line": line, "reason": reason} for line, reason in sorted(self.problems)],
            "warnings": self.warnings,
            "unchanged": self.unchanged,
            "without_number": self.without_number,
            "empty": self.is_empty,
            "confirm": self.confirm,
            "ignored_columns": self.ignored_columns,
        }


def authority_text(authority: bool | None) -> str:
    if authority is None:
        return _("(gezag onbekend)")
    return _("met gezag") if authority else _("(zonder gezag)")


def current_year(school: School, today: dt.date) -> SchoolYear | None:
    return (
        SchoolYear.objects.filter(school=school, starts_on__lte=today, ends_on__gte=today)
        .order_by("-starts_on")
        .first()
    )


def new_year(school: School, today: dt.date) -> SchoolYear:
    start = today.year if today.month >= 8 else today.year - 1
    return SchoolYear(
        school=school,
        name=f"{start}-{start + 1}",
        starts_on=dt.date(start, 8, 1),
        ends_on=dt.date(start + 1, 7, 31),
    )


def names_of(memberships: list[Membership]) -> str:
    return ", ".join(sorted({m.group.name for m in memberships}))
