"""The walk over the lines: each student line checked cell by cell (every problem reported), placed in its
group, compared with the student Koers knows; students a full export does not name leave."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from koers.schooladmin.importing.parse import is_email, parse_date
from koers.schooladmin.importing.plan.groups import GroupPlanner
from koers.schooladmin.importing.plan.guardians import GuardianPlanner
from koers.schooladmin.importing.plan.problems import conflicting_numbers
from koers.schooladmin.importing.plan.result import (
    EARLIEST_BIRTH,
    MAX_EMAIL,
    MAX_NAME,
    MAX_NUMBER,
    GroupKey,
    NewStudent,
    Placement,
    Plan,
    StudentChange,
    StudentKey,
)
from koers.schooladmin.importing.plan.state import Line
from koers.schools.models import Student


class Planner(GroupPlanner, GuardianPlanner):
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
        conflicts = conflicting_numbers(lines, sorted(student_fields))
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

    def student_line(self, line: Line, number: str) -> bool:
        """Check every cell of the line and report each problem; a line with a blocking one is skipped
        (returns False)."""
        cells = line.cells
        student = self.students.get(number)
        blocked = False
        first, last = cells.get("first_name", ""), last_name_of(cells)
        if student is None and not (first or last):
            self.problem(line.number, _("Een nieuwe leerling zonder naam; deze regel wordt overgeslagen."))
            blocked = True
        for value, name in ((first, "first_name"), (last, "last_name")):
            if len(value) > MAX_NAME:
                label = _("roepnaam") if name == "first_name" else _("achternaam")
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
        self, line: Line, student: Student, first: str, last: str, email: str, born: dt.date | None
    ) -> None:
        user_fields: dict[str, str] = {}
        student_fields: dict[str, Any] = {}
        notes: list[str] = []
        for name, value in (("first_name", first), ("last_name", last), ("email", email)):
            if value and getattr(student.user, name) != value:
                user_fields[name] = value
                # Translated only for what changed: most lines of a weekly file change nothing.
                label = {"first_name": _("roepnaam"), "last_name": _("achternaam"), "email": _("e-mailadres")}
                notes.append(f"{label[name]}: {getattr(student.user, name) or '-'} → {value}")
        if born and student.date_of_birth != born:
            student_fields["date_of_birth"] = born
            notes.append(_("geboortedatum"))
        if student.left_on is not None:
            student_fields["left_on"] = None
            notes.append(_("weer ingeschreven"))
        if notes:
            self.changed.add(student.pk)
            self.plan.changes.append(StudentChange(student, line.number, user_fields, student_fields, notes))

    def place(
        self, line: Line, key: StudentKey, label: str, student: Student | None, group_key: GroupKey
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


def last_name_of(cells: dict[str, str]) -> str:
    return " ".join(p for p in (cells.get("prefix", ""), cells.get("last_name", "")) if p)
