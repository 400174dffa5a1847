"""What the demo knows about a student when it writes about them: the pronouns that fit their first name and
the programme they follow (a vmbo or havo profile, or the route after the ISK), so a mentor's note never
calls a boy "ze" or names a programme that is not the student's. The choices demo uses the same programme
for a profile choice."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Final

from koers.demo import names
from koers.schools.models import Track

VMBO_PROFILES: Final = (
    "Zorg en welzijn",
    "Economie en ondernemen",
    "Bouwen, wonen en interieur",
    "Horeca, bakkerij en recreatie",
    "Produceren, installeren en energie",
    "Media, vormgeving en ICT",
    "Mobiliteit en transport",
)
HAVO_PROFILES: Final = (
    "Natuur en Techniek",
    "Natuur en Gezondheid",
    "Economie en Maatschappij",
    "Cultuur en Maatschappij",
)
ISK_ROUTES: Final = ("een entreeopleiding op het mbo", "het vmbo", "een vakopleiding op het mbo")
PROGRAMMES: Final = VMBO_PROFILES + HAVO_PROFILES + ISK_ROUTES
# The `leerling` login heads for car mechanics: his experiences are at the garage.
RICH_PROGRAMME: Final = "Mobiliteit en transport"


@dataclass(frozen=True)
class Pronouns:
    hij: str
    hem: str
    zijn: str


HE: Final = Pronouns(hij="hij", hem="hem", zijn="zijn")
SHE: Final = Pronouns(hij="ze", hem="haar", zijn="haar")


def pronouns_for(first_name: str) -> Pronouns:
    return SHE if first_name in names.GIRL_NAMES else HE


def programmes_of(track: str) -> tuple[str, ...]:
    """The programmes a student of ``track`` can follow."""
    if track == Track.ISK:
        return ISK_ROUTES
    if track in (Track.HAVO, Track.VWO):
        return HAVO_PROFILES
    return VMBO_PROFILES


def programme_for(username: str, track: str, seed: int) -> str:
    """The student's programme, drawn from its own generator so the rest of the demo stays as it was."""
    if username == "leerling":
        return RICH_PROGRAMME
    return random.Random(f"{seed}:programme:{username}").choice(programmes_of(track))


def stage_of(track: str, year_level: int) -> str:
    """Where the student is with their programme: after the ISK, still exploring, choosing now, or in it."""
    if track == Track.ISK:
        return "isk"
    choosing_year = 3 if track in (Track.HAVO, Track.VWO) else 2
    if year_level < choosing_year:
        return "exploring"
    return "choosing" if year_level == choosing_year else "chosen"


# What the mentor notes about the student's programme, per stage.
CAREER_STEERING: Final = {
    "isk": "Wil na de ISK verder op {programme}.",
    "exploring": "Oriënteert zich nog; het profiel {programme} spreekt {hem} het meest aan.",
    "choosing": "Kiest voorlopig voor het profiel {programme}, maar wil eerst nog een dag meelopen.",
    "chosen": "Zit in het profiel {programme} en wil daarin verder.",
}


@dataclass(frozen=True)
class About:
    """One student as the notes need them."""

    pronouns: Pronouns
    programme: str
    stage: str

    def write(self, template: str, **more: str) -> str:
        """``template`` with {hij}, {hem}, {zijn}, {programme} and {steering} filled in for this student."""
        words = {"hij": self.pronouns.hij, "hem": self.pronouns.hem, "zijn": self.pronouns.zijn}
        steering = CAREER_STEERING[self.stage].format(programme=self.programme, **words)
        return template.format(programme=self.programme, steering=steering, **words, **more)
