"""Compliments: the one thing others write in a student's dossier."""

from __future__ import annotations

from typing import Final

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.audit import leaves_trace, record_change
from koers.access.gate import require
from koers.dossier.models import (
    Compliment,
)
from koers.dossier.rules import can_give_compliment
from koers.lob.models import Trait
from koers.lob.vocabulary import TraitKind
from koers.schools.models import Role, Student

COMPLIMENT_MAX_LENGTH: Final = 1000


@leaves_trace
@transaction.atomic
def give_compliment(*, role: Role, student: Student, trait: Trait, message: str = "") -> Compliment:
    """Praise a student for a quality. Mentors, counsellors, teachers and guardians may do this."""
    require(role, can_give_compliment, student)
    if trait.kind != TraitKind.QUALITY:
        raise ValidationError(
            {"trait": _("Een compliment gaat over een kwaliteit. Kies er een uit de lijst.")}
        )
    message = (message or "").strip()
    if len(message) > COMPLIMENT_MAX_LENGTH:
        raise ValidationError(
            {"message": _("Houd het kort: hoogstens %(max)d tekens.") % {"max": COMPLIMENT_MAX_LENGTH}}
        )
    record_change(by=role, student=student, change="compliment.given")
    return Compliment.objects.create(
        school_id=student.school_id,
        student=student,
        trait=trait,
        message=message,
        given_by_id=role.user_id,
        given_as=role.kind,
    )
