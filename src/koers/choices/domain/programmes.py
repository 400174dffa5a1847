"""The counsellor keeps the school's vocational programmes: its own programmes, the elective vocational and
own units it adds to any programme, and the deepenings it offers per unit."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.choices.models import Deepening, ExamUnit, UnitKind, VocationalProgramme
from koers.choices.rules import can_plan_choices
from koers.schools.models import Role


def _own_key(model: type[VocationalProgramme] | type[ExamUnit], school_id: int, name: str) -> str:
    base = slugify(name)[:60] or "eigen"
    key, number = base, 1
    taken = set(model.objects.filter(key__startswith=base).values_list("key", flat=True))
    while key in taken:
        number += 1
        key = f"{base}-{number}"
    return key


def _name(name: str, field: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({field: _("Geef een naam.")})
    return name


@transaction.atomic
def add_programme(*, by: Role, name: str, description: str = "") -> VocationalProgramme:
    require(by, can_plan_choices)
    name = _name(name, "name")
    if any(p.dutch_name.lower() == name.lower() for p in VocationalProgramme.objects.all()):
        raise ValidationError({"name": _("Er is al een programma met deze naam.")})
    return VocationalProgramme.objects.create(
        school_id=by.school_id,
        key=_own_key(VocationalProgramme, by.school_id, name),
        texts={"nl": name},
        descriptions={"nl": description.strip()} if description.strip() else {},
        order=1000,
    )


@transaction.atomic
def add_unit(
    *,
    by: Role,
    programme: VocationalProgramme,
    name: str,
    kind: str = UnitKind.ELECTIVE,
    description: str = "",
    tracks: list[str] | None = None,
) -> ExamUnit:
    """An elective vocational unit or an own unit, for a shipped programme or one of the school's own."""
    require(by, can_plan_choices)
    if programme.school_id not in (None, by.school_id):
        raise ValidationError({"programme": _("Kies een programma uit de lijst.")})
    if kind not in (UnitKind.ELECTIVE, UnitKind.OWN):
        raise ValidationError({"kind": _("Kies een keuzevak of een eigen onderdeel.")})
    name = _name(name, "name")
    if any(u.dutch_name.lower() == name.lower() for u in ExamUnit.objects.filter(programme=programme)):
        raise ValidationError({"name": _("Dit programma heeft al een onderdeel met deze naam.")})
    return ExamUnit.objects.create(
        school_id=by.school_id,
        programme=programme,
        key=_own_key(ExamUnit, by.school_id, name),
        texts={"nl": name},
        descriptions={"nl": description.strip()} if description.strip() else {},
        kind=kind,
        tracks=list(tracks or []),
        order=1000,
    )


@transaction.atomic
def set_deepenings(*, by: Role, unit: ExamUnit, titles: list[str]) -> list[Deepening]:
    """The deepenings the school offers for a unit, in this order; one a student chose cannot be removed."""
    require(by, can_plan_choices)
    wanted: list[str] = []
    for title in titles:
        title = title.strip()[:120]
        if title and title.lower() not in [t.lower() for t in wanted]:
            wanted.append(title)
    current = {
        d.title: d for d in Deepening.objects.select_for_update().filter(school_id=by.school_id, unit=unit)
    }
    gone = [d for title, d in current.items() if title not in wanted]
    used = [d.title for d in gone if d.steps.exists()]
    if used:
        raise ValidationError(
            {
                "deepenings": _("Leerlingen kozen al voor: %(titles)s. Die verdieping blijft daarom staan.")
                % {"titles": ", ".join(used)}
            }
        )
    for deepening in gone:
        deepening.delete()
    kept = []
    for order, title in enumerate(wanted):
        row = current.get(title)
        if row is None:
            row = Deepening.objects.create(school_id=by.school_id, unit=unit, title=title, order=order)
        elif row.order != order:
            row.order = order
            row.save(update_fields=["order"])
        kept.append(row)
    return kept
