"""The dry run: what an export would create, change, move and end at a school, and which lines are wrong.

``make_plan`` reads the school's current state in a fixed number of queries (whatever the file size),
walks the lines once, and returns a ``Plan``: the operations ``apply.apply_plan`` performs, and a summary
for the preview. It never writes. A line with a problem is listed with its number and a Dutch reason; a
line that cannot be used is skipped as a whole, a single unusable cell (a date, a mentor) only drops that
cell. Students who appear on any line, even a skipped one, count as present: a typo never ends anyone.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.schooladmin.importing.decode import Table
from koers.schooladmin.importing.parse import (
    is_email,
    parse_date,
    parse_track,
    parse_year_level,
    parse_yes_no,
    split_name,
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
    SchoolYear,
    Student,
    Track,
    User,
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
            "students_moved": [f"{p.label}: {_names(p.ending)} → {self.group_name(p.group)}" for p in moves],
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
                + ("" if authority else " " + _authority_text(authority))
                for (p, s), authority in self.new_guardianships.items()
            ),
            "guardianships_changed": sorted(
                f"{g.guardian} → {g.student}: " + _authority_text(authority)
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


def _authority_text(authority: bool | None) -> str:
    if authority is None:
        return _("(gezag onbekend)")
    return _("met gezag") if authority else _("(zonder gezag)")


def current_year(school: School, today: dt.date) -> SchoolYear | None:
    return (
        SchoolYear.objects.filter(school=school, starts_on__lte=today, ends_on__gte=today)
        .order_by("-starts_on")
        .first()
    )


def _new_year(school: School, today: dt.date) -> SchoolYear:
    start = today.year if today.month >= 8 else today.year - 1
    return SchoolYear(
        school=school,
        name=f"{start}-{start + 1}",
        starts_on=dt.date(start, 8, 1),
        ends_on=dt.date(start + 1, 7, 31),
    )


@dataclass
class _Line:
    number: int
    cells: dict[str, str]  # field -> cell text, only for mapped fields


class _Planner:
    def __init__(self, school: School, table: Table, mapping: dict[str, Any], today: dt.date) -> None:
        self.table = table
        self.today = today
        columns = mapping.get("columns", {})
        self.index = {f: table.columns.index(c) for f, c in columns.items() if c in table.columns}
        year = current_year(school, today)
        year_is_new = year is None
        if year is None:
            year = _new_year(school, today)
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

    def lines(self) -> list[_Line]:
        return [
            _Line(line.number, {f: line.cells[i] for f, i in self.index.items() if i < len(line.cells)})
            for line in self.table.lines
        ]

    def problem(self, line: int, reason: str) -> None:
        self.plan.problems.append((line, reason))

    def load_people(self, lines: list[_Line]) -> None:
        emails: set[str] = set()
        for line in lines:
            for slot in GUARDIAN_SLOTS:
                emails.add(line.cells.get(f"{slot}_email", "").lower())
            if self.uses_mentors:
                emails.update(t.lower() for t in _mentor_tokens(line.cells.get("mentor", "")) if "@" in t)
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

    # --- the walk -----------------------------------------------------------------------------------

    def run(self) -> Plan:
        lines = self.lines()
        self.load_people(lines)
        if "number" not in self.index:
            self.problem(
                1, _("Er is geen kolom gekoppeld aan het leerlingnummer; Koers kan niemand herkennen.")
            )
            return self.plan
        present: set[str] = set()
        seen: dict[str, tuple[int, tuple[str, ...], tuple[str, ...]]] = {}
        skipped: set[str] = set()  # numbers whose first line was skipped: their later lines go too
        student_fields = [f for f in self.index if f.split("_")[0] not in ("guardian", "guardian2")]
        conflicts = _conflicting_numbers(lines, sorted(student_fields))
        for line in lines:
            number = line.cells.get("number", "")
            if not number:
                self.problem(line.number, _("Het leerlingnummer ontbreekt; deze regel wordt overgeslagen."))
                continue
            present.add(number)
            if len(number) > MAX_NUMBER:
                self.problem(
                    line.number,
                    _("Het leerlingnummer is langer dan %(max)s tekens; deze regel wordt overgeslagen.")
                    % {"max": MAX_NUMBER},
                )
                continue
            if number in conflicts:
                self.problem(
                    line.number,
                    _(
                        "Leerlingnummer %(number)s staat op de regels %(lines)s met verschillende gegevens. "
                        "Koers leest geen van deze regels in tot het bestand is verbeterd."
                    )
                    % {"number": number, "lines": ", ".join(str(n) for n in conflicts[number])},
                )
                continue
            whole = tuple(line.cells.get(f, "") for f in sorted(self.index))
            own = tuple(line.cells.get(f, "") for f in sorted(student_fields))
            if number in seen:
                earlier, earlier_whole, earlier_own = seen[number]
                if whole == earlier_whole:
                    self.problem(
                        line.number,
                        _("Dubbele regel: dezelfde gegevens staan al op regel %(line)s; overgeslagen.")
                        % {"line": earlier},
                    )
                elif own != earlier_own:
                    self.problem(
                        line.number,
                        _(
                            "Leerlingnummer %(number)s staat ook op regel %(line)s, met andere gegevens; "
                            "deze regel wordt overgeslagen."
                        )
                        % {"number": number, "line": earlier},
                    )
                elif number in skipped:
                    self.problem(
                        line.number,
                        _("Regel %(line)s van deze leerling is overgeslagen, dus deze regel ook.")
                        % {"line": earlier},
                    )
                else:
                    # The same student again with another guardian (one line per guardian).
                    self.guardians(line, self.student_key(number))
                continue
            seen[number] = (line.number, whole, own)
            if not self.student_line(line, number):
                skipped.add(number)
        if self.plan.full_export:
            self.find_leavers(present)
        self.end_mentorships()
        return self.plan

    def student_key(self, number: str) -> StudentKey:
        student = self.students.get(number)
        return ("student", student.pk) if student else ("number", number)

    def student_line(self, line: _Line, number: str) -> bool:
        """Check every cell of the line and report each problem; a line with a blocking one is skipped
        (returns False)."""
        cells = line.cells
        student = self.students.get(number)
        blocked = False
        first, last = cells.get("first_name", ""), _last_name(cells)
        if student is None and not (first or last):
            self.problem(line.number, _("Een nieuwe leerling zonder naam; deze regel wordt overgeslagen."))
            blocked = True
        for value, label in ((first, _("roepnaam")), (last, _("achternaam"))):
            if len(value) > MAX_NAME:
                self.problem(
                    line.number,
                    _(
                        "De %(field)s is %(length)s tekens lang; Koers bewaart er hoogstens %(max)s. Deze "
                        "regel wordt overgeslagen."
                    )
                    % {"field": label, "length": len(value), "max": MAX_NAME},
                )
                blocked = True
        born = None
        if cells.get("date_of_birth"):
            born = parse_date(cells["date_of_birth"])
            if born is None:
                self.problem(
                    line.number,
                    _("De geboortedatum '%(value)s' is geen geldige datum; die wordt niet ingelezen.")
                    % {"value": cells["date_of_birth"]},
                )
            elif not EARLIEST_BIRTH <= born <= self.today:
                self.problem(
                    line.number,
                    _(
                        "De geboortedatum %(value)s kan niet van een leerling zijn (vóór 1990 of in de "
                        "toekomst); die wordt niet ingelezen."
                    )
                    % {"value": born.isoformat()},
                )
                born = None
        group_key: GroupKey | None = None
        if "group" in self.index:
            group_name = cells.get("group", "")
            if not group_name:
                self.problem(line.number, _("De groep ontbreekt; deze regel wordt overgeslagen."))
                blocked = True
            else:
                group_key = self.group(line, group_name, create=not blocked)
                blocked = blocked or group_key is None
        email = cells.get("email", "")
        if len(email) > MAX_EMAIL:
            self.problem(
                line.number,
                _("Het e-mailadres is langer dan %(max)s tekens; het wordt niet ingelezen.")
                % {"max": MAX_EMAIL},
            )
            email = ""
        elif email and not is_email(email):
            self.problem(
                line.number,
                _("Het e-mailadres '%(value)s' is ongeldig; het wordt niet ingelezen.") % {"value": email},
            )
            email = ""
        if blocked:
            return False
        if student is None:
            new = NewStudent(line.number, number, first, last, email.lower(), born)
            self.plan.new_students[number] = new
            key: StudentKey = ("number", number)
            label = new.label
        else:
            key = ("student", student.pk)
            label = f"{student.user} ({number})"
            self.compare(line, student, first, last, email.lower(), born)
        self.plan.student_labels[key] = label
        if group_key is not None:
            self.place(line, key, label, student, group_key)
            self.mentors(line, group_key)
        self.guardians(line, key)
        return True

    def compare(
        self, line: _Line, student: Student, first: str, last: str, email: str, born: dt.date | None
    ) -> None:
        user_fields: dict[str, str] = {}
        student_fields: dict[str, Any] = {}
        notes: list[str] = []
        for name, value, label in (
            ("first_name", first, _("roepnaam")),
            ("last_name", last, _("achternaam")),
            ("email", email, _("e-mailadres")),
        ):
            if value and getattr(student.user, name) != value:
                user_fields[name] = value
                notes.append(f"{label}: {getattr(student.user, name) or '-'} → {value}")
        if born and student.date_of_birth != born:
            student_fields["date_of_birth"] = born
            notes.append(_("geboortedatum"))
        if student.left_on is not None:
            student_fields["left_on"] = None
            notes.append(_("weer ingeschreven"))
        if notes:
            self.changed.add(student.pk)
            self.plan.changes.append(StudentChange(student, line.number, user_fields, student_fields, notes))

    def group(self, line: _Line, name: str, *, create: bool = True) -> GroupKey | None:
        """The group of the line; a new one when it can be derived (only planned when ``create``)."""
        key = name.casefold()
        if key in self.plan.groups or key in self.plan.new_groups:
            return key
        if len(name) > MAX_GROUP_NAME:
            self.problem(
                line.number,
                _("De groepsnaam '%(name)s' is langer dan %(max)s tekens; deze regel wordt overgeslagen.")
                % {"name": name, "max": MAX_GROUP_NAME},
            )
            return None
        near = _near_miss(key, self.plan.groups)
        if near is not None and not self.create_groups:
            self.problem(
                line.number,
                _(
                    "De groep '%(name)s' bestaat niet; bedoeld is misschien %(near)s? Deze regel wordt "
                    "overgeslagen. Verbeter het bestand, of kies bij de kolommen dat zulke groepen nieuw "
                    "zijn."
                )
                % {"name": name, "near": near.name},
            )
            return None
        year_text, track_text = line.cells.get("year_level", ""), line.cells.get("track", "")
        track = parse_track(track_text, name)
        level = parse_year_level(year_text, track_text, name)
        if level is None and track == Track.ISK:
            level = 1
        if track is None or level is None:
            self.problem(
                line.number,
                _(
                    "Koers kan het leerjaar of de leerweg van de nieuwe groep '%(name)s' niet afleiden; "
                    "koppel een kolom met het leerjaar en de leerweg. Deze regel wordt overgeslagen."
                )
                % {"name": name},
            )
            return None
        if create:
            self.plan.new_groups[key] = Group(
                school=self.plan.school, name=name, year_level=level, track=track
            )
        return key

    def place(
        self, line: _Line, key: StudentKey, label: str, student: Student | None, group_key: GroupKey
    ) -> None:
        current = self.memberships.get(student.pk, []) if student else []
        group = self.plan.groups.get(group_key)
        if group is not None and any(m.group_id == group.pk for m in current):
            if not (student and student.pk in self.changed):
                self.plan.unchanged += 1
            return
        self.plan.placements.append(Placement(line.number, key, label, group_key, list(current)))

    def find_leavers(self, present: set[str]) -> None:
        for number, student in self.students.items():
            if number not in present and student.left_on is None:
                self.plan.leavers.append((student, self.memberships.get(student.pk, [])))
        active = self.plan.active = sum(1 for s in self.students.values() if s.left_on is None)
        if self.plan.confirm and self.plan.leavers:
            self.plan.warnings.append(
                _(
                    "Let op: %(n)s van de %(total)s leerlingen staan niet in dit bestand en worden "
                    "uitgeschreven. Is dit wel de volledige export, en is de goede kolom als leerlingnummer "
                    "gekoppeld?"
                )
                % {"n": len(self.plan.leavers), "total": active}
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

    def mentors(self, line: _Line, group_key: GroupKey) -> None:
        if not self.uses_mentors:
            return
        wanted = self.wanted_mentors.setdefault(group_key, set())
        for token in _mentor_tokens(line.cells.get("mentor", "")):
            if "@" in token:
                if not is_email(token):
                    self.problem(
                        line.number,
                        _(
                            "Het e-mailadres van de mentor '%(value)s' is ongeldig; die mentor wordt niet "
                            "ingelezen."
                        )
                        % {"value": token},
                    )
                    continue
                key = self.person(token, RoleKind.MENTOR)
            else:
                user = self.staff_codes.get(token.casefold())
                if user is None:
                    self.problem(
                        line.number,
                        _(
                            "Onbekende mentor '%(value)s': geen medewerker heeft deze afkorting. De leerling "
                            "wordt wel ingelezen, zonder deze mentor."
                        )
                        % {"value": token},
                    )
                    continue
                key = ("user", user.pk)
                self.plan.person_labels[key] = str(user)
                if (user.pk, RoleKind.MENTOR) not in self.roles:
                    self.plan.new_roles.add((user.pk, RoleKind.MENTOR))
            wanted.add(key)

    def end_mentorships(self) -> None:
        for group_key, wanted in self.wanted_mentors.items():
            if not wanted:
                continue  # no mentor in the file for this group: leave its mentors alone
            existing = self.mentorships.get(group_key, [])
            have = {("user", m.mentor_id) for m in existing}
            for person in wanted - have:
                self.plan.new_mentorships.add((person, group_key))
            if self.plan.full_export:
                # Only a full export speaks for every group; a partial file (one class, a correction) may
                # name a single mentor and never takes the others away.
                self.plan.ended_mentorships.extend(m for m in existing if ("user", m.mentor_id) not in wanted)

    def guardians(self, line: _Line, student: StudentKey) -> None:
        if not self.uses_guardians:
            return
        for n, slot in enumerate(GUARDIAN_SLOTS, start=1):
            email = line.cells.get(f"{slot}_email", "")
            name = " ".join(line.cells.get(f"{slot}_name", "").split())
            if not email and not name:
                continue  # no (second) guardian on this line
            if email and not is_email(email):
                self.problem(
                    line.number,
                    _("Het e-mailadres van ouder/verzorger %(n)s, '%(value)s', is ongeldig; overgeslagen.")
                    % {"n": n, "value": email},
                )
                continue
            if len(name) > MAX_NAME:
                self.problem(
                    line.number,
                    _("De naam van ouder/verzorger %(n)s is langer dan %(max)s tekens; overgeslagen.")
                    % {"n": n, "max": MAX_NAME},
                )
                continue
            authority = self.authority(line, slot)
            if not email:
                key = self.guardian_without_email(name, student)
            else:
                known = self.users_by_email.get(email.lower())
                if known is not None and name and not _same_person(name, known):
                    self.problem(
                        line.number,
                        _(
                            "Het e-mailadres %(email)s van ouder/verzorger %(n)s hoort in Koers bij "
                            "%(known)s, maar in het bestand staat '%(name)s'. Koers koppelt deze ouder niet; "
                            "controleer het adres."
                        )
                        % {"email": email, "n": n, "known": str(known), "name": name},
                    )
                    continue
                key = self.person(email, RoleKind.GUARDIAN, name)
            if key[0] == "user" and student[0] == "student":
                existing = self.guardianships.get((key[1], student[1]))
                if existing is not None:
                    if (
                        line.cells.get(f"{slot}_authority", "")
                        and existing.has_authority != authority
                        and all(g is not existing for g, _a in self.plan.changed_guardianships)
                    ):
                        self.plan.changed_guardianships.append((existing, authority))
                    continue
            self.plan.new_guardianships[(key, student)] = authority

    def authority(self, line: _Line, slot: str) -> bool | None:
        """Yes or no as the file says; unknown (None) when it says something else or, with a mapped column,
        nothing. Only a file without an authority column gives yes for everyone."""
        if f"{slot}_authority" not in self.index:
            return True
        text = line.cells.get(f"{slot}_authority", "")
        authority = parse_yes_no(text) if text else None
        if text and authority is None:
            self.problem(
                line.number,
                _(
                    "Bij gezag staat '%(value)s'; Koers verwacht ja of nee. Het gezag wordt opgeslagen als "
                    "onbekend: deze ouder beslist niets tot de school het verbetert."
                )
                % {"value": text},
            )
        return authority

    def guardian_without_email(self, name: str, student: StudentKey) -> PersonKey:
        """A guardian the file names without an address: the student's guardian of that name, or a new one
        (they get a letter with a code to make their account)."""
        if student[0] == "student":
            for guardianship in self.guardianships_of.get(student[1], []):
                if _same_name(name, guardianship.guardian):
                    key: PersonKey = ("user", guardianship.guardian_id)
                    self.plan.person_labels[key] = str(guardianship.guardian)
                    return key
        slug = f"{student[1]}:{name.casefold()}"
        person = self.plan.new_people.get(slug)
        if person is None:
            first, last = split_name(name)
            person = self.plan.new_people[slug] = NewPerson(slug, first, last, "")
            number = student[1] if student[0] == "number" else self.numbers_by_pk.get(student[1], "")
            person.username = f"{self.plan.school.slug}-ouder-{number}"
        person.roles.add(RoleKind.GUARDIAN)
        key = ("new", slug)
        self.plan.person_labels[key] = person.label
        return key


def _conflicting_numbers(lines: list[_Line], student_fields: list[str]) -> dict[str, list[int]]:
    """Student numbers that appear on lines with different student data, with all those line numbers."""
    by_number: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    for line in lines:
        number = line.cells.get("number", "")
        if number:
            by_number[number].append((line.number, tuple(line.cells.get(f, "") for f in student_fields)))
    return {
        number: [n for n, _own in found]
        for number, found in by_number.items()
        if len({own for _n, own in found}) > 1
    }


def _near_miss(key: GroupKey, groups: dict[GroupKey, Group]) -> Group | None:
    """An existing group that ``key`` looks like a typing error of, or None.

    A typing error: the same name but for spaces, dots and dashes or an l/o typed for 1/0 ("3k 1", "3kl"),
    or one character off where a letter took the place of a digit, or a character was added or dropped
    ("3k11", "3kk1"). A parallel class ("3k2" beside "3k1": a digit for a digit) is not one.
    """
    folded = _fold(key)
    for other, group in groups.items():
        if _fold(other) == folded:
            return group
        if abs(len(other) - len(key)) <= 1 and _shape(other) != _shape(key) and _one_edit(key, other):
            return group
    return None


def _fold(name: str) -> str:
    return "".join(ch for ch in name if ch.isalnum()).replace("l", "1").replace("o", "0")


def _shape(name: str) -> str:
    return "".join("9" if ch.isdigit() else "a" if ch.isalpha() else "." for ch in name)


def _one_edit(a: str, b: str) -> bool:
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    changed = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")
    return changed == 1


def _same_person(name: str, user: User) -> bool:
    """Whether the name in the file can be the user's: their last name's words all occur in it."""
    words = set(name.casefold().replace(",", " ").split())
    last = set(user.last_name.casefold().split())
    return not last or last <= words


def _same_name(name: str, user: User) -> bool:
    """Whether a guardian named without an address is this user: the same words in the name."""
    return sorted(name.casefold().replace(",", " ").split()) == sorted(str(user).casefold().split())


def _names(memberships: list[Membership]) -> str:
    return ", ".join(sorted({m.group.name for m in memberships}))


def _mentor_tokens(text: str) -> list[str]:
    return [t for t in text.replace(";", ",").replace("/", ",").replace(" ", ",").split(",") if t]


def _last_name(cells: dict[str, str]) -> str:
    return " ".join(p for p in (cells.get("prefix", ""), cells.get("last_name", "")) if p)


def make_plan(*, school: School, table: Table, mapping: dict[str, Any], today: dt.date | None = None) -> Plan:
    """What importing ``table`` with ``mapping`` would do at ``school`` (inside its scope); writes nothing."""
    return _Planner(school, table, mapping, today or timezone.localdate()).run()
