"""Writes on the student's ambitions (dreams) and their small next steps."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.audit import leaves_trace, record_change
from koers.access.gate import require
from koers.common.versions import save_unless_changed
from koers.dossier.domain.overview import default_sharing, required_text
from koers.dossier.models import (
    Ambition,
    AmbitionStep,
)
from koers.dossier.rules import can_edit_dossier
from koers.schools.models import Role, Student

AMBITION_FIELDS = ("dream", "why")  # what the edit form changes, and its version covers


def _dream(value: str) -> str:
    return required_text(value, "dream", _("Schrijf op waar je van droomt, al is het maar een paar woorden."))


@leaves_trace
@transaction.atomic
def create_ambition(
    *, student: Student, by: Role, dream: str, why: str = "", shared: bool | None = None
) -> Ambition:
    require(by, can_edit_dossier, student)
    record_change(by=by, student=student, change="ambition.saved")
    return Ambition.objects.create(
        school_id=student.school_id,
        student=student,
        dream=_dream(dream),
        why=(why or "").strip(),
        shared_with_guardians=default_sharing(student, "ambition") if shared is None else shared,
    )


@leaves_trace
@transaction.atomic
def update_ambition(
    *, ambition: Ambition, by: Role, dream: str, why: str, version: str | None = None
) -> Ambition:
    """Change the dream; against a changed ``version`` (someone else saved since) ``EditConflict``."""
    require(by, can_edit_dossier, ambition.student)
    ambition.dream = _dream(dream)
    ambition.why = (why or "").strip()
    save_unless_changed(ambition, fields=AMBITION_FIELDS, version=version)
    record_change(by=by, student=ambition.student, change="ambition.saved")
    return ambition


@leaves_trace
@transaction.atomic
def drop_ambition(*, ambition: Ambition, by: Role) -> None:
    require(by, can_edit_dossier, ambition.student)
    ambition.delete()
    record_change(by=by, student=ambition.student, change="ambition.dropped")


@leaves_trace
@transaction.atomic
def add_ambition_step(
    *, ambition: Ambition, by: Role, text: str, due_on: dt.date | None = None
) -> AmbitionStep:
    """A small, realistic next step towards the dream."""
    require(by, can_edit_dossier, ambition.student)
    text = required_text(text, "text", _("Schrijf op wat de volgende kleine stap is."))
    last = ambition.steps.order_by("-order").values_list("order", flat=True).first()
    record_change(by=by, student=ambition.student, change="ambition.saved")
    return AmbitionStep.objects.create(
        school_id=ambition.school_id,
        ambition=ambition,
        text=text,
        due_on=due_on,
        order=(last or 0) + 1,
    )


@leaves_trace
@transaction.atomic
def set_step_done(*, step: AmbitionStep, by: Role, done: bool) -> AmbitionStep:
    require(by, can_edit_dossier, step.ambition.student)
    if step.done != done:
        step.done = done
        step.save(update_fields=["done"])
    record_change(by=by, student=step.ambition.student, change="ambition.saved")
    return step
