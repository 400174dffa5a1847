"""Who may open which conversation. Every conversation lookup goes through ``get_conversation_for``.

A conversation with one student is visible to whoever may open that student's dossier (the student, their
current mentors, counsellors, their guardians), plus the mentor who holds it. A group conversation is visible
to the group's mentors, counsellors, the mentor who holds it and the group's current students. Everything
else is a 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from koers.conversations.models import Conversation
from koers.schools.models import Membership, Role, RoleKind
from koers.schools.queries import guardian_sees_dossier_of, mentored_groups, visible_students


def visible_conversations(role: Role | None) -> QuerySet[Conversation]:
    if role is None:
        return Conversation.objects.none()
    conversations = Conversation.objects.filter(school_id=role.school_id)
    if role.kind == RoleKind.COUNSELLOR:
        return conversations
    if role.kind not in (RoleKind.STUDENT, RoleKind.MENTOR, RoleKind.GUARDIAN):
        return conversations.none()
    about_a_student = Q(student__in=visible_students(role))
    if role.kind == RoleKind.MENTOR:
        return conversations.filter(
            about_a_student | Q(mentor_id=role.user_id) | Q(group__in=mentored_groups(role))
        )
    if role.kind == RoleKind.STUDENT:
        # A student also reads the group conversations of the groups they are in now.
        my_groups = Membership.objects.current().filter(student__user_id=role.user_id).values("group_id")
        return conversations.filter(about_a_student | Q(group__in=my_groups))
    return conversations.filter(about_a_student)


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


def holds(role: Role, conversation: Conversation) -> bool:
    """The mentor who holds it, or any counsellor or mentor who may see it, leads the conversation."""
    return role.kind in (RoleKind.MENTOR, RoleKind.COUNSELLOR)


def is_participant_student(role: Role, conversation: Conversation) -> bool:
    return (
        role.kind == RoleKind.STUDENT
        and conversation.student is not None
        and conversation.student.user_id == role.user_id
    )


def is_guardian_of(role: Role, conversation: Conversation) -> bool:
    return role.kind == RoleKind.GUARDIAN and conversation.student is not None


def guardian_reads_summary(role: Role, conversation: Conversation) -> bool:
    """A guardian reads the summary and agreements when the mentor shared them and the guardian sees the
    dossier: parental authority, and no hidden dossier of a 16+ student (schools/family_rules.py)."""
    return (
        is_guardian_of(role, conversation)
        and conversation.shared_with_guardians
        and conversation.student is not None
        and guardian_sees_dossier_of(role, conversation.student)
    )


def get_held_conversation_for(role: Role | None, pk: int) -> Conversation:
    """A conversation the role leads (a mentor or counsellor who may see it); anything else is a 404."""
    conversation = get_conversation_for(role, pk)
    if role is None or not holds(role, conversation):
        raise Http404
    return conversation


def require_holder(by: Role, conversation: Conversation) -> None:
    """For domain verbs: only someone who leads the conversation may write to it."""
    if by.school_id != conversation.school_id or not holds(by, conversation):
        raise PermissionDenied
