"""Who may do what with taking the dossier along, requests for access and the school's privacy pages.

Who asks for a copy of the data follows the law (``schools/family_rules.py``): from 16 the student, before
that a guardian with parental authority.
"""

from __future__ import annotations

import datetime as dt

import rules
from django.utils import timezone

from koers.access.rules import is_admin, is_counsellor, is_guardian, is_student, is_the_student
from koers.schools.family_rules import decides_for_self
from koers.schools.models import Role, RoleKind, Student
from koers.schools.queries import guardianship_of


def age_allows(kind: str, student: Student, day: dt.date) -> bool:
    """From the 16th birthday the student asks (schools/family_rules.py); before it a guardian."""
    if kind == RoleKind.STUDENT:
        return student.date_of_birth is None or decides_for_self(student, day)
    if kind == RoleKind.GUARDIAN:
        return student.date_of_birth is not None and not decides_for_self(student, day)
    return False


def may_request_for(role: Role, student: Student, day: dt.date | None = None) -> bool:
    """The student decides from 16; for a younger child a guardian with parental authority does.

    A student whose date of birth is unknown may ask for their own data (it is theirs in any case); a
    guardian may not, since Koers cannot tell whether the child is under 16.
    """
    if student.school_id != role.school_id:
        return False
    if not age_allows(role.kind, student, day or timezone.localdate()):
        return False
    if is_student(role):
        return student.user_id == role.user_id
    if is_guardian(role):
        guardianship = guardianship_of(role, student)
        return guardianship is not None and guardianship.decides
    return False


@rules.predicate
def requests_data_of(role: Role, student: Student) -> bool:
    """``may_request_for`` today, as a rule (one query for a guardian)."""
    return may_request_for(role, student)


@rules.predicate
def has_authority_over(role: Role, student: Student) -> bool:
    """A guardian with parental authority over this student (one query)."""
    guardianship = guardianship_of(role, student) if is_guardian(role, student) else None
    return guardianship is not None and guardianship.decides


# --- taking the dossier along ---
can_take_dossier_along = is_student
can_export_dossier = is_the_student
can_read_in_dossiers = is_counsellor | is_admin
# --- requests for access ---
can_ask_for_data = is_student | is_guardian
can_request_data_of = requests_data_of
can_handle_access_requests = is_counsellor | is_admin
# --- the school's privacy pages ---
can_manage_retention = is_admin
can_export_student_lists = is_counsellor
can_see_who_looked_at_child = is_guardian
can_see_who_looked_at = has_authority_over
