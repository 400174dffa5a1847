"""Writes for the assignment bank, giving assignments and students' work on them.

Every verb is keyword-only, checks who acts, validates its input with Dutch messages and runs in one
transaction (files saved inside it are removed again when it fails).

Where finished work lands in the dossier (the mapping):
- preparation and standalone work becomes a new experience of kind "LOB-activiteit", titled after the
  assignment, linked to the activity (when there is one); the answers are its story ("wat deed ik"), photos
  and the voice note its evidence.
- reflection work becomes a reflection on the student's experience of that activity: the latest experience
  linked to the activity, or a new one named after the activity when there is none. The reflection is for the
  assignment's first career competence (else the activity's, else "Kwaliteiten ontdekken"); the answers are
  written under the first reflection prompt of that competence (added to what was there), the voice note is
  that answer's voice note, photos become evidence of the experience.
While the student works, photos and the voice note are drafts of the work; on finishing they move into the
dossier and the drafts are removed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.common.uploads import (
    CheckedUpload,
    SavedFiles,
    UploadKind,
    delete_files_on_commit,
    files_removed_on_error,
)
from koers.common.versions import save_unless_changed
from koers.dossier.domain.experiences import (
    AnswerInput,
    add_evidence,
    record_experience,
    reflect_on_experience,
)
from koers.dossier.models import Experience, ReflectionAnswer
from koers.lob.models import ReflectionPrompt
from koers.lob.vocabulary import Competence, Element, ExperienceKind
from koers.programme.models import (
    Activity,
    Assignment,
    AssignmentFormat,
    AssignmentWork,
    Audience,
    GivenAssignment,
    Purpose,
    WorkStatus,
)
from koers.programme.rules import can_do_assignments, can_manage_assignments, can_work_as
from koers.schools.family_rules import refuse_without_consent
from koers.schools.models import Membership, Role, Student

MAX_STEPS = 12
MAX_QUESTIONS = 10
MAX_PHOTOS = 12
MOODBOARD_MIN_PHOTOS = 2
ANSWER_MAX_LENGTH = 4000
WORK_FIELDS = ("answers",)  # what the work form changes (texts and kept photos), and its version covers


# --- the bank -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AssignmentInput:
    title: str
    goal: str
    steps: Sequence[str]
    questions: Sequence[str]
    audience: str
    format: str
    competences: Sequence[str]
    elements: Sequence[str]


def _lines(values: Sequence[str]) -> list[str]:
    return [v.strip() for v in values if v and v.strip()]


def _clean_assignment(data: AssignmentInput) -> dict[str, Any]:
    errors: dict[str, ValidationError] = {}
    steps, questions = _lines(data.steps), _lines(data.questions)
    if not data.title.strip():
        errors["title"] = ValidationError(_("Geef de opdracht een titel."), code="required")
    if not data.goal.strip():
        errors["goal"] = ValidationError(_("Schrijf in één of twee zinnen wat het doel is."), code="required")
    if not steps:
        errors["steps"] = ValidationError(_("Schrijf minstens één stap op."), code="required")
    elif len(steps) > MAX_STEPS:
        errors["steps"] = ValidationError(
            _("Houd het kort: maximaal %(count)s stappen.") % {"count": MAX_STEPS}, code="too_many"
        )
    if len(questions) > MAX_QUESTIONS:
        errors["questions"] = ValidationError(
            _("Maximaal %(count)s vragen.") % {"count": MAX_QUESTIONS}, code="too_many"
        )
    if data.format in (AssignmentFormat.QUESTIONS, AssignmentFormat.INTERVIEW) and not questions:
        errors["questions"] = ValidationError(
            _("Bij deze vorm beantwoordt de leerling vragen. Schrijf minstens één vraag op."), code="required"
        )
    if data.audience not in Audience.values:
        errors["audience"] = ValidationError(_("Kies voor wie de opdracht is."), code="invalid")
    if data.format not in AssignmentFormat.values:
        errors["format"] = ValidationError(_("Kies een vorm."), code="invalid")
    if any(c not in Competence.values for c in data.competences):
        errors["competences"] = ValidationError(_("Kies uit de loopbaancompetenties."), code="invalid")
    if any(e not in Element.values for e in data.elements):
        errors["elements"] = ValidationError(_("Kies uit de werkzame elementen."), code="invalid")
    if errors:
        raise ValidationError(errors)
    return {
        "title": data.title.strip()[:160],
        "goal": data.goal.strip(),
        "steps": steps,
        "questions": questions,
        "audience": data.audience,
        "format": data.format,
        "competences": [c for c in Competence.values if c in data.competences],
        "elements": [e for e in Element.values if e in data.elements],
    }


def _free_key(school_id: int, title: str) -> str:
    base = (slugify(title) or "opdracht")[:50]
    taken = set(
        Assignment.objects.filter(school_id=school_id, key__startswith=base).values_list("key", flat=True)
    )
    key, number = base, 1
    while key in taken:
        number += 1
        key = f"{base}-{number}"
    return key


def create_assignment(*, by: Role, data: AssignmentInput) -> Assignment:
    """Add the school's own assignment to its bank."""
    require(by, can_manage_assignments)
    fields = _clean_assignment(data)
    with transaction.atomic():
        return Assignment.objects.create(
            school_id=by.school_id, key=_free_key(by.school_id, fields["title"]), shipped=False, **fields
        )


