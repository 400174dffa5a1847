"""The LOB programme of the demo: the shipped activity types, a year programme per track and year level, and a
smaller programme for last school year so the coverage check has something to compare with.

The programme is realistic but not perfect on purpose: some activities have no preparation or no reflection,
one year level never involves parents, and the ISK programme is thin, so the coverage check shows real
warnings. Everything comes from the builder's seeded random generator; rows are written with ``bulk_create``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from koers.programme.models import Activity, ActivityType, DatePrecision
from koers.schools.models import Group, School, SchoolYear, Track, User

if TYPE_CHECKING:
    from koers.demo.builder import _Builder

# Demo activities tick the planner's checks by hand, as a school that plans its lessons outside Koers would.
_HAND_NOTE = "In de mentorles voorbereid en nabesproken; ouders krijgen een brief mee."

PARTNERS = (
    "Bouwbedrijf Van Dijk",
    "Garage De Zuid",
    "Zorgcentrum De Linde",
    "Bakkerij Smit",
    "Techniekhuis Rijnmond",
    "Albeda",
    "Zadkine",
    "Hogeschool Rotterdam",
)


@dataclass(frozen=True)
class Item:
    """One activity of the template programme. ``month`` counts from August (0) to July (11)."""

    type_key: str
    title: str
    month: int
    preparation: bool
    reflection: bool
    guardians: bool
    competences: tuple[str, ...]
    elements: tuple[str, ...]
    partner: bool = False
    on_a_day: bool = False
    some_groups: bool = False


# Year level 3 deliberately never involves parents; a few activities lack preparation or reflection.
PROGRAMME: dict[int, tuple[Item, ...]] = {
    1: (
        Item(
            "individual_talk",
            "Kennismakingsgesprek met je mentor",
            1,
            True,
            True,
            True,
            ("qualities", "motives"),
            ("active", "parents"),
        ),
        Item(
            "interest_test",
            "Test: waar ben ik goed in?",
            2,
            False,
            True,
            False,
            ("qualities",),
            ("reflection", "active"),
        ),
        Item(
            "home_assignment",
            "Beroepen in mijn familie en straat",
            3,
            False,
            True,
            True,
            ("work_exploration", "networking"),
            ("parents", "active"),
        ),
        Item(
            "guest_speaker",
            "Ouders vertellen over hun werk",
            6,
            True,
            False,
            True,
            ("work_exploration",),
            ("practice", "parents"),
            on_a_day=True,
        ),
        Item(
            "game_simulation",
            "Beroepenspel in de mentorles",
            8,
            False,
            False,
            False,
            ("work_exploration", "qualities"),
            ("active",),
        ),
    ),
    2: (
        Item(
            "careers_fair",
            "Beroepenmarkt in de aula",
            3,
            True,
            True,
            False,
            ("work_exploration", "networking"),
            ("practice", "active"),
            on_a_day=True,
        ),
        Item(
            "company_visit",
            "Bedrijfsbezoek in de regio",
            5,
            True,
            False,
            False,
            ("work_exploration",),
            ("practice",),
            partner=True,
            some_groups=True,
        ),
        Item(
            "individual_talk",
            "Gesprek over de profielkeuze",
            6,
            True,
            True,
            True,
            ("career_steering", "expectations"),
            ("confidence", "parents", "expectations"),
        ),
        Item(
            "group_assignment",
            "Presentatie: mijn droomberoep",
            7,
            False,
            True,
            False,
            ("motives",),
            ("active", "reflection"),
        ),
    ),
    3: (
        Item(
            "job_shadowing",
            "Snuffelstage van twee dagen",
            2,
            True,
            True,
            False,
            ("work_exploration", "qualities"),
            ("practice", "reflection"),
            partner=True,
        ),
        Item(
            "professional_talk",
            "Interview met iemand uit het vak",
            4,
            True,
            False,
            False,
            ("networking", "work_exploration"),
            ("practice", "active"),
        ),
        Item(
            "education_fair",
            "Opleidingenmarkt mbo",
            5,
            False,
            False,
            False,
            ("career_steering",),
            ("practice",),
            on_a_day=True,
        ),
        Item(
            "taster_lesson",
            "Proefles op het mbo",
            7,
            True,
            True,
            False,
            ("career_steering", "expectations"),
            ("practice", "confidence"),
            partner=True,
        ),
    ),
    4: (
        Item(
            "individual_talk",
            "Keuzegesprek vervolgopleiding",
            5,
            True,
            True,
            True,
            ("career_steering", "expectations"),
            ("confidence", "expectations", "parents"),
        ),
        Item(
            "open_day",
            "Open dagen van vervolgopleidingen",
            3,
            True,
            True,
            True,
            ("career_steering",),
            ("parents", "confidence"),
        ),
        Item(
            "internship",
            "Beroepsgerichte stage",
            6,
            True,
            True,
            False,
            ("work_exploration", "qualities", "networking"),
            ("practice", "reflection"),
            partner=True,
        ),
    ),
    5: (
        Item(
            "project",
            "Profielwerkstuk samen met een bedrijf",
            2,
            True,
            True,
            False,
            ("work_exploration", "networking"),
            ("practice", "coherence"),
            partner=True,
        ),
        Item(
            "open_day",
            "Meeloopdag hbo",
            4,
            True,
            True,
            True,
            ("career_steering", "expectations"),
            ("parents", "confidence"),
            partner=True,
        ),
        Item(
            "individual_talk",
            "Studiekeuzegesprek",
            5,
            True,
            True,
            False,
            ("career_steering", "motives"),
            ("confidence", "reflection"),
        ),
    ),
}
PROGRAMME[6] = PROGRAMME[5]
# The ISK programme is thin: students arrive during the year and language comes first.
ISK_PROGRAMME = (
    Item(
        "individual_talk",
        "Kennismaking: wat kun je al, wat wil je?",
        1,
        False,
        True,
        True,
        ("qualities", "motives"),
        ("active", "parents"),
    ),
    Item(
        "company_visit",
        "Excursie naar een bedrijf in de buurt",
        4,
        False,
        False,
        False,
        ("work_exploration",),
        ("practice",),
        partner=True,
    ),
    Item(
        "taster_lesson",
        "Workshop op het mbo",
        7,
        True,
        False,
        False,
        ("career_steering",),
        ("practice",),
        partner=True,
    ),
)


def _month(year: SchoolYear, index: int) -> dt.date:
    first = year.starts_on.replace(day=1)
    total = first.month - 1 + index
    return dt.date(first.year + total // 12, total % 12 + 1, 1)


class ProgrammePlanner:
    def __init__(self, builder: _Builder, school: School):
        self.b = builder
        self.school = school
        self.types = {t.key: t for t in ActivityType.objects.filter(school=school)}
        self.counsellor = builder.counsellors_of[school.pk][0]
        self.teachers = builder.teachers_of[school.pk]
        self.links: list[tuple[Activity, Group]] = []

    def items_for(self, track: str, level: int) -> tuple[Item, ...]:
        return ISK_PROGRAMME if track == Track.ISK else PROGRAMME.get(level, ())

    def responsible(self, item: Item, groups: list[Group]) -> User:
        if item.type_key == "individual_talk" and groups:
            mentors = self.b.mentors_of.get(groups[0].pk, [])
            if mentors:
                return mentors[0]
        if item.type_key in ("careers_fair", "education_fair", "open_day", "internship"):
            return self.counsellor
        return self.b.rng.choice(self.teachers)

    def activity(self, year: SchoolYear, track: str, level: int, item: Item, groups: list[Group]) -> Activity:
        rng = self.b.rng
        month = _month(year, item.month)
        starts_on, precision = month, DatePrecision.MONTH
        if item.on_a_day:
            starts_on, precision = month.replace(day=rng.randint(5, 25)), DatePrecision.DAY
        activity = self.b.add(
            Activity(
                school=self.school,
                school_year=year,
                type=self.types[item.type_key],
                title=item.title,
                track=track,
                year_level=level,
                starts_on=min(max(starts_on, year.starts_on), year.ends_on),
                precision=precision,
                responsible=self.responsible(item, groups),
                partner=rng.choice(PARTNERS) if item.partner else "",
                has_preparation=item.preparation,
                has_reflection=item.reflection,
                involves_guardians=item.guardians,
                checks_note=_HAND_NOTE if item.preparation or item.reflection or item.guardians else "",
                competences=list(item.competences),
                elements=list(item.elements),
            )
        )
        return activity

    def plan_year(self, year: SchoolYear, groups: list[Group]) -> None:
        by_cell: dict[tuple[str, int], list[Group]] = defaultdict(list)
        for group in groups:
            by_cell[(group.track, group.year_level)].append(group)
        for (track, level), cell_groups in sorted(by_cell.items()):
            for item in self.items_for(track, level):
                chosen: list[Group] = []
                if item.some_groups and len(cell_groups) > 1:
                    chosen = self.b.rng.sample(cell_groups, len(cell_groups) // 2)
                activity = self.activity(year, track, level, item, chosen)
                self.links.extend((activity, group) for group in chosen)

    def plan_last_year(self, year: SchoolYear, groups: list[Group]) -> None:
        """Last year's programme had the same shape with fewer activities, for every group of each cell."""
        cells = sorted({(g.track, g.year_level) for g in groups})
        for track, level in cells:
            for item in self.items_for(track, level):
                if self.b.chance(0.25):
                    continue
                self.activity(year, track, level, item, [])

    def save(self) -> None:
        self.b.save_all(Activity)
        through = Activity.groups.through
        through.objects.bulk_create(
            [through(activity_id=a.pk, group_id=g.pk) for a, g in self.links], batch_size=500
        )


def plan_programme(builder: _Builder, school: School) -> int:
    """Plan this year's and last year's programme of ``school``; returns how many activities there are."""
    groups = [g for g in builder.rows[Group] if g.school_id == school.pk]
    if not groups:
        return 0
    year = groups[0].school_year
    last_year = SchoolYear.objects.create(
        school=school,
        name=f"{year.starts_on.year - 1}-{year.ends_on.year - 1}",
        starts_on=year.starts_on.replace(year=year.starts_on.year - 1),
        ends_on=year.ends_on.replace(year=year.ends_on.year - 1),
    )
    planner = ProgrammePlanner(builder, school)
    planner.plan_last_year(last_year, groups)
    planner.plan_year(year, groups)
    planner.save()
    return sum(1 for a in builder.rows.get(Activity, []) if a.school_id == school.pk)
