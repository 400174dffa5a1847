"""Writes on the student's own dossier that every part shares: default sharing and the sharing switch.

Every verb is keyword-only, validates its input, runs in one transaction and raises
``ValidationError`` (keyed by form field where possible) so a view can show the message next to the field.
Only the student edits their own dossier; compliments are the one thing others write here.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.audit import leaves_trace, record_change
from koers.access.gate import require
from koers.dossier.domain.doers import tell_the_doer
from koers.dossier.models import (
    SHAREABLE,
    Action,
    Experience,
    SharedItem,
)
from koers.dossier.rules import can_edit_dossier
from koers.schools.models import Role, Student


def default_sharing(student: Student, kind: str) -> bool:
    """Whether a new item of this kind is visible to guardians until the student decides otherwise."""
    if kind not in SHAREABLE:
        raise ValueError(f"unknown shareable kind {kind!r}")
    return student.school.shares_by_default(kind)


def required_text(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def own_experiences_only(student: Student, experiences: Iterable[Experience]) -> list[Experience]:
    chosen = list(experiences)
    if any(e.student_id != student.pk for e in chosen):
        raise ValidationError({"experiences": _("Kies alleen ervaringen uit je eigen dossier.")})
    return chosen


@leaves_trace
@transaction.atomic
def set_sharing(*, by: Role, item: SharedItem, shared: bool) -> SharedItem:
    """The student decides per item whether guardians may see it. A guardian chosen as the doer of an action
    point is told once they can open it."""
    require(by, can_edit_dossier, item.student)
    if item.shared_with_guardians != shared:
        item.shared_with_guardians = shared
        item.save(update_fields=["shared_with_guardians", "updated_at"])
        if shared and isinstance(item, Action):
            tell_the_doer(item)
    record_change(by=by, student=item.student, change="sharing.changed")
    return item
