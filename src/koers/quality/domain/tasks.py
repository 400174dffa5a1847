"""Task matrix verbs: add a task, give someone (or every holder of a role) a part in it, take it away."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.quality.models import Part, Task, TaskAssignment
from koers.quality.rules import can_run_quality
from koers.schools.models import STAFF_KINDS, Role


@transaction.atomic
def add_task(*, by: Role, name: str) -> Task:
    require(by, can_run_quality)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Schrijf op wat de taak is.")})
    if Task.objects.filter(school_id=by.school_id, name__iexact=name).exists():
        raise ValidationError({"name": _("Deze taak staat er al.")})
    last = (
        Task.objects.filter(school_id=by.school_id).order_by("-order").values_list("order", flat=True).first()
    )
    return Task.objects.create(
        school_id=by.school_id,
        key=f"eigen-{Task.objects.filter(school_id=by.school_id).count() + 1}",
        name=name,
        order=(last or 0) + 1,
    )


@transaction.atomic
def assign_task(
    *, by: Role, task: Task, part: str, role: Role | None = None, kind: str = ""
) -> TaskAssignment:
    require(by, can_run_quality, task)
    if part not in Part.values:
        raise ValidationError({"part": _("Kies een rol in de taak.")})
    if (role is None) == (not kind):
        raise ValidationError(
            {"role": _("Kies een persoon of een rol, niet allebei en niet geen van beide.")}
        )
    if role is not None and (role.school_id != by.school_id or role.kind not in STAFF_KINDS):
        raise ValidationError({"role": _("Kies iemand van het personeel van jullie school.")})
    if kind and kind not in STAFF_KINDS:
        raise ValidationError({"kind": _("Kies een rol van het personeel.")})
    duplicate = TaskAssignment.objects.filter(task=task, part=part, role=role, kind=kind or "").exists()
    if duplicate:
        raise ValidationError(_("Dit staat er al."))
    name = (role.user.get_full_name() or role.user.username) if role is not None else ""
    return TaskAssignment.objects.create(
        school_id=by.school_id, task=task, part=part, role=role, kind=kind or "", name=name
    )


@transaction.atomic
def remove_assignment(*, by: Role, assignment: TaskAssignment) -> None:
    require(by, can_run_quality, assignment)
    assignment.delete()
