"""Who may do what with a dossier. Rules take the active Role and, where they are about one student, the
Student (of the role's school).

Seeing a dossier at all is decided by ``schools.queries.visible_students`` (through ``get_student_for``, 404
otherwise); these rules decide what a role that can see it may do there. What guardians see and decide
follows the law in ``schools/family_rules.py``.
"""

from __future__ import annotations

import rules

from koers.access.rules import in_school, is_follower, is_guardian, is_student, is_teacher, is_the_student
from koers.schools.family_rules import may_decide_consent
from koers.schools.models import Role, Student
from koers.schools.queries import complimentable_students, guardianship_of, visible_students


@rules.predicate
def decides_consent_for(role: Role, student: Student) -> bool:
    """The law (``family_rules.may_decide_consent``): a guardian with parental authority until the student is
    16, the student from then on. One query for a guardian (their guardianship), none for anyone else."""
    if not in_school(role, student) or not (is_student(role) or is_guardian(role)):
        return False
    guardianship = guardianship_of(role, student)
    return may_decide_consent(
        role.kind,
        is_the_student=is_the_student(role, student),
        has_authority=guardianship is not None and guardianship.decides,
        student=student,
    )


@rules.predicate
def follows_student(role: Role, student: Student) -> bool:
    """A mentor or counsellor who may open this student's dossier now (one query)."""
    return is_follower(role, student) and visible_students(role).filter(pk=student.pk).exists()


@rules.predicate
def may_be_complimented_by(role: Role, student: Student) -> bool:
    """The student is one this role may compliment (``complimentable_students``; one query)."""
    return complimentable_students(role).filter(pk=student.pk).exists()


# Who may open students' dossiers at all; which ones is ``schools.queries.visible_students`` (404 for others).
can_open_dossiers = is_student | is_follower | is_guardian
# The student keeps their own dossier: only they write in it.
can_keep_dossier = is_student
can_edit_dossier = is_the_student
# The student and the mentors and counsellors who follow them see all of it; a guardian what is shared.
can_see_everything = is_the_student | is_follower
can_remark = is_follower
can_answer_remark = is_the_student
can_compliment = is_follower | is_guardian | is_teacher
can_give_compliment = can_compliment & may_be_complimented_by
# Remarks: mentors and counsellors who follow the student ask; the student answers (once asked: remarks.py).
can_write_remark = follows_student | can_answer_remark
can_take_part_in_remarks = is_student | is_follower
# Who sees the dossier and who gives consent (schools/family_rules.py).
can_open_family_page = is_student
can_open_child_family_page = is_guardian
can_hide_dossier = is_the_student
can_decide_consent = decides_consent_for
