"""Writes for experiences, their evidence and the reflections on them.

Every verb is keyword-only, checks that the acting role may edit this student's dossier, validates its input
and runs in one transaction. Files are saved inside that transaction and removed again when it fails, and
removed from storage only after a deletion has been committed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.access.audit import leaves_trace, record_change
from koers.access.gate import require
from koers.common.uploads import (
    CheckedUpload,
    SavedFiles,
    UploadKind,
    delete_files_on_commit,
    files_removed_on_error,
)
from koers.common.versions import EditConflict, save_unless_changed, version_of
from koers.dossier.models import Evidence, EvidenceKind, Experience, Reflection, ReflectionAnswer
from koers.dossier.rules import can_edit_dossier
from koers.lob.models import ReflectionPrompt
from koers.lob.vocabulary import Competence, ExperienceKind, Feeling
from koers.schools.family_rules import refuse_without_consent
from koers.schools.models import Role, Student

EVIDENCE_KIND_FOR_UPLOAD = {
    UploadKind.IMAGE: EvidenceKind.PHOTO,
    UploadKind.VIDEO: EvidenceKind.VIDEO,
    UploadKind.AUDIO: EvidenceKind.AUDIO,
    UploadKind.DOCUMENT: EvidenceKind.DOCUMENT,
}
EXPERIENCE_FIELDS = (
    "kind",
    "title",
    "happened_on",
    "place",
    "what_i_did",
    "feeling",
    "went_well",
    "learned_about_me",
    "shared_with_guardians",
)


def _validate_experience(*, kind: str, title: str, happened_on: dt.date, feeling: str) -> None:
    errors: dict[str, ValidationError] = {}
    if kind not in ExperienceKind.values:
        errors["kind"] = ValidationError(_("Kies wat voor ervaring het was."), code="invalid_kind")
    if not title.strip():
        errors["title"] = ValidationError(_("Geef je ervaring een korte titel."), code="required")
    if happened_on > timezone.localdate():
        errors["happened_on"] = ValidationError(
            _("Deze datum ligt in de toekomst. Schrijf een ervaring op nadat je hem hebt gehad."),
            code="future",
        )
    if feeling and feeling not in Feeling.values:
        errors["feeling"] = ValidationError(_("Kies een van de gevoelens."), code="invalid_feeling")
    if errors:
        raise ValidationError(errors)


def _store_evidence(
    files: SavedFiles, *, experience: Experience, uploads: Sequence[CheckedUpload], caption: str
) -> list[Evidence]:
    refuse_without_consent(experience.student, [upload.kind for upload in uploads], "evidence")
    stored = []
    for upload in uploads:
        evidence = Evidence(
            school_id=experience.school_id,
            student_id=experience.student_id,
            experience=experience,
            kind=EVIDENCE_KIND_FOR_UPLOAD[upload.kind],
            content_type=upload.content_type,
            size=upload.size,
            original_name=upload.original_name,
            caption=caption.strip()[:200],
        )
        files.save(evidence.file, upload)
        evidence.save()
        stored.append(evidence)
    return stored


@leaves_trace
def record_experience(
    *,
    student: Student,
    by: Role,
    kind: str,
    title: str,
    happened_on: dt.date,
    place: str = "",
    what_i_did: str = "",
    feeling: str = "",
    went_well: str = "",
    learned_about_me: str = "",
    shared_with_guardians: bool | None = None,
    evidence: Sequence[CheckedUpload] = (),
    caption: str = "",
) -> Experience:
    """Add an experience to the student's dossier, with its evidence files, all or nothing."""
    require(by, can_edit_dossier, student)
    _validate_experience(kind=kind, title=title, happened_on=happened_on, feeling=feeling)
    if shared_with_guardians is None:
        shared_with_guardians = student.school.shares_by_default("experience")
    with files_removed_on_error() as files, transaction.atomic():
        experience = Experience.objects.create(
            school_id=student.school_id,
            student=student,
            kind=kind,
            title=title.strip(),
            happened_on=happened_on,
            place=place.strip(),
            what_i_did=what_i_did.strip(),
            feeling=feeling,
            went_well=went_well.strip(),
            learned_about_me=learned_about_me.strip(),
            shared_with_guardians=shared_with_guardians,
        )
        _store_evidence(files, experience=experience, uploads=evidence, caption=caption)
        record_change(by=by, student=student, change="experience.added", subject=experience.title)
    return experience