# What the assignment form changes, and its version covers.
ASSIGNMENT_FIELDS = ("title", "goal", "steps", "questions", "audience", "format", "competences", "elements")


def update_assignment(
    *, assignment: Assignment, by: Role, data: AssignmentInput, version: str | None = None
) -> Assignment:
    """Change an assignment; shipped ones too (the school owns its copy). Against a changed ``version`` (a
    colleague saved it since) ``EditConflict``."""
    require(by, can_manage_assignments, assignment)
    fields = _clean_assignment(data)
    for name, value in fields.items():
        setattr(assignment, name, value)
    with transaction.atomic():
        save_unless_changed(assignment, fields=ASSIGNMENT_FIELDS, version=version)
    return assignment


def set_assignment_active(*, assignment: Assignment, by: Role, active: bool) -> Assignment:
    """Archive (or bring back) an assignment. Never deleted: given ones keep pointing at it."""
    require(by, can_manage_assignments, assignment)
    assignment.active = active
    with transaction.atomic():
        assignment.save(update_fields=["active"])
    return assignment


# --- giving -----------------------------------------------------------------------------------------------


# --- the student's work ----------------------------------------------------------------------------------


def _require_student_of(by: Role, student: Student, given: GivenAssignment) -> None:
    require(by, can_do_assignments, given)
    require(by, can_work_as, student)
    in_a_group = (
        Membership.objects.current().filter(student=student, group__in=given.groups.values("pk")).exists()
    )
    if not in_a_group:
        raise PermissionDenied


def stored_file(work: AssignmentWork, name: str) -> FieldFile:
    """A draft file of the work (photos are kept by name in ``answers``), as a file field value."""
    return FieldFile(work, AssignmentWork._meta.get_field("voice"), name)


def draft_photos(work: AssignmentWork | None) -> list[dict[str, Any]]:
    if work is None:
        return []
    photos = work.answers.get("photos", [])
    return photos if isinstance(photos, list) else []


def _needs_for_finishing(
    assignment: Assignment, *, answers: Mapping[str, str], photos: int, has_voice: bool
) -> None:
    written = [text for key, text in answers.items() if key != "photos" and text.strip()]
    question_answers = [answers.get(str(i), "").strip() for i in range(len(assignment.questions))]
    errors: dict[str, ValidationError] = {}
    match assignment.format:
        case AssignmentFormat.PHOTO if photos < 1:
            errors["photos"] = ValidationError(_("Voeg minstens één foto toe."), code="no_photo")
        case AssignmentFormat.MOODBOARD if photos < MOODBOARD_MIN_PHOTOS:
            errors["photos"] = ValidationError(
                _("Een moodboard heeft minstens %(count)s beelden. Voeg er nog één of meer toe.")
                % {"count": MOODBOARD_MIN_PHOTOS},
                code="few_photos",
            )
        case AssignmentFormat.VOICE if not has_voice and not written:
            errors["voice"] = ValidationError(
                _("Neem een spraakbericht op. Lukt dat niet? Schrijf dan je verhaal in het tekstvak."),
                code="no_voice",
            )
        case _:
            pass
    if assignment.questions and not any(question_answers) and not has_voice:
        errors["0"] = ValidationError(
            _("Beantwoord minstens één vraag, of spreek je antwoord in."), code="no_answer"
        )
    if not errors and not written and not photos and not has_voice:
        errors["text"] = ValidationError(_("Je hebt nog niets gemaakt. Vul iets in."), code="empty")
    if errors:
        raise ValidationError(errors)


