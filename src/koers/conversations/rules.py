"""Who may do what with career conversations. Rules take the active Role and, where they are about one
conversation, the Conversation (which lookups already limited to what the role may see:
``queries/lookups.py``).

A conversation with one student is visible to whoever may open that student's dossier (the student, their
current mentors, counsellors), plus the mentor who holds it; a guardian sees only the conversations they
were invited to, and those whose summary was shared when the law lets them see the dossier. A group
conversation is visible to the group's mentors, counsellors, the mentor who holds it and the group's current
students. What a guardian reads of a conversation follows the law in ``schools/family_rules.py``.
"""

from __future__ import annotations

import rules

from koers.access.rules import (
    in_school,
    is_counsellor,
    is_follower,
    is_guardian,
    is_leader,
    is_mentor,
    is_student,
    leads_group,
)
from koers.conversations.models import Conversation
from koers.dossier.rules import follows_student
from koers.schools.models import Mentorship, Role
from koers.schools.queries import guardian_sees_dossier_of, mentored_groups, visible_students


@rules.predicate
def is_participant_student(role: Role, conversation: Conversation) -> bool:
    """The student the conversation is with."""
    return (
        is_student(role)
        and conversation.student is not None
        and conversation.student.user_id == role.user_id
        and in_school(role, conversation)
    )


@rules.predicate
def is_guardian_of(role: Role, conversation: Conversation) -> bool:
    """A guardian of the student (lookups only hand guardians their own children's conversations)."""
    return is_guardian(role, conversation) and conversation.student is not None


@rules.predicate
def guardian_reads_summary(role: Role, conversation: Conversation) -> bool:
    """A guardian reads the summary and agreements when the mentor shared them and the guardian sees the
    dossier: parental authority, and no hidden dossier of a 16+ student (schools/family_rules.py)."""
    return (
        is_guardian_of(role, conversation)
        and conversation.shared_with_guardians
        and conversation.student is not None
        and guardian_sees_dossier_of(role, conversation.student)
    )


@rules.predicate
def is_invited_guardian(role: Role, conversation: Conversation) -> bool:
    """A guardian the mentor invited to this conversation (one query). The invitation, not the law, lets a
    guardian see when and where it is and prepare it; what else they read follows ``family_rules``."""
    return is_guardian_of(role, conversation) and conversation.guardians.filter(pk=role.user_id).exists()


@rules.predicate
def guardian_reads_goal(role: Role, conversation: Conversation) -> bool:
    """A guardian reads what a conversation is about only when they see the dossier: parental authority, and
    no hidden dossier of a 16+ student (schools/family_rules.py). Others read time and place only."""
    return (
        is_guardian_of(role, conversation)
        and conversation.student is not None
        and guardian_sees_dossier_of(role, conversation.student)
    )


@rules.predicate
def is_driegesprek(role: Role, conversation: Conversation) -> bool:
    return bool(conversation.type.with_guardians)


# A guardian prepares only a driegesprek they were invited to (with or without parental authority: the
# mentor invited them); an uninvited guardian never reaches the conversation at all (queries/lookups.py).
prepares_driegesprek = is_guardian_of & is_driegesprek & is_invited_guardian


@rules.predicate
def mentors_the_group(role: Role, conversation: Conversation) -> bool:
    """A group conversation whose group this mentor mentors, or which they hold (one query)."""
    if conversation.group_id is None or not is_mentor(role, conversation):
        return False
    return conversation.mentor_id == role.user_id or (
        Mentorship.objects.filter(group_id=conversation.group_id, mentor_id=role.user_id).exists()
    )


@rules.predicate
def is_group_conversation(role: Role, conversation: Conversation) -> bool:
    return conversation.group_id is not None and in_school(role, conversation)


@rules.predicate
def is_about_a_student(role: Role, conversation: Conversation) -> bool:
    return conversation.student is not None


@rules.predicate
def replans(role: Role, conversation: Conversation) -> bool:
    """A counsellor, or a mentor who holds the conversation, may open its student or mentors its group
    (queries only for a mentor who does not hold it)."""
    if not is_follower(role, conversation):
        return False
    if is_counsellor(role) or conversation.mentor_id == role.user_id:
        return True
    student_ok = (
        conversation.student_id and visible_students(role).filter(pk=conversation.student_id).exists()
    )
    group_ok = conversation.group_id and mentored_groups(role).filter(pk=conversation.group_id).exists()
    return bool(student_ok or group_ok)


# Who may open conversations at all; which ones is ``queries.lookups.visible_conversations`` (404 otherwise).
can_open_conversations = is_student | is_follower | is_guardian
# The mentor who holds it, or any counsellor or mentor who may see it, leads the conversation.
can_hold_conversation = is_follower
can_plan_conversations = is_follower
can_plan_with_student = follows_student
can_plan_with_group = leads_group
can_replan_conversation = replans
# The conversations per group: a mentor's own groups; the counsellor sees every group's progress.
can_see_mentor_planning = is_follower
can_see_school_planning = is_counsellor
can_see_own_conversations = is_student | is_guardian
can_manage_rounds_and_types = is_counsellor
can_prepare = is_participant_student | prepares_driegesprek
can_take_the_chair = is_participant_student | can_hold_conversation
can_evaluate = is_participant_student
can_record_group_conversation = is_group_conversation & (is_counsellor | mentors_the_group)
can_read_own_mirror = is_follower
can_read_school_mirror = is_counsellor | is_leader
can_print_conversation_card = is_follower
can_print_reports = is_student | is_guardian | is_follower
# What a conversation is about: everyone who may open it, except a guardian who may not see the dossier.
can_read_conversation_goal = ~is_guardian | guardian_reads_goal
can_print_report = is_about_a_student & (
    can_hold_conversation | is_participant_student | guardian_reads_summary
)