@leaves_trace
def update_experience(
    *,
    experience: Experience,
    by: Role,
    kind: str,
    title: str,
    happened_on: dt.date,
    place: str = "",
    what_i_did: str = "",
    feeling: str = "",
    went_well: str = "",
    learned_about_me: str = "",
    shared_with_guardians: bool,
    version: str | None = None,
) -> Experience:
    """Change an experience; against a changed ``version`` (someone else saved since) ``EditConflict``."""
    require(by, can_edit_dossier, experience.student)
    _validate_experience(kind=kind, title=title, happened_on=happened_on, feeling=feeling)
    experience.kind = kind
    experience.title = title.strip()
    experience.happened_on = happened_on
    experience.place = place.strip()
    experience.what_i_did = what_i_did.strip()
    experience.feeling = feeling
    experience.went_well = went_well.strip()
    experience.learned_about_me = learned_about_me.strip()
    experience.shared_with_guardians = shared_with_guardians
    with transaction.atomic():
        save_unless_changed(experience, fields=EXPERIENCE_FIELDS, version=version)
        record_change(
            by=by, student=experience.student, change="experience.changed", subject=experience.title
        )
    return experience


@leaves_trace
def delete_experience(*, experience: Experience, by: Role) -> None:
    """Remove an experience with everything hanging under it, including the stored files."""
    require(by, can_edit_dossier, experience.student)
    with transaction.atomic():
        files = [e.file for e in Evidence.objects.filter(experience=experience)]
        files += [
            a.voice
            for a in ReflectionAnswer.objects.filter(reflection__experience=experience).exclude(voice="")
        ]
        record_change(
            by=by, student=experience.student, change="experience.removed", subject=experience.title
        )
        experience.delete()
        delete_files_on_commit(*files)


@leaves_trace
def add_evidence(
    *, experience: Experience, by: Role, uploads: Sequence[CheckedUpload], caption: str = ""
) -> list[Evidence]:
    require(by, can_edit_dossier, experience.student)
    if not uploads:
        raise ValidationError(_("Kies minstens één bestand om toe te voegen."), code="required")
    with files_removed_on_error() as files, transaction.atomic():
        record_change(by=by, student=experience.student, change="evidence.added", subject=experience.title)
        return _store_evidence(files, experience=experience, uploads=uploads, caption=caption)


@leaves_trace
def delete_evidence(*, evidence: Evidence, by: Role) -> None:
    require(by, can_edit_dossier, evidence.experience.student)
    with transaction.atomic():
        file = evidence.file
        experience = evidence.experience
        record_change(by=by, student=experience.student, change="evidence.removed", subject=experience.title)
        evidence.delete()
        delete_files_on_commit(file)


@dataclass(frozen=True)
class AnswerInput:
    """What the student gave for one prompt: text, a new voice note, or the wish to remove the old one."""

    prompt: ReflectionPrompt
    text: str = ""
    voice: CheckedUpload | None = None
    remove_voice: bool = False


def reflection_answers(answers: Iterable[ReflectionAnswer]) -> dict[str, str]:
    """The written answers of a reflection by form field (``text_<prompt>``): what the reflection form
    shows, and what its version covers."""
    return {f"text_{answer.prompt_id}": answer.text for answer in answers}


def reflection_version(reflection: Reflection | None) -> str:
    """The version of a reflection's answer set (a reflection not written yet has one too, so two tabs
    writing the first answers cannot both win)."""
    return version_of(reflection_answers(reflection.answers.all()) if reflection else {})