def save_work(
    *,
    given: GivenAssignment,
    student: Student,
    by: Role,
    answers: Mapping[str, str],
    photos: Sequence[CheckedUpload] = (),
    remove_photos: Sequence[str] = (),
    voice: CheckedUpload | None = None,
    remove_voice: bool = False,
    finish: bool = False,
    version: str | None = None,
) -> AssignmentWork:
    """Save the student's work as a draft, or finish it: then the result goes into the dossier (see the module
    docstring). Finishing checks first and writes nothing when something is missing. A draft saved meanwhile
    on another device (the stored answers no longer match ``version``) raises ``EditConflict``."""
    _require_student_of(by, student, given)
    assignment = given.assignment
    if any(p.kind != UploadKind.IMAGE for p in photos):
        raise ValidationError({"photos": _("Kies foto's (JPG, PNG of WebP).")})
    if voice is not None and voice.kind != UploadKind.AUDIO:
        raise ValidationError({"voice": _("Een spraakbericht moet een geluidsopname zijn.")})
    refuse_without_consent(student, [p.kind for p in photos], "photos")
    refuse_without_consent(student, [voice.kind] if voice is not None else [], "voice")
    work = AssignmentWork.objects.filter(given=given, student=student).first()
    if work is not None and work.status == WorkStatus.FINISHED:
        raise ValidationError(_("Deze opdracht is al klaar en staat in je dossier."), code="finished")
    kept = [p for p in draft_photos(work) if p.get("name") not in set(remove_photos)]
    if len(kept) + len(photos) > MAX_PHOTOS:
        raise ValidationError(
            {"photos": _("Er passen maximaal %(count)s foto's bij een opdracht.") % {"count": MAX_PHOTOS}}
        )
    texts = {str(k): str(v).strip()[:ANSWER_MAX_LENGTH] for k, v in answers.items() if k != "photos"}
    keeps_voice = bool(work and work.voice) and not remove_voice
    if finish:
        _needs_for_finishing(
            assignment, answers=texts, photos=len(kept) + len(photos), has_voice=bool(voice) or keeps_voice
        )

    with files_removed_on_error() as files, transaction.atomic():
        if work is None:
            work = AssignmentWork(school_id=student.school_id, given=given, student=student)
        removed = [p for p in draft_photos(work) if p not in kept]
        delete_files_on_commit(*(stored_file(work, p["name"]) for p in removed))
        # FieldFile.save writes the name onto its instance, so photos go through a stand-in work row.
        stand_in = AssignmentWork(school_id=work.school_id, student_id=work.student_id)
        for upload in photos:
            target = stored_file(stand_in, "")
            files.save(target, upload)
            kept.append(
                {
                    "name": str(target.name),
                    "type": upload.content_type,
                    "size": upload.size,
                    "original": upload.original_name,
                }
            )
        if work.voice and (voice is not None or remove_voice):
            delete_files_on_commit(work.voice)
            work.voice = ""
            work.voice_content_type = ""
        if voice is not None:
            files.save(work.voice, voice)
            work.voice_content_type = voice.content_type
        work.answers = {**texts, "photos": kept}
        try:
            with transaction.atomic():
                if work.pk is None:
                    work.save()
                else:
                    save_unless_changed(
                        work, fields=WORK_FIELDS, version=version, also=("voice", "voice_content_type")
                    )
        except IntegrityError as clash:  # the same student saving twice at once: one of them wins
            raise ValidationError(_("Je werk is net ergens anders bewaard. Probeer het nog eens.")) from clash
        if finish:
            _finish(files, work=work, by=by, student=student)
    return work


def _answers_as_text(work: AssignmentWork) -> str:
    assignment = work.given.assignment
    parts = []
    for index, question in enumerate(assignment.questions):
        answer = work.answers.get(str(index), "").strip()
        if answer:
            parts.append(f"{question}\n{answer}")
    if work.answers.get("text", "").strip():
        parts.append(work.answers["text"].strip())
    return "\n\n".join(parts)


