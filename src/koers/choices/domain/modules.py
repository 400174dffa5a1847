"""Elective modules: the counsellor's catalogue, the students' rankings, the allocation and its
corrections."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.choices import allocation
from koers.choices.models import PERIODS, AllocationRun, Module, Placement, Preference
from koers.choices.rules import can_plan_choices
from koers.common.versions import save_unless_changed
from koers.schools.models import Membership, Role, SchoolYear
from koers.schools.queries import current_group_of

MODULE_FIELDS = (
    "title",
    "description",
    "teacher",
    "room",
    "min_size",
    "max_size",
    "tracks",
    "year_levels",
    "periods",
    "presentation",
)


@transaction.atomic
def save_module(
    *,
    by: Role,
    school_year: SchoolYear,
    module: Module | None = None,
    version: str | None = None,
    **values: object,
) -> Module:
    """Add a module (``module=None``) or change one; changing one that someone else saved since
    ``version`` raises ``EditConflict`` (``MODULE_FIELDS``: what the form changes, the version covers)."""
    require(by, can_plan_choices, school_year)
    if module is not None:
        require(by, can_plan_choices, module)
    min_size, max_size = values["min_size"], values["max_size"]
    assert isinstance(min_size, int) and isinstance(max_size, int)
    if max_size < min_size:
        raise ValidationError(
            {"max_size": _("De grootste groep moet minstens zo groot zijn als de kleinste.")}
        )
    presentation = values.get("presentation")
    if presentation is not None and (
        presentation.school_id != by.school_id  # type: ignore[attr-defined]
        or presentation.school_year_id != school_year.pk  # type: ignore[attr-defined]
    ):
        raise ValidationError(
            {"presentation": _("Kies een activiteit uit het programma van dit schooljaar.")}
        )
    periods = values["periods"]
    if not periods or any(int(p) not in PERIODS for p in periods):  # type: ignore[attr-defined]
        raise ValidationError({"periods": _("Kies minstens één periode.")})
    if module is None:
        module = Module(school_id=by.school_id, school_year=school_year)
    for name in MODULE_FIELDS:
        setattr(module, name, values.get(name))
    module.periods = sorted(int(p) for p in periods)  # type: ignore[attr-defined]
    module.year_levels = sorted(int(y) for y in module.year_levels)
    if module.pk is None:
        module.save()
    else:
        save_unless_changed(module, fields=MODULE_FIELDS, version=version)
    return module


@transaction.atomic
def run_allocation(*, by: Role, school_year: SchoolYear) -> AllocationRun:
    """Allocate every student who ranked modules this school year. Locked placements stay; the rest is made
    anew. Students who handed in no ranking are placed where there is room, as far as they are in a group."""
    require(by, can_plan_choices, school_year)
    # One run at a time per school year: the year row is the lock.
    SchoolYear.objects.select_for_update().filter(pk=school_year.pk).first()
    modules = list(Module.objects.filter(school_id=by.school_id, school_year=school_year))
    prefs: dict[int, list[int]] = defaultdict(list)
    for student_id, module_id in (
        Preference.objects.filter(school_year=school_year)
        .order_by("student_id", "rank")
        .values_list("student_id", "module_id")
    ):
        prefs[student_id].append(module_id)
    locked: dict[int, dict[int, int]] = defaultdict(dict)
    for student_id, period, module_id in Placement.objects.filter(
        school_year=school_year, locked=True
    ).values_list("student_id", "period", "module_id"):
        locked[student_id][period] = module_id
    groups = {
        student_id: (track, level)
        for student_id, track, level in Membership.objects.current()
        .filter(group__school_year=school_year, student_id__in=list(prefs) + list(locked))
        .values_list("student_id", "group__track", "group__year_level")
    }
    specs = [
        allocation.ModuleSpec(id=m.pk, min_size=m.min_size, max_size=m.max_size, periods=tuple(m.periods))
        for m in modules
    ]
    people = []
    for student_id in sorted(set(prefs) | set(locked)):
        track, level = groups.get(student_id, ("", 0))
        eligible = frozenset(m.pk for m in modules if m.open_to(track, level))
        people.append(
            allocation.StudentSpec(
                id=student_id, ranking=tuple(p for p in prefs[student_id] if p in eligible), eligible=eligible
            )
        )
    result = allocation.allocate(specs, people, list(PERIODS), locked=locked)
    Placement.objects.filter(school_year=school_year, locked=False).delete()
    locked_pairs = {(s, p) for s, periods in locked.items() for p in periods}
    Placement.objects.bulk_create(
        Placement(
            school_id=by.school_id,
            school_year=school_year,
            student_id=student_id,
            module_id=module_id,
            period=period,
            rank=result.ranks.get(student_id, {}).get(period),
        )
        for student_id, periods in result.placements.items()
        for period, module_id in periods.items()
        if (student_id, period) not in locked_pairs
    )
    return AllocationRun.objects.create(
        school_id=by.school_id,
        school_year=school_year,
        by_id=by.user_id,
        figures=allocation.figures(result, people, list(PERIODS)),
        cancelled=sorted([m, p] for m, p in result.cancelled),
    )


@transaction.atomic
def move_student(*, by: Role, placement: Placement, module: Module, lock: bool = True) -> Placement:
    """The counsellor moves a student to another module in the same period; the move is locked, so a re-run
    keeps it."""
    require(by, can_plan_choices, placement)
    require(by, can_plan_choices, module)
    if module.school_year_id != placement.school_year_id:
        raise PermissionDenied
    if placement.period not in module.periods:
        raise ValidationError(
            {"module": _("Deze module loopt niet in periode %(p)d.") % {"p": placement.period}}
        )
    group = current_group_of(placement.student)
    if group is None or not module.open_to(group.track, group.year_level):
        raise ValidationError(
            {"module": _("Deze module is niet voor de leerweg of het leerjaar van deze leerling.")}
        )
    if (
        Placement.objects.filter(student_id=placement.student_id, module=module)
        .exclude(pk=placement.pk)
        .exists()
    ):
        raise ValidationError({"module": _("Deze leerling volgt die module al in een andere periode.")})
    taken = Placement.objects.filter(module=module, period=placement.period).exclude(pk=placement.pk).count()
    if taken >= module.max_size:
        raise ValidationError({"module": _("Deze module is in deze periode vol.")})
    rank = (
        Preference.objects.filter(student_id=placement.student_id, module=module)
        .values_list("rank", flat=True)
        .first()
    )
    placement.module = module
    placement.rank = rank
    placement.locked = lock
    placement.save(update_fields=["module", "rank", "locked"])
    return placement


@transaction.atomic
def set_locked(*, by: Role, placement: Placement, locked: bool) -> Placement:
    require(by, can_plan_choices, placement)
    placement.locked = locked
    placement.save(update_fields=["locked"])
    return placement
