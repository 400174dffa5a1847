"""Groups and mentors of a line: a known group, a new one, or a problem (\"did you mean 3K1?\"); mentor links
are added per named mentor and only a full export ends the others."""

from __future__ import annotations

from django.utils.translation import gettext as _

from koers.schooladmin.importing.parse import is_email, parse_track, parse_year_level
from koers.schooladmin.importing.plan.problems import near_miss
from koers.schooladmin.importing.plan.result import MAX_GROUP_NAME, GroupKey
from koers.schooladmin.importing.plan.state import Line, PlannerState, mentor_tokens
from koers.schools.models import Group, RoleKind, Track


class GroupPlanner(PlannerState):
    def group(self, line: Line, name: str, *, create: bool = True) -> GroupKey | None:
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
        near = near_miss(key, self.plan.groups)
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

    def mentors(self, line: Line, group_key: GroupKey) -> None:
        if not self.uses_mentors:
            return
        wanted = self.wanted_mentors.setdefault(group_key, set())
        for token in mentor_tokens(line.cells.get("mentor", "")):
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
