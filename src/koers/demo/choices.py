"""Choices in the demo: choice moments per track and year level, argued choices (some confirmed, some late),
the choice status, elective modules for the third year with rankings and one allocation, and a follow-up
choice in the fourth year with the application's status. Seeded by the builder's random generator."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from koers.access.tenancy import school_scope
from koers.choices.domain.modules import run_allocation
from koers.choices.models import (
    Application,
    Choice,
    ChoiceMoment,
    ChoiceStance,
    Confirmation,
    Confirmer,
    Module,
    MomentKind,
    Preference,
    Stance,
)
from koers.schools.models import Group, Membership, Mentorship, Role, RoleKind, School, Track

if TYPE_CHECKING:
    from koers.demo.builder import _Builder

VMBO = (Track.VMBO_BASIS, Track.VMBO_KADER, Track.VMBO_GEMENGD, Track.VMBO_THEORETISCH)
PROFILES = (
    (
        "Zorg en welzijn",
        "Ik help graag mensen en bij mijn snuffelstage in het verpleeghuis voelde ik me nuttig.",
    ),
    ("Economie en ondernemen", "Ik vind verkopen leuk; in mijn bijbaan bij de supermarkt help ik klanten."),
    (
        "Bouwen, wonen en interieur",
        "Ik werk graag met mijn handen en ik heb met mijn oom een schuur gebouwd.",
    ),
    ("Horeca, bakkerij en recreatie", "Koken vind ik het leukst, thuis kook ik elke vrijdag."),
    (
        "Produceren, installeren en energie",
        "Ik wil weten hoe dingen werken; bij de open dag mocht ik solderen.",
    ),
    (
        "Media, vormgeving en ICT",
        "Ik maak filmpjes en websites, en bij de gastles over games wilde ik meer weten.",
    ),
)
ROUTES = (
    ("Verdiepen in twee profielvakken en verbreden met ondernemen", "Ik wil later voor mezelf beginnen."),
    ("Verdiepen in gastheerschap, verbreden met zorg", "Ik wil met mensen werken, misschien in de zorg."),
)
FOLLOW_UP = (
    ("Verzorgende IG (mbo niveau 3)", "ROC Midden"),
    ("Kok (mbo niveau 2)", "Horecavakschool"),
    ("Medewerker ICT (mbo niveau 2)", "Techniek College"),
    ("Havo", "eigen school"),
)
MODULES = (
    ("Koken voor gasten", "Een driegangenmenu voor ouders bedenken, koken en serveren."),
    ("Fietsen repareren", "Banden plakken, remmen afstellen, een fiets helemaal nalopen."),
    ("Eerste hulp", "Leren helpen bij ongelukjes, met een echt EHBO-examen."),
    ("Een winkel runnen", "De schoolwinkel inrichten, inkopen en verkopen."),
    ("Timmeren", "Een krukje ontwerpen en maken."),
    ("Vloggen", "Een vlog over een beroep maken: script, filmen, monteren."),
    ("Tuinieren", "De schooltuin aanleggen en onderhouden."),
    ("Kinderopvang", "Activiteiten bedenken en begeleiden bij de buitenschoolse opvang."),
    ("Elektra", "Schakelingen aanleggen en een lamp aansluiten."),
    ("Sport en bewegen", "Een sportdag voor de onderbouw organiseren."),
    ("Schoonheidsverzorging", "Huidverzorging en visagie, met een dag in een salon."),
    ("Logistiek", "Een magazijn inrichten en orders verzamelen."),
)
STILL = ("Welke stages er zijn.", "Of ik het ook op niveau 3 kan.", "Hoe het werk er echt uitziet.", "")


def plan_choices(builder: _Builder, school: School) -> int:
    """Choice moments, choices, modules and one allocation for ``school``; returns how many choices."""
    groups = [g for g in builder.rows.get(Group, []) if g.school_id == school.pk]
    if not groups:
        return 0
    year = groups[0].school_year
    today = timezone.localdate()
    window = (
        max(year.starts_on, today - dt.timedelta(days=14)),
        min(year.ends_on, today + dt.timedelta(days=10)),
    )
    members: dict[int, list[int]] = {}
    for m in builder.rows.get(Membership, []):
        if m.school_id == school.pk and m.ends_on is None:
            members.setdefault(m.group_id, []).append(m.student_id)
    mentor_of = {
        m.group_id: m.mentor_id for m in builder.rows.get(Mentorship, []) if m.school_id == school.pk
    }
    moments: list[tuple[ChoiceMoment, Group]] = []
    kinds = sorted({(g.track, g.year_level) for g in groups})
    for track, level in kinds:
        specs = []
        if track in VMBO and level == 2:
            specs.append((MomentKind.PROFILE, "Profielkeuze", True))
        if track in VMBO and level == 3:
            specs.append((MomentKind.ROUTE, "Mijn leerroute: verdiepen of verbreden", True))
        if level == 4 or (track == Track.HAVO and level == 3):
            specs.append((MomentKind.FOLLOW_UP, "Vervolgopleiding", True))
        if level == 4 and track in VMBO:
            specs.append((MomentKind.INTERNSHIP, "Stageplek kiezen", False))
        for kind, title, open_now in specs:
            opens, closes = window
            if not open_now:  # a moment that has passed, so the overview shows who is late
                opens, closes = (
                    max(year.starts_on, today - dt.timedelta(days=40)),
                    today - dt.timedelta(days=3),
                )
                if closes < opens:
                    opens, closes = window
            moment = ChoiceMoment(
                school=school,
                school_year=year,
                kind=kind,
                title=title,
                track=track,
                year_level=level,
                opens_on=opens,
                closes_on=closes,
            )
            moments.append((moment, next(g for g in groups if (g.track, g.year_level) == (track, level))))
    ChoiceMoment.objects.bulk_create([m for m, _g in moments])
    choices: list[Choice] = []
    for moment, _g in moments:
        if moment.kind == MomentKind.MODULES:
            continue
        for group in groups:
            if (group.track, group.year_level) != (moment.track, moment.year_level):
                continue
            for student_id in members.get(group.pk, []):
                if not builder.chance(0.6):
                    continue
                if moment.kind == MomentKind.FOLLOW_UP:
                    chosen, institution = builder.rng.choice(FOLLOW_UP)
                    why = "Op de open dag sprak ik studenten en dat voelde goed."
                elif moment.kind == MomentKind.ROUTE:
                    chosen, why = builder.rng.choice(ROUTES)
                    institution = ""
                else:
                    # The profile the student follows everywhere in the demo (demo/about.py).
                    chosen = builder.programmes.get(student_id) or builder.rng.choice(PROFILES)[0]
                    why = dict(PROFILES).get(chosen, "Dit past bij wat ik graag doe.")
                    institution = ""
                choices.append(
                    Choice(
                        school=school,
                        moment=moment,
                        student_id=student_id,
                        chosen=chosen,
                        why=why if builder.chance(0.8) else "",
                        still_to_find_out=builder.rng.choice(STILL),
                        institution=institution,
                        application=builder.rng.choice(list(Application.values))
                        if moment.kind == MomentKind.FOLLOW_UP
                        else "",
                    )
                )
    Choice.objects.bulk_create(choices)
    group_of = {s: g for g, students in members.items() for s in students}
    Confirmation.objects.bulk_create(
        Confirmation(
            school=school, choice=c, confirmer=Confirmer.MENTOR, by_id=mentor_of[group_of[c.student_id]]
        )
        for c in choices
        if c.why and group_of.get(c.student_id) in mentor_of and builder.chance(0.5)
    )
    ChoiceStance.objects.bulk_create(
        ChoiceStance(
            school=school,
            student_id=s,
            stance=builder.rng.choice(list(Stance.values)),
            updated_by_id=mentor_of.get(group_of[s]) or builder.rows[Role][0].user_id,
        )
        for s in group_of
        if group_of[s] in mentor_of and builder.chance(0.5)
    )
    _plan_modules(builder, school, groups, members)
    return len(choices)


def _plan_modules(
    builder: _Builder, school: School, groups: list[Group], members: dict[int, list[int]]
) -> None:
    year = groups[0].school_year
    third = [g for g in groups if g.track in VMBO and g.year_level == 3]
    if not third:
        return
    students = [s for g in third for s in members.get(g.pk, [])]
    per_period = max(8, round(len(students) * 1.2 / len(MODULES)) + 2)
    modules = [
        Module(
            school=school,
            school_year=year,
            title=title,
            description=description,
            room=f"B{1 + i:02d}",
            min_size=min(6, max(2, len(students) // 20)),
            max_size=per_period,
            tracks=list(VMBO),
            year_levels=[3],
            periods=[1, 2, 3, 4],
        )
        for i, (title, description) in enumerate(MODULES)
    ]
    Module.objects.bulk_create(modules)
    weights = [1 / (i + 1) ** 0.7 for i in range(len(modules))]
    prefs = []
    for student_id in students:
        if not builder.chance(0.9):
            continue
        picked: list[Module] = []
        while len(picked) < 6:
            module = builder.rng.choices(modules, weights=weights)[0]
            if module not in picked:
                picked.append(module)
        prefs += [
            Preference(school=school, school_year=year, student_id=student_id, module=m, rank=i + 1)
            for i, m in enumerate(picked)
        ]
    Preference.objects.bulk_create(prefs)
    counsellor = next(
        (r for r in builder.rows.get(Role, []) if r.school_id == school.pk and r.kind == RoleKind.COUNSELLOR),
        None,
    )
    if counsellor is not None and prefs:
        with school_scope(school):
            run_allocation(by=counsellor, school_year=year)
