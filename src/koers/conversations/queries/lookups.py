"""Every conversation lookup: the conversations a role may see, and one of them (or a preparation, tag, round
or type) for the role that asks, else a 404."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from koers.access.rules import is_counsellor, is_guardian, is_mentor, is_student
from koers.common.lookups import one_or_404
from koers.conversations.models import (
    Conversation,
    ConversationRound,
    ConversationTag,
    ConversationType,
    Preparation,
)
from koers.conversations.rules import can_hold_conversation
from koers.schools.family_rules import hidden_dossier_q
from koers.schools.models import Guardianship, Membership, Role
from koers.schools.queries import mentored_groups, visible_students


def visible_conversations(role: Role | None) -> QuerySet[Conversation]:
    if role is None:
        return Conversation.objects.none()
    conversations = Conversation.objects.filter(school_id=role.school_id)
    if is_counsellor(role):
        return conversations
    if not (is_student(role) or is_mentor(role) or is_guardian(role)):
        return conversations.none()
    about_a_student = Q(student__in=visible_students(role))
    if is_mentor(role):
        return conversations.filter(
            about_a_student | Q(mentor_id=role.user_id) | Q(group__in=mentored_groups(role))
        )
    if is_student(role):
        # A student also reads the group conversations of the groups they are in now.
        my_groups = Membership.objects.current().filter(student__user_id=role.user_id).values("group_id")
        return conversations.filter(about_a_student | Q(group__in=my_groups))
    return conversations.filter(about_a_student).filter(guardian_conversations_q(role))


def guardian_conversations_q(role: Role) -> Q:
    """The conversations a guardian reaches: those they were invited to (time, place, their preparation),
    and those whose summary the mentor shared, when the guardian has parental authority and the student
    did not hide the dossier at 16 (``schools.family_rules``). Nothing else of a child's conversations."""
    invited = Conversation.guardians.through.objects.filter(
        conversation_id=OuterRef("pk"), user_id=role.user_id
    )
    authorised = Guardianship.objects.filter(
        guardian_id=role.user_id, student_id=OuterRef("student_id"), has_authority=True
    )
    return Q(Exists(invited)) | (Q(shared_with_guardians=True) & Q(Exists(authorised)) & ~hidden_dossier_q())


def get_conversation_for(role: Role | None, pk: int) -> Conversation:
    conversation = (
        visible_conversations(role)
        .select_related("type", "round", "student__user", "group", "mentor")
        .filter(pk=pk)
        .first()
    )
    if conversation is None:
        raise Http404
    return conversation


def get_held_conversation_for(role: Role | None, pk: int) -> Conversation:
    """A conversation the role leads (a mentor or counsellor who may see it); anything else is a 404."""
    conversation = get_conversation_for(role, pk)
    if role is None or not can_hold_conversation(role, conversation):
        raise Http404
    return conversation


def get_preparation_voice_for(role: Role, pk: int) -> Preparation:
    """A preparation with a voice note, of a conversation the role may see, for its author or whoever leads
    the conversation; anything else is a 404."""
    preparation = (
        Preparation.objects.filter(pk=pk, conversation__in=visible_conversations(role))
        .exclude(voice="")
        .select_related("conversation__student__user", "conversation__type")
        .first()
    )
    if preparation is None or (
        preparation.author_id != role.user_id and not can_hold_conversation(role, preparation.conversation)
    ):
        raise Http404
    return preparation


def own_preparation(role: Role, conversation: Conversation) -> Preparation | None:
    """What this person wrote to prepare the conversation, if anything."""
    return Preparation.objects.filter(conversation=conversation, author_id=role.user_id).first()


def get_tag_for(role: Role, pk: int) -> ConversationTag:
    """A tag on a conversation the role leads; anything else is a 404."""
    tag = (
        ConversationTag.objects.filter(pk=pk, conversation__in=visible_conversations(role))
        .select_related("conversation__student", "conversation__type")
        .first()
    )
    if tag is None or not can_hold_conversation(role, tag.conversation):
        raise Http404
    return tag


def get_round_for(role: Role, pk: int) -> ConversationRound:
    return one_or_404(ConversationRound.objects.all(), school_id=role.school_id, pk=pk)


def get_type_for(role: Role, pk: int) -> ConversationType:
    return one_or_404(ConversationType.objects.all(), school_id=role.school_id, pk=pk)
