"""Who may manage what around logging in. Mentors print and revoke login cards for the students of the groups
they mentor now; admins for every student of their school. Only admins set the school's login policy. Admins,
counsellors and mentors invite guardians (which guardians: ``queries.invitable_students``)."""

import rules

from koers.access.rules import is_admin, is_counsellor, is_mentor
from koers.schools.models import Role, Student
from koers.schools.queries import visible_students

can_manage_cards = is_mentor | is_admin
can_set_login_policy = is_admin
can_invite_guardians = is_admin | is_counsellor | is_mentor


@rules.predicate
def invites_for(role: Role, student: Student) -> bool:
    """A current student whose guardians this role may invite: any for an admin or counsellor, a student
    the mentor follows for a mentor (one query for a mentor)."""
    if student.left_on is not None:
        return False
    if is_admin(role, student) or is_counsellor(role, student):
        return True
    return is_mentor(role, student) and visible_students(role).filter(pk=student.pk).exists()


can_invite_guardians_of = invites_for
