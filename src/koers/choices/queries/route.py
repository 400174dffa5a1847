"""Reads for the learning route per exam unit: the student's route moment, the programme's units with the
school's deepenings and the units to broaden with, and the counsellor's numbers per unit. Each a fixed number
of queries."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.http import Http404
from django.utils import timezone

from koers.choices.models import (
    Choice,
    Deepening,
    ExamUnit,
    MomentKind,
    RouteStep,
    VocationalProgramme,
    Way,
)
from koers.choices.queries.moments import MomentLine, current_year, student_choices
from koers.choices.rules import can_plan_choices
from koers.common.lookups import one_or_404
from koers.schools.models import Role, SchoolYear, Student


def route_line(student: Student, day: dt.date | None = None) -> MomentLine | None:
    """The student's route moment now: the open one, else the last one that closed, else the next one."""
    day = day or timezone.localdate()
    lines = [line for line in student_choices(student, day) if line.moment.kind == MomentKind.ROUTE]
    open_now = [line for line in lines if line.moment.is_open(day)]
    if open_now:
        return open_now[0]
    past = [line for line in lines if line.moment.closes_on < day]
    return past[-1] if past else (lines[0] if lines else None)


def programmes() -> list[VocationalProgramme]:
    """The shipped profiles and the school's own programmes (the active school's scope)."""
    return list(VocationalProgramme.objects.all())


def get_programme_for(role: Role, pk: int) -> VocationalProgramme:
    """A shipped programme or one of this school's own."""
    return one_or_404(VocationalProgramme.objects.all(), pk=pk)


def get_unit_for(role: Role, pk: int) -> ExamUnit:
    if not can_plan_choices(role):
        raise Http404
    return one_or_404(ExamUnit.objects.select_related("programme"), pk=pk)


@dataclass
class UnitLine:
    unit: ExamUnit
    deepenings: list[Deepening]
    step: RouteStep | None


@dataclass
class RouteOptions:
    programme: VocationalProgramme
    lines: list[UnitLine]
    broaden_with: list[ExamUnit]

    @property
    def units(self) -> list[ExamUnit]:
        return [line.unit for line in self.lines]


def route_options(
    school_id: int, programme: VocationalProgramme, track: str, choice: Choice | None
) -> RouteOptions:
    """The programme's units open to the track, each with the school's deepenings and the student's step,
    and the units of other programmes to broaden with: four queries."""
    units = [u for u in ExamUnit.objects.filter(programme=programme) if u.open_to(track)]
    deepenings: dict[int, list[Deepening]] = defaultdict(list)
    for deepening in Deepening.objects.filter(school_id=school_id, unit__in=[u.pk for u in units]):
        deepenings[deepening.unit_id].append(deepening)
    others = [
        u
        for u in ExamUnit.objects.exclude(programme=programme).select_related("programme")
        if u.open_to(track)
    ]
    steps: dict[int, RouteStep] = {}
    if choice is not None and choice.pk:
        steps = {s.unit_id: s for s in RouteStep.objects.filter(choice=choice)}
    return RouteOptions(
        programme=programme,
        lines=[UnitLine(unit=u, deepenings=deepenings[u.pk], step=steps.get(u.pk)) for u in units],
        broaden_with=others,
    )


@dataclass
class UnitCount:
    unit: ExamUnit
    explore: int = 0
    deepen: Counter[str] = field(default_factory=Counter)
    broaden_out: int = 0
    broaden_in: int = 0

    @property
    def deepen_total(self) -> int:
        return sum(self.deepen.values())

    @property
    def deepen_lines(self) -> list[tuple[str, int]]:
        """(deepening, students), for templates (which would read ``.items`` as a key of the Counter)."""
        return sorted(self.deepen.items())


@dataclass
class ProgrammeCount:
    programme: VocationalProgramme
    units: list[UnitCount]
    students: int


def unit_numbers(role: Role, year: SchoolYear | None = None) -> list[ProgrammeCount]:
    """Per programme and unit, how many students of this school year explore, deepen (per deepening),
    broaden away from it, and come in from another programme to broaden with it: three queries (programmes,
    units, steps with their deepening)."""
    if not can_plan_choices(role):
        raise Http404
    year = year or current_year(role)
    programmes_ = list(VocationalProgramme.objects.all())
    counts = {u.pk: UnitCount(unit=u) for u in ExamUnit.objects.all()}
    students: dict[int, set[int]] = defaultdict(set)
    steps = (
        RouteStep.objects.filter(choice__moment__school_year=year)
        .select_related("deepening", "choice")
        .only(
            "unit_id",
            "way",
            "broaden_with_id",
            "deepening__title",
            "choice__student_id",
            "choice__vocational_programme_id",
        )
    )
    for step in steps:
        line = counts.get(step.unit_id)
        if line is None:
            continue
        students[line.unit.programme_id].add(step.choice.student_id)
        if step.way == Way.DEEPEN and step.deepening:
            line.deepen[step.deepening.title] += 1
        elif step.way == Way.BROADEN:
            line.broaden_out += 1
            if step.broaden_with_id in counts:
                counts[step.broaden_with_id].broaden_in += 1
        else:
            line.explore += 1
    by_programme: dict[int, list[UnitCount]] = defaultdict(list)
    for line in counts.values():
        by_programme[line.unit.programme_id].append(line)
    return [
        ProgrammeCount(programme=p, units=by_programme[p.pk], students=len(students[p.pk]))
        for p in programmes_
        if by_programme[p.pk]
    ]


@dataclass
class CatalogueLine:
    programme: VocationalProgramme
    units: list[tuple[ExamUnit, list[str]]]


def programme_catalogue(role: Role) -> list[CatalogueLine]:
    """The programmes with their units and this school's deepenings per unit: three queries."""
    if not can_plan_choices(role):
        raise Http404
    titles: dict[int, list[str]] = defaultdict(list)
    for deepening in Deepening.objects.filter(school_id=role.school_id):
        titles[deepening.unit_id].append(deepening.title)
    units: dict[int, list[tuple[ExamUnit, list[str]]]] = defaultdict(list)
    for unit in ExamUnit.objects.all():
        units[unit.programme_id].append((unit, titles[unit.pk]))
    return [CatalogueLine(programme=p, units=units[p.pk]) for p in VocationalProgramme.objects.all()]


def deepening_titles(role: Role, unit: ExamUnit) -> list[str]:
    return list(Deepening.objects.filter(school_id=role.school_id, unit=unit).values_list("title", flat=True))
