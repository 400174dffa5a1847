"""Writes while a conversation is held: notes per phase (autosaved), the mentor's private note and tags.

Quality and motive tags also land in the student's dossier as a ``StudentTrait``, so what came up in the
conversation is there to build on; occupation tags stay with the conversation.
"""

from __future__ import annotations

from typing import Final

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from koers.access.audit import leaves_trace, record_change
from koers.access.gate import require
from koers.common.versions import conflict_with, save_unless_changed
from koers.conversations.models import (
    Conversation,
    ConversationStatus,
    ConversationTag,
    PhaseNote,
    PrivateNote,
    TagKind,
)
from koers.conversations.rules import can_hold_conversation
from koers.dossier.domain.overview import default_sharing
from koers.dossier.models import StudentTrait
from koers.lob.models import Trait
from koers.lob.vocabulary import Phase
from koers.schools.models import Role

NOTE_MAX_LENGTH: Final = 20_000
TAG_TEXT_MAX_LENGTH: Final = 120


def _require_not_cancelled(conversation: Conversation) -> None:
    if conversation.status == ConversationStatus.CANCELLED:
        raise ValidationError(_("Dit gesprek is geannuleerd; er kan niets meer bij."))


def _clean_note(text: str) -> str:
    text = (text or "").replace("\r\n", "\n")
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"text": _("Deze aantekening is te lang (maximaal %(max)s tekens).") % {"max": NOTE_MAX_LENGTH}}
        )
    return text


NOTE_FIELDS: Final = ("text",)  # what a note editor changes, and its version covers (``note_version``)


@transaction.atomic
def save_phase_note(
    *, by: Role, conversation: Conversation, phase: str, text: str, version: str | None = None
) -> PhaseNote:
    """Store the notes of one phase; saving the same text again changes nothing but the time.

    With ``version`` (the ``note_version`` of the text the editor started from) a note that someone else
    changed in the meantime is not overwritten: ``EditConflict`` carries the stored text
    (``common.versions``, like every edit form)."""
    require(by, can_hold_conversation, conversation)
    _require_not_cancelled(conversation)
    if phase not in Phase.values:
        raise ValidationError({"phase": _("Deze fase bestaat niet. Kies een fase uit de leidraad.")})
    text = _clean_note(text)
    notes = PhaseNote.objects.filter(conversation=conversation, phase=phase)
    note = notes.first()
    if note is None:
        try:
            with transaction.atomic():
                return PhaseNote.objects.create(
                    school_id=conversation.school_id, conversation=conversation, phase=phase, text=text
                )
        except IntegrityError:  # two saves of the first keystrokes crossed each other
            note = notes.get()
            if version is not None and note.text != text:  # the other tab's first words won
                raise conflict_with(note, NOTE_FIELDS) from None
    note.text = text
    save_unless_changed(note, fields=NOTE_FIELDS, version=version)
    return note


@transaction.atomic
def save_private_note(
    *, by: Role, conversation: Conversation, text: str, version: str | None = None
) -> PrivateNote:
    """The holder's own note on the conversation, seen by nobody else. With ``version`` (the
    ``note_version`` the editor started from) a note changed meanwhile in another tab or on another device
    is not overwritten: ``EditConflict`` carries the stored text."""
    require(by, can_hold_conversation, conversation)
    text = _clean_note(text)
    note, created = PrivateNote.objects.get_or_create(
        conversation=conversation,
        author_id=by.user_id,
        defaults={"school_id": conversation.school_id, "text": text},
    )
    if not created and note.text != text:
        note.text = text
        save_unless_changed(note, fields=NOTE_FIELDS, version=version)
    return note


MENTOR_GOAL_MAX_LENGTH: Final = 2000
MENTOR_GOAL_FIELDS: Final = ("mentor_goal",)  # what the goal form changes, and its version covers