def _photo_uploads(work: AssignmentWork) -> list[CheckedUpload]:
    uploads = []
    for photo in draft_photos(work):
        stored = stored_file(work, photo["name"])
        with stored.open("rb") as handle:
            data = handle.read()
        uploads.append(
            CheckedUpload(
                kind=UploadKind.IMAGE,
                content=ContentFile(data),
                content_type=photo["type"],
                extension=photo["name"].rsplit(".", 1)[-1],
                size=len(data),
                original_name=photo.get("original", ""),
            )
        )
    return uploads


def _voice_upload(work: AssignmentWork) -> CheckedUpload | None:
    if not work.voice:
        return None
    with work.voice.open("rb") as handle:
        data = handle.read()
    return CheckedUpload(
        kind=UploadKind.AUDIO,
        content=ContentFile(data),
        content_type=work.voice_content_type,
        extension=str(work.voice.name).rsplit(".", 1)[-1],
        size=len(data),
        original_name="",
    )


def reflection_competence(given: GivenAssignment) -> str:
    for candidate in [*given.assignment.competences, *(given.activity.competences if given.activity else [])]:
        if candidate in Competence.values:
            return str(candidate)
    return str(Competence.QUALITIES)


def _experience_of_activity(*, student: Student, by: Role, activity: Activity) -> Experience:
    experience = (
        Experience.objects.filter(student=student, activity=activity).order_by("-happened_on", "-pk").first()
    )
    if experience is None:
        experience = record_experience(
            student=student,
            by=by,
            kind=ExperienceKind.LOB_ACTIVITY,
            title=activity.title[:120],
            happened_on=min(activity.starts_on, timezone.localdate()),
        )
        experience.activity = activity
        experience.save(update_fields=["activity"])
    return experience


def _finish(files: SavedFiles, *, work: AssignmentWork, by: Role, student: Student) -> None:
    given = work.given
    photos, voice = _photo_uploads(work), _voice_upload(work)
    text = _answers_as_text(work)
    if given.purpose == Purpose.REFLECTION and given.activity is not None:
        experience = _experience_of_activity(student=student, by=by, activity=given.activity)
        if photos:
            add_evidence(experience=experience, by=by, uploads=photos, caption=given.assignment.title)
        competence = reflection_competence(given)
        prompt = ReflectionPrompt.objects.filter(competence=competence).order_by("order").first()
        if prompt is None:
            # Without shipped prompts the answers still reach the dossier, on the experience itself.
            experience.learned_about_me = "\n\n".join(p for p in (experience.learned_about_me, text) if p)
            experience.save(update_fields=["learned_about_me", "updated_at"])
            if voice is not None:
                add_evidence(experience=experience, by=by, uploads=[voice])
        else:
            earlier = ReflectionAnswer.objects.filter(
                reflection__experience=experience, reflection__competence=competence, prompt=prompt
            ).first()
            heading = given.assignment.title
            body = text or _("Zie de foto's bij deze ervaring.")
            combined = "\n\n".join(p for p in ((earlier.text if earlier else ""), f"{heading}\n{body}") if p)
            work.reflection = reflect_on_experience(
                student=student,
                by=by,
                experience=experience,
                competence=competence,
                answers=[AnswerInput(prompt=prompt, text=combined, voice=voice)],
            )
    else:
        experience = record_experience(
            student=student,
            by=by,
            kind=ExperienceKind.LOB_ACTIVITY,
            title=given.assignment.title[:120],
            happened_on=timezone.localdate(),
            what_i_did=text,
            evidence=[*photos, *([voice] if voice else [])],
            caption=given.assignment.title,
        )
        if given.activity is not None:
            experience.activity = given.activity
            experience.save(update_fields=["activity"])
    # The drafts now live in the dossier; remove them from the work once this is committed.
    delete_files_on_commit(*(stored_file(work, p["name"]) for p in draft_photos(work)), work.voice)
    work.answers = {k: v for k, v in work.answers.items() if k != "photos"}
    work.voice = ""
    work.voice_content_type = ""
    work.experience = experience
    work.status = WorkStatus.FINISHED
    work.finished_at = timezone.now()
    work.save(
        update_fields=[
            "answers",
            "voice",
            "voice_content_type",
            "experience",
            "reflection",
            "status",
            "finished_at",
            "updated_at",
        ]
    )
