"""Who may do what with the school's network and internships. Rules take the active Role (and optionally an
object of this area, which must belong to the role's school).

The counsellor keeps the register: partners, their contact people and internship places. Mentors read it and
add contact moments (a mentor visiting a workplace talks to the partner too). Mentors match the students of
the groups they mentor; the counsellor any group. Students choose places and keep their own internship's log;
guardians see their child's internship. Teachers, leaders and admins get a 404 on every page: the partner's
page names students, and matching is the mentor's work. The workplace supervisor has no role at all: their
personal link carries its own secret (``partners.domain.links``).
"""

from __future__ import annotations

from typing import Any

import rules

from koers.access.rules import is_counsellor, is_follower, is_guardian, is_student, leads_group
from koers.dossier.rules import follows_student
from koers.schools.models import Role

# --- the register ---
can_keep_register = is_counsellor
can_read_register = is_follower
can_record_contact = is_follower

# --- places and matching ---
can_choose_places = is_student
can_match = is_follower
can_match_group = leads_group

# --- one internship ---
can_follow_internship = follows_student  # mentor of the student's group now, or the counsellor
can_see_own_internship = is_student
can_see_child_internship = is_guardian
can_open_internships = is_student | is_follower | is_guardian


@rules.predicate
def is_the_intern(role: Role, internship: Any) -> bool:
    """The student of this internship, acting at their own school."""
    return is_student(role, internship) and internship.student.user_id == role.user_id


can_keep_log = is_the_intern
