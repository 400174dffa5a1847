"""Writes on the student's qualities and motives (from the catalogue or in their own words)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from koers.access.audit import leaves_trace, record_change
from koers.access.gate import require
from koers.common.versions import save_unless_changed
from koers.dossier.domain.overview import default_sharing, own_experiences_only
from koers.dossier.models import (
    Experience,
    StudentTrait,
)
from koers.dossier.rules import can_edit_dossier
from koers.lob.models import Trait
from koers.lob.vocabulary import TraitKind
from koers.schools.models import Role, Student


@leaves_trace
@transaction.atomic
def claim_trait(
    *,
    student: Student,
    by: Role,
    kind: str,
    trait: Trait | None = None,
    own_words: str = "",
    experiences: Iterable[Experience] = (),
    shared: bool | None = None,
) -> StudentTrait:
    """Add a quality or motive to the dossier, from the catalogue or in the student's own words."""
    require(by, can_edit_dossier, student)
    if kind not in TraitKind.values:
        raise ValidationError({"kind": _("Kies een kwaliteit of een motief.")})
    own_words = (own_words or "").strip()
    if trait is None and not own_words:
        raise ValidationError(
            {"trait": _("Kies er een uit de lijst, of schrijf hem op in je eigen woorden.")}
        )
    if trait is not None and trait.kind != kind:
        raise ValidationError({"trait": _("Deze keuze hoort niet bij deze lijst. Kies er een uit de lijst.")})
    chosen = own_experiences_only(student, experiences)
    if trait is not None and StudentTrait.objects.filter(student=student, trait=trait).exists():
        raise ValidationError(
            {"trait": _("“%(name)s” staat al in je dossier. Kies een andere.") % {"name": trait.name}}
        )
    try:
        with transaction.atomic():
            claimed = StudentTrait.objects.create(
                school_id=student.school_id,
                student=student,
                kind=kind,
                trait=trait,
                own_words=own_words,
                shared_with_guardians=default_sharing(student, "trait") if shared is None else shared,
            )
    except IntegrityError as exc:  # two tabs claiming the same trait at once
        raise ValidationError({"trait": _("Deze staat al in je dossier. Kies een andere.")}) from exc
    claimed.experiences.set(chosen)
    record_change(by=by, student=student, change="trait.saved")
    return claimed


TRAIT_FIELDS = ("own_words",)  # the text the edit form changes; the linked experiences are a set, not text


@leaves_trace
@transaction.atomic
def relink_trait(
    *,
    student_trait: StudentTrait,
    by: Role,
    own_words: str,
    experiences: Iterable[Experience],
    version: str | None = None,
) -> StudentTrait:
    """Change the student's own words for a trait and the experiences that show it; against a changed
    ``version`` of the words (someone else saved since) ``EditConflict``."""
    require(by, can_edit_dossier, student_trait.student)
    own_words = (own_words or "").strip()
    if student_trait.trait_id is None and not own_words:
        raise ValidationError({"own_words": _("Schrijf op wat je bedoelt; dit veld mag niet leeg zijn.")})
    chosen = own_experiences_only(student_trait.student, experiences)
    student_trait.own_words = own_words
    save_unless_changed(student_trait, fields=TRAIT_FIELDS, version=version)
    student_trait.experiences.set(chosen)
    record_change(by=by, student=student_trait.student, change="trait.saved")
    return student_trait


@leaves_trace
@transaction.atomic
def unclaim_trait(*, student_trait: StudentTrait, by: Role) -> None:
    require(by, can_edit_dossier, student_trait.student)
    student_trait.delete()
    record_change(by=by, student=student_trait.student, change="trait.removed")
