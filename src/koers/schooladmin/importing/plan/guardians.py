"""Guardians of a line: by e-mail address (a known address with another name is a problem to confirm), or by
name alone for a guardian without one; parental authority yes, no or unknown."""

from __future__ import annotations

from django.utils.translation import gettext as _

from koers.schooladmin.importing.parse import is_email, parse_yes_no, split_name
from koers.schooladmin.importing.plan.result import MAX_NAME, NewPerson, PersonKey, StudentKey
from koers.schooladmin.importing.plan.state import Line, PlannerState
from koers.schooladmin.importing.presets import GUARDIAN_SLOTS
from koers.schools.models import RoleKind, User


class GuardianPlanner(PlannerState):
    def guardians(self, line: Line, student: StudentKey) -> None:
        if not self.uses_guardians:
            return
        for n, slot in enumerate(GUARDIAN_SLOTS, start=1):
            email = line.cells.get(f"{slot}_email", "")
            name = " ".join(line.cells.get(f"{slot}_name", "").split())
            if not email and not name:
                continue  # no (second) guardian on this line
            # Every problem of this guardian is reported, also when the first already skips them.
            skipped = False
            if email and not is_email(email):
                self.problem(
                    line.number,
                    _("Het e-mailadres van ouder/verzorger %(n)s, '%(value)s', is ongeldig; overgeslagen.")
                    % {"n": n, "value": email},
                )
                skipped = True
            if len(name) > MAX_NAME:
                self.problem(
                    line.number,
                    _("De naam van ouder/verzorger %(n)s is langer dan %(max)s tekens; overgeslagen.")
                    % {"n": n, "max": MAX_NAME},
                )
                skipped = True
            authority = self.authority(line, slot)
            if skipped:
                continue
            if not email:
                key = self.guardian_without_email(name, student)
            else:
                known = self.users_by_email.get(email.lower())
                if known is not None and name and not same_person(name, known):
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

    def authority(self, line: Line, slot: str) -> bool | None:
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
                if same_name(name, guardianship.guardian):
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


def same_person(name: str, user: User) -> bool:
    """Whether the name in the file can be the user's: their last name's words all occur in it."""
    words = set(name.casefold().replace(",", " ").split())
    last = set(user.last_name.casefold().split())
    return not last or last <= words


def same_name(name: str, user: User) -> bool:
    """Whether a guardian named without an address is this user: the same words in the name."""
    return sorted(name.casefold().replace(",", " ").split()) == sorted(str(user).casefold().split())
