"""A guardian's own answer to a home assignment: text, a voice note or both, in their own language."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from koers.common.uploads import CheckedUpload, UploadKind, delete_files_on_commit, files_removed_on_error
from koers.common.versions import save_unless_changed
from koers.programme.models import GuardianAnswer
from koers.programme.queries.guardian import home_assignments, own_child
from koers.schools.models import Role, Student

ANSWER_MAX_LENGTH = 5000
GUARDIAN_ANSWER_FIELDS = ("text", "language")  # what the answer form changes, and its version covers


def save_guardian_answer(
    *,
    role: Role,
    student: Student,
    given_pk: int,
    text: str,
    voice: CheckedUpload | None = None,
    remove_voice: bool = False,
    language: str = "nl",
    version: str | None = None,
) -> GuardianAnswer:
    """Store (or change) the guardian's answer. Something must remain: text or a voice note. Changing an
    answer against a changed ``version`` (saved meanwhile in another window) raises ``EditConflict``."""
    own_child(role, student.pk)
    given = home_assignments(student, role.user_id).filter(pk=given_pk).first()
    if given is None:
        raise Http404
    text = (text or "").strip()
    if voice is not None and voice.kind != UploadKind.AUDIO:
        raise ValidationError({"voice": _("Een spraakbericht moet een geluidsopname zijn.")})
    if len(text) > ANSWER_MAX_LENGTH:
        raise ValidationError(
            {"text": _("Houd het korter: hoogstens %(max)d tekens.") % {"max": ANSWER_MAX_LENGTH}}
        )
    if language not in dict(settings.LANGUAGES):
        language = "nl"
    answer = GuardianAnswer.objects.filter(given=given, student=student, guardian_id=role.user_id).first()
    keeps_voice = bool(answer and answer.voice) and not remove_voice
    if not text and voice is None and not keeps_voice:
        raise ValidationError(
            {"text": _("Schrijf een antwoord of neem een spraakbericht op. Dat mag in je eigen taal.")}
        )
    with files_removed_on_error() as files, transaction.atomic():
        if answer is None:
            answer = GuardianAnswer(
                school_id=student.school_id, given=given, student=student, guardian_id=role.user_id
            )
        answer.text = text
        answer.language = language
        if answer.voice and (voice is not None or remove_voice):
            delete_files_on_commit(answer.voice)
            answer.voice = ""
            answer.voice_content_type = ""
        if voice is not None:
            files.save(answer.voice, voice)
            answer.voice_content_type = voice.content_type
        if answer.pk is None:
            answer.save()
        else:
            save_unless_changed(
                answer,
                fields=GUARDIAN_ANSWER_FIELDS,
                version=version,
                also=("voice", "voice_content_type"),
            )
    return answer
