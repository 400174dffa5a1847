"""Writes before a conversation: the student's preparation, and a guardian's in a driegesprek."""

from __future__ import annotations

from typing import Final

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from koers.access.audit import leaves_trace, record_change
from koers.access.gate import require
from koers.common.uploads import CheckedUpload, UploadKind, delete_files_on_commit, files_removed_on_error
from koers.common.versions import conflict_with, save_unless_changed, version_of_instance
from koers.conversations.models import Conversation, ConversationStatus, Preparation
from koers.conversations.rules import can_prepare, is_participant_student
from koers.dossier.models import Experience
from koers.schools.family_rules import refuse_without_consent
from koers.schools.models import Role

ANSWER_MAX_LENGTH: Final = 4000
# What the preparation form changes, and its version covers (a voice note is a file beside it).
PREPARATION_FIELDS: Final = ("talk_about", "hope_to_get", "experience")


def preparation_version(existing: Preparation | None) -> str:
    """The version a preparation form starts from; an empty one when there is no preparation yet."""
    return version_of_instance(existing or Preparation(), PREPARATION_FIELDS)


def _answer(value: str, field: str) -> str:
    value = (value or "").strip()
    if len(value) > ANSWER_MAX_LENGTH:
        raise ValidationError(
            {field: _("Dit is te lang (maximaal %(max)s tekens).") % {"max": ANSWER_MAX_LENGTH}}
        )
    return value


@leaves_trace
def save_preparation(
    *,
    by: Role,
    conversation: Conversation,
    talk_about: str = "",
    hope_to_get: str = "",
    experience: Experience | None = None,
    voice: CheckedUpload | None = None,
    remove_voice: bool = False,
    version: str | None = None,
) -> Preparation:
    """Create or update the author's own preparation; something must be said, by text or voice. Against a
    changed ``version`` (saved meanwhile in another tab or on another device) ``EditConflict``."""
    require(by, can_prepare, conversation)
    if conversation.status != ConversationStatus.PLANNED:
        raise ValidationError(_("Dit gesprek is al afgerond; voorbereiden kan niet meer."))
    talk_about = _answer(talk_about, "talk_about")
    hope_to_get = _answer(hope_to_get, "hope_to_get")
    is_student = is_participant_student(by, conversation)
    if experience is not None:
        if not is_student:
            raise ValidationError({"experience": _("Alleen de leerling kiest een ervaring.")})
        if experience.student_id != conversation.student_id:
            raise ValidationError({"experience": _("Kies een ervaring uit je eigen dossier.")})
    if voice is not None and voice.kind != UploadKind.AUDIO:
        raise ValidationError({"voice": _("Dit is geen spraakbericht.")})
    if voice is not None and conversation.student is not None:
        refuse_without_consent(conversation.student, [voice.kind], "voice")
    existing = Preparation.objects.filter(conversation=conversation, author_id=by.user_id).first()
    keeps_voice = bool(existing and existing.voice) and not remove_voice
    if not (talk_about or hope_to_get or experience or voice or keeps_voice):
        raise ValidationError(
            {"talk_about": _("Schrijf iets op, kies een ervaring of neem een spraakbericht op.")}
        )
    with files_removed_on_error() as files, transaction.atomic():
        preparation = existing or Preparation(
            school_id=conversation.school_id,
            conversation=conversation,
            author_id=by.user_id,
            author_role=by.kind,
        )
        preparation.talk_about = talk_about
        preparation.hope_to_get = hope_to_get
        preparation.experience = experience
        old_voice = preparation.voice if preparation.voice and (voice or remove_voice) else None
        if old_voice:
            delete_files_on_commit(old_voice)
            preparation.voice = ""
            preparation.voice_content_type = ""
        if voice is not None:
            files.save(preparation.voice, voice)
            preparation.voice_content_type = voice.content_type
        if existing is None:
            try:
                with transaction.atomic():
                    preparation.save()
            except IntegrityError:  # another tab or device saved the first preparation just now
                stored = Preparation.objects.get(conversation=conversation, author_id=by.user_id)
                raise conflict_with(stored, PREPARATION_FIELDS) from None
        else:
            save_unless_changed(
                preparation, fields=PREPARATION_FIELDS, version=version, also=("voice", "voice_content_type")
            )
        record_change(by=by, student=conversation.student, change="conversation.prepared")
    return preparation
