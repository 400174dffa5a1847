"""The demo's careers: favourites, interest test results, "does this fit me?" answers and open days at Het
Baken, drawn from the shipped catalogue (nothing when the catalogue is not loaded). Bulk inserts only."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from koers.careers.models import (
    Favourite,
    FitReflection,
    InterestField,
    InterestItem,
    InterestResult,
    Occupation,
    OpenDay,
    OpenDayVisit,
    Programme,
)
from koers.careers.vocabulary import EventKind
from koers.schools.models import School

if TYPE_CHECKING:
    from koers.demo.builder import _Builder

FITS = [
    ("Ik help graag mensen.", "Ik weet niet of ik tegen bloed kan.", "Hoe ziet een werkdag eruit?"),
    ("Ik werk graag met mijn handen.", "Het is vaak koud buiten.", "Kan ik het in de bbl leren?"),
    ("Ik vind het leuk om te organiseren.", "Veel achter de computer.", "Welke opleiding past erbij?"),
]
OPEN_DAYS = [
    (EventKind.OPEN_DAY, "ROC Rivierland", "Tiel", 20),
    (EventKind.TASTER_DAY, "Vakschool Betuwe", "Culemborg", 35),
    (EventKind.FAIR, "Onderwijsbeurs Regio", "Geldermalsen", -12),
]


def plan_careers(builder: _Builder, school: School, plans: list[Any]) -> int:
    """Careers items for the students of ``school``; returns how many favourites were made."""
    occupations = list(Occupation.objects.filter(school__isnull=True).order_by("order")[:80])
    programmes = list(Programme.objects.filter(school__isnull=True).order_by("kind", "level", "order")[:40])
    fields = list(InterestField.objects.order_by("order"))
    items = list(InterestItem.objects.select_related("field"))
    rng = builder.rng
    days = []
    for kind, institution, place, offset in OPEN_DAYS:
        days.append(
            builder.add(
                OpenDay(
                    school=school,
                    kind=kind,
                    institution=institution,
                    place=place,
                    date=builder.today + dt.timedelta(days=offset),
                    programme=programmes[offset % len(programmes)] if programmes else None,
                )
            )
        )
    builder.save_all(OpenDay)
    made = 0
    for index, plan in enumerate(plans):
        if plan.profile == "empty" or not occupations:
            continue
        student = plan.student
        mine = {"school": school, "student": student}
        shared = index % 2 == 0
        for occupation in rng.sample(occupations, k=min(len(occupations), rng.randint(1, 3))):
            builder.add(Favourite(**mine, occupation=occupation, shared_with_guardians=shared))
            made += 1
        if programmes and rng.random() < 0.5:
            builder.add(Favourite(**mine, programme=rng.choice(programmes), shared_with_guardians=shared))
        if rng.random() < 0.4:
            attracts, doubts, find_out = rng.choice(FITS)
            builder.add(
                FitReflection(
                    **mine,
                    occupation=rng.choice(occupations),
                    attracts=attracts,
                    doubts=doubts,
                    find_out=find_out,
                )
            )
        if items and rng.random() < 0.6:
            answers = {item.key: rng.choice(["yes", "maybe", "no"]) for item in items}
            scores = {f.key: 0 for f in fields}
            for item in items:
                scores[item.field.key] += {"yes": 2, "maybe": 1, "no": 0}[answers[item.key]]
            builder.add(
                InterestResult(
                    **mine,
                    answers=answers,
                    scores=scores,
                    shared_with_guardians=shared,
                    created_at=builder.moment(builder.day_between(builder.year_start, builder.today)),
                )
            )
        if rng.random() < 0.3:
            builder.add(OpenDayVisit(**mine, open_day=rng.choice(days)))
    builder.save_all(Favourite, FitReflection, InterestResult, OpenDayVisit)
    return made
