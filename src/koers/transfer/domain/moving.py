"""Taking the dossier along: the student chooses and approves; the receiving school reads the file in."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.access.audit import record_access
from koers.access.gate import require
from koers.access.models import AuditAction
from koers.common.uploads import files_removed_on_error
from koers.dossier.models import (
    Action,
    Ambition,
    AmbitionStep,
    Doer,
    Evidence,
    Experience,
    Reflection,
    ReflectionAnswer,
    StudentTrait,
)
from koers.lob.models import ReflectionPrompt, Trait
from koers.schools.models import Role, Student
from koers.transfer.models import TransferExport, TransferImport, TransferStatus
from koers.transfer.queries import KINDS, READ_BACK, enrolled_students, items_of
from koers.transfer.rules import can_export_dossier, can_read_in_dossiers
from koers.transfer.serialize import Incoming

SCHOOL_NAME_MAX = 200


def _own_student(by: Role, student: Student) -> None:
    require(by, can_export_dossier, student)


def save_selection(
    *, by: Role, student: Student, receiving_school: str, selection: dict[str, list[int]]
) -> TransferExport:
    """Store what the student chose as a new draft. Pks of items that are not the student's are dropped."""
    _own_student(by, student)
    receiving_school = receiving_school.strip()
    errors: dict[str, Any] = {}
    if not receiving_school:
        errors["receiving_school"] = _("Schrijf op naar welke school je gaat.")
    elif len(receiving_school) > SCHOOL_NAME_MAX:
        errors["receiving_school"] = _("Deze naam is te lang (meer dan %(max)s tekens).") % {
            "max": SCHOOL_NAME_MAX
        }
    wanted = {kind: sorted({int(pk) for pk in selection.get(kind, [])}) for kind in KINDS}
    items = items_of(student, wanted)
    experiences = {e.pk for e in items.experiences}
    if items.count() == 0:
        errors["__all__"] = _("Kies minstens één onderdeel om mee te nemen.")
    # Evidence and reflections belong to an experience; they only travel with it.
    loose = [e for e in items.evidence if e.experience_id not in experiences] + [
        r for r in items.reflections if r.experience_id not in experiences
    ]
    if loose:
        errors["experiences"] = _(
            "Een bewijsstuk of reflectie gaat mee met de ervaring waar het bij hoort. Kies die ervaring ook, "
            "of laat het bewijsstuk of de reflectie weg."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return TransferExport.objects.create(
            school_id=student.school_id,
            student=student,
            receiving_school=receiving_school,
            selection={kind: sorted(pks) for kind, pks in items.pks().items()},
        )


def approve_export(*, by: Role, export: TransferExport, confirmed: bool) -> TransferExport:
    """The student's explicit approval; only an approved export can be downloaded."""
    _own_student(by, export.student)
    if not confirmed:
        raise ValidationError(
            {
                "confirm": _(
                    "Vink aan dat je dit overdrachtsdossier goedkeurt, anders kun je het niet downloaden."
                )
            }
        )
    if export.status == TransferStatus.APPROVED:
        return export
    with transaction.atomic():
        export.status = TransferStatus.APPROVED
        export.approved_at = timezone.now()
        export.save(update_fields=["status", "approved_at", "updated_at"])
    return export


def record_export_download(*, by: Role, export: TransferExport, what: str) -> None:
    """Every download of a transfer dossier is logged, also the student's own (``include_own``)."""
    _own_student(by, export.student)
    if export.status != TransferStatus.APPROVED:
        raise PermissionDenied
    record_access(
        role=by,
        student=export.student,
        action=AuditAction.EXPORT,
        subject=_("Overdrachtsdossier (%(what)s) voor %(school)s")
        % {"what": what, "school": export.receiving_school},
        include_own=True,
    )


# --- reading a transfer file in at the receiving school ---


def _suffix(source: str) -> str:
    return _(" (van %(school)s)") % {"school": source}


def _marked(title: str, source: str, max_length: int) -> str:
    """The title with the previous school after it, shortened so it fits."""
    suffix = _suffix(source)[: max_length // 2]
    return title[: max_length - len(suffix)] + suffix


def import_transfer(
    *, by: Role, student: Student, enrolment_confirmed: bool, incoming: Incoming
) -> TransferImport:
    """Write a checked transfer file into the dossier of a student enrolled at the school: all or nothing.

    Only for a student who is enrolled now (never to look at a candidate), after the school confirmed it.
    """
    require(by, can_read_in_dossiers, student)
    if not enrolled_students().filter(pk=student.pk).exists():
        raise ValidationError(
            {
                "student": _(
                    "Deze leerling staat niet (meer) ingeschreven; alleen ingeschreven leerlingen kunnen "
                    "een dossier ontvangen."
                )
            }
        )
    if not enrolment_confirmed:
        raise ValidationError({"confirm": _("Bevestig dat de leerling bij jullie school is ingeschreven.")})
    school_id, source = student.school_id, incoming.source_school
    prompts = {(p.competence, p.key): p for p in ReflectionPrompt.objects.order_by("order", "pk")}
    first_prompt: dict[str, ReflectionPrompt] = {}
    for (competence, _key), first in prompts.items():
        first_prompt.setdefault(competence, first)
    traits = {(t.kind, t.key): t for t in Trait.objects.all()}
    held = set(
        StudentTrait.objects.filter(student=student, trait__isnull=False).values_list("trait_id", flat=True)
    )
    created: dict[str, list[int]] = {kind: [] for kind in READ_BACK}
    with files_removed_on_error() as files, transaction.atomic():
        experiences: dict[str, Experience] = {}
        for item in incoming.experiences:
            experience = Experience.objects.create(
                school_id=school_id,
                student=student,
                **{**item.fields, "title": _marked(item.fields["title"], source, 120)},
            )
            experiences[item.ref] = experience
            created["experiences"].append(experience.pk)
            for file in item.evidence:
                evidence = Evidence(
                    school_id=school_id,
                    student=student,
                    experience=experience,
                    kind=file.kind,
                    content_type=file.upload.content_type,
                    size=file.upload.size,
                    original_name=file.upload.original_name,
                    caption=file.caption,
                )
                files.save(evidence.file, file.upload)
                evidence.save()
                created["evidence"].append(evidence.pk)
        for reflected in incoming.reflections:
            competence = reflected["competence"]
            if competence not in first_prompt:
                raise ValidationError(
                    _("Koers heeft geen reflectievragen voor de competentie %(c)s.") % {"c": competence}
                )
            reflection = Reflection.objects.create(
                school_id=school_id,
                student=student,
                experience=experiences[reflected["experience"]],
                competence=competence,
            )
            created["reflections"].append(reflection.pk)
            answered: set[int] = set()
            for answer in reflected["answers"]:
                prompt: ReflectionPrompt | None = prompts.get((competence, answer["prompt"]))
                text = answer["text"]
                if prompt is None or prompt.pk in answered:
                    # A question this installation does not have: keep the answer with its question.
                    prompt = next(
                        (p for p in prompts.values() if p.competence == competence and p.pk not in answered),
                        None,
                    )
                    text = f"{answer['question']}\n{text}" if answer["question"] else text
                if prompt is None:
                    continue
                answered.add(prompt.pk)
                ReflectionAnswer.objects.create(
                    school_id=school_id, reflection=reflection, prompt=prompt, text=text
                )
        for chosen in incoming.traits:
            trait = traits.get((chosen["kind"], chosen["key"])) if chosen["key"] else None
            if trait is not None and trait.pk in held:
                continue
            row = StudentTrait.objects.create(
                school_id=school_id,
                student=student,
                kind=chosen["kind"],
                trait=trait,
                own_words="" if trait else chosen["label"],
            )
            if trait is not None:
                held.add(trait.pk)
            created["traits"].append(row.pk)
        for dream in incoming.ambitions:
            ambition = Ambition.objects.create(
                school_id=school_id,
                student=student,
                dream=_marked(dream["dream"], source, 200),
                why=dream["why"],
            )
            created["ambitions"].append(ambition.pk)
            AmbitionStep.objects.bulk_create(
                AmbitionStep(school_id=school_id, ambition=ambition, order=n, **step)
                for n, step in enumerate(dream["steps"])
            )
        for agreed in incoming.actions:
            action = Action.objects.create(
                school_id=school_id,
                student=student,
                # People of the other school are not linked here: who did it stays as their words.
                doer=Doer.OTHER,
                **{**agreed, "what": _marked(agreed["what"], source, 200)},
            )
            created["actions"].append(action.pk)
        return TransferImport.objects.create(
            school_id=school_id,
            student=student,
            imported_by_id=by.user_id,
            source_school=source[:200],
            enrolment_confirmed=True,
            counts={kind: len(pks) for kind, pks in created.items()},
            items=created,
        )
