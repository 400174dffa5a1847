"""Reads about modules, rankings and placements, each page in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.http import Http404

from koers.choices.models import PERIODS, AllocationRun, Module, Placement, Preference
from koers.choices.rules import can_plan_choices
from koers.common.lookups import one_or_404
from koers.programme.models import Activity
from koers.schools.models import Group, Membership, Role, RoleKind, SchoolYear, Student, User
from koers.schools.queries import current_group_of


@dataclass
class Missed:
    module: Module
    rank: int
    reason: str  # "full", "cancelled", "enough": the student got enough better choices


@dataclass
class StudentModules:
    group: Group | None
    modules: list[Module]
    ranking: list[Preference]
    placements: list[Placement]
    missed: list[Missed]


def student_modules(student: Student, day: dt.date | None = None) -> StudentModules:
    """Five queries: group, modules of the year, the ranking, the placements, the seats taken per module."""
    group = current_group_of(student, day)
    if group is None:
        return StudentModules(None, [], [], [], [])
    modules = [
        m
        for m in Module.objects.filter(school_year_id=group.school_year_id).select_related("teacher")
        if m.open_to(group.track, group.year_level)
    ]
    by_id = {m.pk: m for m in modules}
    ranking = [p for p in Preference.objects.filter(student=student, school_year_id=group.school_year_id)]
    for p in ranking:
        p.module = by_id.get(p.module_id, p.module)
    placements = list(
        Placement.objects.filter(student=student, school_year_id=group.school_year_id).select_related(
            "module__presentation"
        )
    )
    got = {p.module_id for p in placements}
    taken = dict(
        Placement.objects.filter(module_id__in=[p.module_id for p in ranking])
        .values_list("module_id")
        .annotate(n=Count("pk"))
        .values_list("module_id", "n")
    )
    missed = []
    if placements:
        worst_got = max((p.rank or 99) for p in placements)
        for pref in ranking:
            if pref.module_id in got or pref.module_id not in by_id:
                continue
            module = by_id[pref.module_id]
            if pref.rank > worst_got:
                reason = "enough"
            elif taken.get(module.pk, 0) == 0:
                reason = "cancelled"
            else:
                reason = "full"
            missed.append(Missed(module=module, rank=pref.rank, reason=reason))
    return StudentModules(group, modules, ranking, placements, missed)


@dataclass
class ModuleLine:
    module: Module
    per_period: dict[int, list[Placement]] = field(default_factory=dict)
    waiting: list[Preference] = field(default_factory=list)

    def periods(self) -> list[tuple[int, list[Placement] | None]]:
        return [(p, self.per_period.get(p) if p in self.module.periods else None) for p in PERIODS]


@dataclass
class AllocationPage:
    year: SchoolYear | None
    lines: list[ModuleLine]
    last_run: AllocationRun | None
    ranked: int
    placed: int


def allocation_page(school_id: int, year: SchoolYear | None) -> AllocationPage:
    """Four queries: modules, placements with students, rankings (for the waiting lists and the count), the
    last run."""
    if year is None:
        return AllocationPage(None, [], None, 0, 0)
    modules = list(Module.objects.filter(school_id=school_id, school_year=year).select_related("teacher"))
    lines = {m.pk: ModuleLine(module=m) for m in modules}
    placements = list(
        Placement.objects.filter(school_year=year)
        .select_related("student__user")
        .order_by("period", "student__user__last_name", "student__user__first_name", "pk")
    )
    got: dict[int, set[int]] = defaultdict(set)
    for placement in placements:
        got[placement.student_id].add(placement.module_id)
        line = lines.get(placement.module_id)
        if line is not None:
            line.per_period.setdefault(placement.period, []).append(placement)
    ranked_students = set()
    for pref in (
        Preference.objects.filter(school_year=year).select_related("student__user").order_by("rank", "pk")
    ):
        ranked_students.add(pref.student_id)
        # The waiting list: students who ranked the module in their first four but did not get it.
        if (
            pref.rank <= len(PERIODS)
            and pref.module_id not in got.get(pref.student_id, ())
            and pref.module_id in lines
        ):
            lines[pref.module_id].waiting.append(pref)
    last_run = AllocationRun.objects.filter(school_year=year).select_related("by").first()
    return AllocationPage(year, list(lines.values()), last_run, len(ranked_students), len(got))


def placements_for_csv(year: SchoolYear) -> list[Placement]:
    return list(
        Placement.objects.filter(school_year=year)
        .select_related("module__teacher", "student__user")
        .order_by("period", "module__title", "student__user__last_name", "student__user__first_name", "pk")
    )


def groups_of_students(year: SchoolYear) -> dict[int, str]:
    return dict(
        Membership.objects.current().filter(group__school_year=year).values_list("student_id", "group__name")
    )


def get_placement_for(role: Role, pk: int) -> Placement:
    if not can_plan_choices(role):
        raise Http404
    return one_or_404(
        Placement.objects.select_related("student__user", "module"), pk=pk, school_id=role.school_id
    )


def modules_of(school_id: int, year: SchoolYear | None) -> list[Module]:
    if year is None:
        return []
    return list(
        Module.objects.filter(school_id=school_id, school_year=year)
        .select_related("teacher")
        .annotate(ranked=Count("preferences", distinct=True), placed=Count("placements", distinct=True))
    )


def teachers_of(school_id: int) -> QuerySet[User]:
    return (
        User.objects.filter(
            roles__school_id=school_id,
            roles__kind__in=[RoleKind.TEACHER, RoleKind.MENTOR, RoleKind.COUNSELLOR],
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def modules_in_period(placement: Placement) -> QuerySet[Module]:
    # JSON containment is not portable (SQLite lacks it): the year's modules are few, so filter here.
    running = [
        m.pk
        for m in Module.objects.filter(school_year_id=placement.school_year_id).only("pk", "periods")
        if placement.period in m.periods
    ]
    return Module.objects.filter(pk__in=running).order_by("title")


@dataclass
class ModuleList:
    module: Module
    periods: list[tuple[int, list[Placement]]]


def module_list(module: Module) -> ModuleList:
    """The students of one module per period, for the timetable's PDF: two queries (placements with students,
    their groups)."""
    placements = list(
        Placement.objects.filter(module=module)
        .select_related("student__user")
        .order_by("period", "student__user__last_name", "student__user__first_name", "pk")
    )
    groups = dict(
        Membership.objects.current()
        .filter(
            group__school_year_id=module.school_year_id, student_id__in=[p.student_id for p in placements]
        )
        .values_list("student_id", "group__name")
    )
    for placement in placements:
        placement.group_name = groups.get(placement.student_id, "")  # type: ignore[attr-defined]
    return ModuleList(
        module=module, periods=[(p, [x for x in placements if x.period == p]) for p in module.periods]
    )


def activities_of(year: SchoolYear | None) -> QuerySet[Activity]:
    """The programme's activities of the year, for the closing presentation (with guardians first)."""
    if year is None:
        return Activity.objects.none()
    return Activity.objects.filter(school_year=year).order_by("-involves_guardians", "starts_on", "title")


def get_own_placement_for(student: Student, pk: int) -> Placement:
    """One of the student's own module places; anything else is a 404."""
    return one_or_404(Placement.objects.select_related("module", "student__school"), pk=pk, student=student)
