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

# What the plan reads of a user: enough to compare a student's name and address and to name anyone.
USER_FIELDS = ("username", "first_name", "last_name", "email")


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
        # Only the columns the plan compares or shows: a school of 3,000 has 3,000 students, users,
        # memberships and guardianships, and every column read is converted 3,000 times.
        everyone = list(
            Student.objects.filter(school=school)
            .select_related("user")
            .only("school_id", "number", "date_of_birth", "left_on", *(f"user__{f}" for f in USER_FIELDS))
            .order_by("pk")
        )
        self.students = {s.number: s for s in everyone if s.number}
        students_by_pk = {s.pk: s for s in everyone}
        self.plan.without_number = Student.objects.filter(
            school=school, number="", left_on__isnull=True
        ).count()
        self.memberships: dict[int, list[Membership]] = defaultdict(list)
        if not year_is_new:
            groups_by_pk = {g.pk: g for g in groups.values()}
            for membership in (
                Membership.objects.current(today)
                .filter(school=school, group__school_year=year)
                .only("school_id", "student_id", "group_id", "starts_on", "ends_on")
            ):
                membership.group = groups_by_pk[membership.group_id]  # the year's groups, read above
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
            for guardianship in (
                Guardianship.objects.filter(school=school)
                .select_related("guardian")
                .only("school_id", "student_id", "has_authority", *(f"guardian__{f}" for f in USER_FIELDS))
            ):
                guardianship.student = students_by_pk[guardianship.student_id]  # every student is read above
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
            # Plain rows, not model instances: in a weekly file nearly every address is a guardian whose user
            # was read with the guardianships, so only the others are made into users here.
            known = {g.guardian_id: g.guardian for g in self.guardianships.values()}
            for row in (
                User.objects.annotate(lower_email=Lower("email"))
                .filter(lower_email__in=emails)
                .order_by("pk")
                .values_list("pk", *USER_FIELDS)
            ):
                email = row[USER_FIELDS.index("email") + 1].lower()
                if email not in self.users_by_email:
                    user = known.get(row[0])
                    if user is None:
                        user = User(pk=row[0], **dict(zip(USER_FIELDS, row[1:], strict=True)))
                        user._state.adding = False  # read from the database, as from_db would mark it
                    self.users_by_email[email] = user
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
