"""Who may do what with a dossier. Predicates take the active Role and the Student.

Seeing a dossier at all is decided by ``schools.queries.visible_students`` (404 otherwise); these predicates
decide what a role that can see it may do there.
"""

import rules

from koers.schools.models import Role, RoleKind, Student


@rules.predicate
def is_the_student(role: Role, student: Student) -> bool:
    return role.kind == RoleKind.STUDENT and role.user_id == student.user_id


@rules.predicate
def is_staff_follower(role: Role, student: Student) -> bool:
    """Mentors and counsellors who can see the student follow the whole dossier."""
    return role.kind in (RoleKind.MENTOR, RoleKind.COUNSELLOR) and role.school_id == student.school_id


@rules.predicate
def is_guardian(role: Role, student: Student) -> bool:
    return role.kind == RoleKind.GUARDIAN and role.school_id == student.school_id


@rules.predicate
def is_teacher(role: Role, student: Student) -> bool:
    return role.kind == RoleKind.TEACHER and role.school_id == student.school_id


can_edit_dossier = is_the_student
can_see_everything = is_the_student | is_staff_follower
can_remark = is_staff_follower
can_answer_remark = is_the_student
can_compliment = is_staff_follower | is_guardian | is_teacher
