"""What the planner knows before it reads a line: the school as it is, read in a fixed number of queries
(whatever the file size), and the people the file names (one query for every address in it)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models.functions import Lower

from koers.schooladmin.importing.decode import Table
from koers.schooladmin.importing.parse import split_name
from koers.schooladmin.importing.plan.result import (
    GroupKey,
    NewPerson,
    PersonKey,
    Plan,
    current_year,
    new_year,
)
from koers.schooladmin.importing.presets import GUARDIAN_SLOTS, ignored_columns
from koers.schools.models import (
    Group,
    Guardianship,
    Membership,
    Mentorship,
    Role,
    RoleKind,
    School,
    Student,
    User,
)


@dataclass
class Line:
    number: int
    cells: dict[str, str]  # field -> cell text, only for mapped fields


class PlannerState:
    """The school's current state and the plan being filled; the sub-topics add the line checks."""

    def __init__(self, school: School, table: Table, mapping: dict[str, Any], today: dt.date) -> None:
        self.table = table
        self.today = today
        columns = mapping.get("columns", {})
        self.index = {f: table.columns.index(c) for f, c in columns.items() if c in table.columns}
        year = current_year(school, today)
        year_is_new = year is None
        if year is None:
            year = new_year(school, today)
        groups = (
            {}
            if year_is_new
            else {g.name.casefold(): g for g in Group.objects.filter(school=school, school_year=year)}
        )
        self.plan = Plan(
            school=school,
            today=today,
            year=year,
            year_is_new=year_is_new,
            full_export=bool(mapping.get("full_export")),
            groups=groups,
            ignored_columns=ignored_columns(table.columns, mapping),
        )
        self.students = {
            s.number: s
            for s in Student.objects.filter(school=school).select_related("user").order_by("pk")
            if s.number
        }
        self.plan.without_number = Student.objects.filter(
            school=school, number="", left_on__isnull=True
        ).count()
        self.memberships: dict[int, list[Membership]] = defaultdict(list)
        if not year_is_new:
            for membership in (
                Membership.objects.current(today)
                .filter(school=school, group__school_year=year)
                .select_related("group")
            ):
                self.memberships[membership.student_id].append(membership)
        self.create_groups = bool(mapping.get("create_groups"))
        self.uses_mentors = "mentor" in self.index and "group" in self.index
        self.uses_guardians = any(
            f"{slot}_{part}" in self.index for slot in GUARDIAN_SLOTS for part in ("email", "name")
        )
        self.staff_codes: dict[str, User] = {}
        self.mentorships: dict[GroupKey, list[Mentorship]] = defaultdict(list)
        if self.uses_mentors:
            for role in (
                Role.objects.filter(school=school)
                .exclude(staff_code="")
                .select_related("user")
                .order_by("pk")
            ):
                self.staff_codes.setdefault(role.staff_code.casefold(), role.user)
            if not year_is_new:
                for mentorship in Mentorship.objects.filter(
                    school=school, group__school_year=year
                ).select_related("group", "mentor"):
                    if mentorship.group is not None:  # always: filtered on the group's year
                        self.mentorships[mentorship.group.name.casefold()].append(mentorship)
        self.guardianships: dict[tuple[int, int], Guardianship] = {}
        self.guardianships_of: dict[int, list[Guardianship]] = defaultdict(list)
        self.numbers_by_pk = {s.pk: number for number, s in self.students.items()}
        if self.uses_guardians:
            for guardianship in Guardianship.objects.filter(school=school).select_related(
                "guardian", "student__user"
            ):
                self.guardianships[(guardianship.guardian_id, guardianship.student_id)] = guardianship
                self.guardianships_of[guardianship.student_id].append(guardianship)
        # Filled once every line has been read (one query for every address in the file).
        self.users_by_email: dict[str, User] = {}
        self.roles: set[tuple[int, str]] = set()
        self.changed: set[int] = set()
        self.wanted_mentors: dict[GroupKey, set[PersonKey]] = {}

    # --- reading ------------------------------------------------------------------------------------

    def lines(self) -> list[Line]:
        return [
            Line(line.number, {f: line.cells[i] for f, i in self.index.items() if i < len(line.cells)})
            for line in self.table.lines
        ]

    def problem(self, line: int, reason: str) -> None:
        self.plan.problems.append((line, reason))

    def load_people(self, lines: list[Line]) -> None:
        emails: set[str] = set()
        for line in lines:
            for slot in GUARDIAN_SLOTS:
                emails.add(line.cells.get(f"{slot}_email", "").lower())
            if self.uses_mentors:
                emails.update(t.lower() for t in mentor_tokens(line.cells.get("mentor", "")) if "@" in t)
        emails.discard("")
        if emails:
            for user in (
                User.objects.annotate(lower_email=Lower("email"))
                .filter(lower_email__in=emails)
                .order_by("pk")
            ):
                self.users_by_email.setdefault(user.email.lower(), user)
        if emails or self.uses_mentors:
            self.roles = set(
                Role.objects.filter(
                    school=self.plan.school, kind__in=[RoleKind.MENTOR, RoleKind.GUARDIAN]
                ).values_list("user_id", "kind")
            )

    # --- people -------------------------------------------------------------------------------------

    def person(self, email: str, kind: str, name: str = "") -> PersonKey:
        """The existing user with this address, or a new person; either way with ``kind`` at the school."""
        email = email.lower()
        user = self.users_by_email.get(email)
        if user is not None:
            key: PersonKey = ("user", user.pk)
            if (user.pk, kind) not in self.roles:
                self.plan.new_roles.add((user.pk, kind))
            self.plan.person_labels[key] = str(user)
            return key
        person = self.plan.new_people.get(email)
        if person is None:
            first, last = split_name(name) if name else ("", "")
            person = self.plan.new_people[email] = NewPerson(email, first, last, email)
        person.roles.add(kind)
        key = ("new", email)
        self.plan.person_labels[key] = person.label
        return key


def mentor_tokens(text: str) -> list[str]:
    return [t for t in text.replace(";", ",").replace("/", ",").replace(" ", ",").split(",") if t]
