"""Writes on the student's own portfolio: traits, compliments, ambitions, network, actions, sharing.

Every verb is keyword-only, validates its input, runs in one transaction and raises
``ValidationError`` (keyed by form field where possible) so a view can show the message next to the field.
Only the student edits their own dossier; compliments are the one thing others write here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Final

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.dossier.models import (
    SHAREABLE,
    Ambition,
    AmbitionStep,
    Compliment,
    Contact,
    Experience,
    SharedItem,
    StudentTrait,
)
from koers.dossier.rules import can_edit_dossier, can_give_compliment
from koers.lob.models import Trait
from koers.lob.vocabulary import TraitKind
from koers.schools.models import Role, Student

COMPLIMENT_MAX_LENGTH: Final = 1000


def default_sharing(student: Student, kind: str) -> bool:
    """Whether a new item of this kind is visible to guardians until the student decides otherwise."""
    if kind not in SHAREABLE:
        raise ValueError(f"unknown shareable kind {kind!r}")
    return student.school.shares_by_default(kind)


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def _check_experiences(student: Student, experiences: Iterable[Experience]) -> list[Experience]:
    chosen = list(experiences)
    if any(e.student_id != student.pk for e in chosen):
        raise ValidationError({"experiences": _("Kies alleen ervaringen uit je eigen dossier.")})
    return chosen


# --- sharing -------------------------------------------------------------------------------------------


@transaction.atomic
def set_sharing(*, by: Role, item: SharedItem, shared: bool) -> SharedItem:
    """The student decides per item whether guardians may see it."""
    require(by, can_edit_dossier, item.student)
    if item.shared_with_guardians != shared:
        item.shared_with_guardians = shared
        item.save(update_fields=["shared_with_guardians", "updated_at"])
    return item


# --- qualities and motives ---------------------------------------------------------------------------


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
    chosen = _check_experiences(student, experiences)
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
    return claimed


@transaction.atomic
def relink_trait(
    *, student_trait: StudentTrait, by: Role, own_words: str, experiences: Iterable[Experience]
) -> StudentTrait:
    """Change the student's own words for a trait and the experiences that show it."""
    require(by, can_edit_dossier, student_trait.student)
    own_words = (own_words or "").strip()
    if student_trait.trait_id is None and not own_words:
        raise ValidationError({"own_words": _("Schrijf op wat je bedoelt; dit veld mag niet leeg zijn.")})
    chosen = _check_experiences(student_trait.student, experiences)
    if own_words != student_trait.own_words:
        student_trait.own_words = own_words
        student_trait.save(update_fields=["own_words", "updated_at"])
    student_trait.experiences.set(chosen)
    return student_trait


@transaction.atomic
def unclaim_trait(*, student_trait: StudentTrait, by: Role) -> None:
    require(by, can_edit_dossier, student_trait.student)
    student_trait.delete()


# --- compliments -------------------------------------------------------------------------------------


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
    return Compliment.objects.create(
        school_id=student.school_id,
        student=student,
        trait=trait,
        message=message,
        given_by_id=role.user_id,
        given_as=role.kind,
    )


# --- ambitions ---------------------------------------------------------------------------------------


def _dream(value: str) -> str:
    return _required(value, "dream", _("Schrijf op waar je van droomt, al is het maar een paar woorden."))


@transaction.atomic
def create_ambition(
    *, student: Student, by: Role, dream: str, why: str = "", shared: bool | None = None
) -> Ambition:
    require(by, can_edit_dossier, student)
    return Ambition.objects.create(
        school_id=student.school_id,
        student=student,
        dream=_dream(dream),
        why=(why or "").strip(),
        shared_with_guardians=default_sharing(student, "ambition") if shared is None else shared,
    )


@transaction.atomic
def update_ambition(*, ambition: Ambition, by: Role, dream: str, why: str) -> Ambition:
    require(by, can_edit_dossier, ambition.student)
    ambition.dream = _dream(dream)
    ambition.why = (why or "").strip()
    ambition.save(update_fields=["dream", "why", "updated_at"])
    return ambition


@transaction.atomic
def drop_ambition(*, ambition: Ambition, by: Role) -> None:
    require(by, can_edit_dossier, ambition.student)
    ambition.delete()


@transaction.atomic
def add_ambition_step(
    *, ambition: Ambition, by: Role, text: str, due_on: dt.date | None = None
) -> AmbitionStep:
    """A small, realistic next step towards the dream."""
    require(by, can_edit_dossier, ambition.student)
    text = _required(text, "text", _("Schrijf op wat de volgende kleine stap is."))
    last = ambition.steps.order_by("-order").values_list("order", flat=True).first()
    return AmbitionStep.objects.create(
        school_id=ambition.school_id,
        ambition=ambition,
        text=text,
        due_on=due_on,
        order=(last or 0) + 1,
    )


@transaction.atomic
def set_step_done(*, step: AmbitionStep, by: Role, done: bool) -> AmbitionStep:
    require(by, can_edit_dossier, step.ambition.student)
    if step.done != done:
        step.done = done
        step.save(update_fields=["done"])
    return step


# --- network -----------------------------------------------------------------------------------------


def _contact_name(value: str) -> str:
    return _required(value, "name", _("Vul een naam in, bijvoorbeeld “tante Fatima” of “meneer De Boer”."))


@transaction.atomic
def add_contact(
    *,
    student: Student,
    by: Role,
    name: str,
    relation: str = "",
    occupation: str = "",
    could_help_with: str = "",
    contacted: bool = False,
    shared: bool | None = None,
) -> Contact:
    """Someone in the student's network who could help them further."""
    require(by, can_edit_dossier, student)
    return Contact.objects.create(
        school_id=student.school_id,
        student=student,
        name=_contact_name(name),
        relation=(relation or "").strip(),
        occupation=(occupation or "").strip(),
        could_help_with=(could_help_with or "").strip(),
        contacted=contacted,
        shared_with_guardians=default_sharing(student, "contact") if shared is None else shared,
    )


@transaction.atomic
def update_contact(
    *,
    contact: Contact,
    by: Role,
    name: str,
    relation: str,
    occupation: str,
    could_help_with: str,
    contacted: bool,
) -> Contact:
    require(by, can_edit_dossier, contact.student)
    contact.name = _contact_name(name)
    contact.relation = (relation or "").strip()
    contact.occupation = (occupation or "").strip()
    contact.could_help_with = (could_help_with or "").strip()
    contact.contacted = contacted
    contact.save(
        update_fields=["name", "relation", "occupation", "could_help_with", "contacted", "updated_at"]
    )
    return contact


@transaction.atomic
def set_contacted(*, contact: Contact, by: Role, contacted: bool) -> Contact:
    require(by, can_edit_dossier, contact.student)
    if contact.contacted != contacted:
        contact.contacted = contacted
        contact.save(update_fields=["contacted", "updated_at"])
    return contact


@transaction.atomic
def remove_contact(*, contact: Contact, by: Role) -> None:
    require(by, can_edit_dossier, contact.student)
    contact.delete()