@leaves_trace
@transaction.atomic
def save_mentor_goal(
    *, by: Role, conversation: Conversation, text: str, version: str | None = None
) -> Conversation:
    """The holder's own aim for the conversation, seen by staff who hold it and never by the family.
    Against a changed ``version`` (the other holder saved it since) ``EditConflict`` with their text."""
    require(by, can_hold_conversation, conversation)
    _require_not_cancelled(conversation)
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > MENTOR_GOAL_MAX_LENGTH:
        raise ValidationError(
            {"mentor_goal": _("Dit is te lang (maximaal %(max)s tekens).") % {"max": MENTOR_GOAL_MAX_LENGTH}}
        )
    conversation.mentor_goal = text
    save_unless_changed(conversation, fields=MENTOR_GOAL_FIELDS, version=version, touch=())
    record_change(by=by, student=conversation.student, change="conversation.goal")
    return conversation


def _land_in_dossier(conversation: Conversation, kind: str, trait: Trait | None, text: str) -> None:
    student = conversation.student
    if student is None:
        return
    existing = StudentTrait.objects.filter(student=student)
    if trait is not None and existing.filter(trait=trait).exists():
        return
    if trait is None and existing.filter(kind=kind, trait__isnull=True, own_words__iexact=text).exists():
        return
    try:
        with transaction.atomic():
            StudentTrait.objects.create(
                school_id=student.school_id,
                student=student,
                kind=kind,
                trait=trait,
                own_words="" if trait is not None else text,
                shared_with_guardians=default_sharing(student, "trait"),
            )
    except IntegrityError:  # the student claimed the same trait at the same moment
        pass


@leaves_trace
@transaction.atomic
def tag_in_conversation(
    *, by: Role, conversation: Conversation, kind: str, trait: Trait | None = None, text: str = ""
) -> ConversationTag:
    """Tag a quality, motive or occupation that came up; qualities and motives also go into the dossier."""
    require(by, can_hold_conversation, conversation)
    _require_not_cancelled(conversation)
    text = (text or "").strip()
    if kind not in TagKind.values:
        raise ValidationError({"kind": _("Kies een kwaliteit, een motief of een beroep.")})
    if len(text) > TAG_TEXT_MAX_LENGTH:
        raise ValidationError(
            {"text": _("Houd het kort: maximaal %(max)s tekens.") % {"max": TAG_TEXT_MAX_LENGTH}}
        )
    if kind == TagKind.OCCUPATION:
        if not text:
            raise ValidationError({"text": _("Schrijf op welk beroep ter sprake kwam.")})
        trait = None
    else:
        if trait is None and not text:
            raise ValidationError({"trait": _("Kies een tegel, of schrijf het op in eigen woorden.")})
        if trait is not None and trait.kind != kind:
            raise ValidationError({"trait": _("Deze tegel hoort bij een andere lijst.")})
        if trait is not None:
            text = ""
    duplicate = ConversationTag.objects.filter(conversation=conversation, kind=kind)
    duplicate = duplicate.filter(trait=trait) if trait is not None else duplicate.filter(text__iexact=text)
    tag = duplicate.first()
    if tag is None:
        tag = ConversationTag.objects.create(
            school_id=conversation.school_id, conversation=conversation, kind=kind, trait=trait, text=text
        )
    if kind != TagKind.OCCUPATION:
        _land_in_dossier(conversation, kind, trait, text)
    record_change(by=by, student=conversation.student, change="conversation.tagged", subject=str(tag))
    return tag


@leaves_trace
@transaction.atomic
def remove_tag(*, by: Role, tag: ConversationTag) -> None:
    """Undo a tag. A trait it put in the dossier goes too, unless the student has linked experiences to it."""
    conversation = tag.conversation
    require(by, can_hold_conversation, conversation)
    student = conversation.student
    if student is not None and tag.kind != TagKind.OCCUPATION:
        added = StudentTrait.objects.filter(
            student=student, kind=tag.kind, created_at__gte=tag.created_at, experiences__isnull=True
        )
        added = added.filter(trait=tag.trait) if tag.trait_id else added.filter(own_words__iexact=tag.text)
        added.delete()
    record_change(by=by, student=student, change="conversation.untagged", subject=str(tag))
    tag.delete()