@leaves_trace
def reflect_on_experience(
    *,
    student: Student,
    by: Role,
    experience: Experience,
    competence: str,
    answers: Sequence[AnswerInput],
    shared_with_guardians: bool | None = None,
    version: str | None = None,
) -> Reflection:
    """Create or update the student's reflection on one experience for one career competence.

    An answer left empty (no text, no voice note) removes an earlier answer to that prompt; at least one
    answer must remain. When the answer set changed since ``version`` (``reflection_version``: another tab
    or device saved meanwhile) ``EditConflict`` with the stored answers, and nothing is written.
    """
    require(by, can_edit_dossier, student)
    if experience.student_id != student.pk:
        raise PermissionDenied
    if competence not in Competence.values:
        raise ValidationError(_("Onbekende loopbaancompetentie."), code="invalid_competence")
    for answer in answers:
        if answer.prompt.competence != competence:
            raise ValidationError(
                _("Deze vraag hoort niet bij deze loopbaancompetentie."), code="wrong_prompt"
            )
        if answer.voice is not None and answer.voice.kind != UploadKind.AUDIO:
            raise ValidationError(_("Een gesproken antwoord moet een geluidsopname zijn."), code="not_audio")

    refuse_without_consent(student, [a.voice.kind for a in answers if a.voice is not None])
    reflection = Reflection.objects.filter(experience=experience, competence=competence).first()
    existing = (
        {a.prompt_id: a for a in ReflectionAnswer.objects.filter(reflection=reflection)} if reflection else {}
    )
    given = {a.prompt.pk: a for a in answers}

    def remains(prompt_id: int) -> bool:
        if prompt_id not in given:
            return prompt_id in existing
        answer = given[prompt_id]
        kept_voice = prompt_id in existing and bool(existing[prompt_id].voice) and not answer.remove_voice
        return bool(answer.text.strip() or answer.voice or kept_voice)

    if not any(remains(pk) for pk in set(existing) | set(given)):
        raise ValidationError(
            _("Beantwoord minstens één vraag, met tekst of met een spraakbericht."), code="no_answer"
        )

    with files_removed_on_error() as files, transaction.atomic():
        if version is not None:
            _refuse_if_answers_changed(experience, competence, version)
        if reflection is None:
            reflection = Reflection.objects.create(
                school_id=student.school_id,
                student=student,
                experience=experience,
                competence=competence,
                shared_with_guardians=(
                    student.school.shares_by_default("reflection")
                    if shared_with_guardians is None
                    else shared_with_guardians
                ),
            )
        elif shared_with_guardians is not None and shared_with_guardians != reflection.shared_with_guardians:
            reflection.shared_with_guardians = shared_with_guardians
            reflection.save(update_fields=["shared_with_guardians", "updated_at"])
        else:
            reflection.save(update_fields=["updated_at"])
        for prompt_id, given_answer in given.items():
            row = existing.get(prompt_id)
            if not remains(prompt_id):
                if row is not None:
                    delete_files_on_commit(row.voice)
                    row.delete()
                continue
            if row is None:
                row = ReflectionAnswer(
                    school_id=student.school_id, reflection=reflection, prompt=given_answer.prompt
                )
            if row.voice and (given_answer.voice or given_answer.remove_voice):
                delete_files_on_commit(row.voice)  # takes the old name now, before a new file replaces it
            row.text = given_answer.text.strip()
            if given_answer.voice is not None:
                files.save(row.voice, given_answer.voice)
                row.voice_content_type = given_answer.voice.content_type
            elif given_answer.remove_voice:
                row.voice = ""
                row.voice_content_type = ""
            row.save()
        record_change(by=by, student=student, change="reflection.saved", subject=experience.title)
    return reflection


def _refuse_if_answers_changed(experience: Experience, competence: str, version: str) -> None:
    """Lock the reflection (if there is one) and compare its stored answers with the editor's version."""
    stored = (
        Reflection.objects.select_for_update().filter(experience=experience, competence=competence).first()
    )
    now = reflection_answers(ReflectionAnswer.objects.filter(reflection=stored)) if stored else {}
    if version != version_of(now):
        raise EditConflict(now, version=version_of(now))
