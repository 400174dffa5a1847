"""Builders for the choices tests: moments, choices, modules and placements of the test world."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.text import slugify
from django_scopes import scopes_disabled

from koers.choices.models import (
    Choice,
    ChoiceMoment,
    Deepening,
    ExamUnit,
    Module,
    MomentKind,
    Placement,
    VocationalProgramme,
)
from koers.schools.models import Group, Student


def make_moment(group: Group, **values: Any) -> ChoiceMoment:
    today = timezone.localdate()
    defaults: dict[str, Any] = {
        "kind": MomentKind.PROFILE,
        "title": "Profielkeuze",
        "opens_on": max(group.school_year.starts_on, today - dt.timedelta(days=7)),
        "closes_on": min(group.school_year.ends_on, today + dt.timedelta(days=14)),
    }
    defaults.update(values)
    with scopes_disabled():
        return ChoiceMoment.objects.create(
            school_id=group.school_id,
            school_year=group.school_year,
            track=group.track,
            year_level=group.year_level,
            **defaults,
        )


def make_choice(moment: ChoiceMoment, student: Student, **values: Any) -> Choice:
    defaults: dict[str, Any] = {"chosen": "Zorg en welzijn", "why": "Ik help graag mensen."}
    defaults.update(values)
    with scopes_disabled():
        return Choice.objects.create(school_id=student.school_id, moment=moment, student=student, **defaults)


def make_module(group: Group, **values: Any) -> Module:
    defaults: dict[str, Any] = {
        "title": "Koken voor gasten",
        "min_size": 1,
        "max_size": 20,
        "tracks": [group.track],
        "year_levels": [group.year_level],
        "periods": [1, 2, 3, 4],
    }
    defaults.update(values)
    with scopes_disabled():
        return Module.objects.create(school_id=group.school_id, school_year=group.school_year, **defaults)


def make_placement(module: Module, student: Student, period: int = 1, **values: Any) -> Placement:
    with scopes_disabled():
        return Placement.objects.create(
            school_id=module.school_id,
            school_year_id=module.school_year_id,
            student=student,
            module=module,
            period=period,
            **values,
        )


def make_programme(school: Any, name: str = "Techniek breed", units: tuple[str, ...] = ("Eerste",)) -> Any:
    """A programme of the school's own with units (the shipped ten come from ``load_content``)."""

    with scopes_disabled():
        programme = VocationalProgramme.objects.create(
            school=school, key=slugify(name), texts={"nl": name}, order=100
        )
        for order, unit in enumerate(units):
            ExamUnit.objects.create(
                school=school,
                programme=programme,
                key=f"{slugify(name)}-{slugify(unit)}",
                texts={"nl": unit},
                kind="own",
                order=order,
            )
    return programme


def make_deepening(school: Any, unit: Any, title: str = "Verder verdiepen") -> Any:
    """A deepening ``school`` offers for ``unit`` (shipped or its own)."""

    with scopes_disabled():
        return Deepening.objects.create(school=school, unit=unit, title=title)
