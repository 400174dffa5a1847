"""Who may do what with the school's programme. Rules take the active Role (and optionally an object of the
programme, which must belong to the role's school).

The counsellor plans: activities, the school's activity types, copying a year forward, the assignment bank.
Mentors, teachers and leaders may read the year planner (it holds no student data: it helps them prepare
their lessons and see what is coming for their groups). The coverage check is for counsellors and leaders,
who steer the programme. Students, guardians and admins get a 404 for every planning page.
"""

from __future__ import annotations

from typing import Any

import rules

from koers.access.rules import (
    in_school,
    is_counsellor,
    is_follower,
    is_guardian,
    is_leader,
    is_mentor,
    is_student,
    is_teacher,
    is_the_student,
)
from koers.schools.models import Role

# --- planning ---
can_plan_programme = is_counsellor
can_read_planner = is_counsellor | is_mentor | is_teacher | is_leader
can_check_coverage = is_counsellor | is_leader

# --- the LOB-lijn ---
# The leader reads the line as the school's programme (no names on it); staff who teach register.
can_see_school_lines = is_counsellor | is_mentor | is_teacher | is_leader
can_see_own_line = is_student
can_see_student_lines = is_student | is_follower | is_guardian
can_register_participation = is_counsellor | is_mentor | is_teacher

# --- assignments ---
can_use_assignment_bank = is_follower
can_manage_assignments = is_counsellor
can_do_assignments = is_student
can_work_as = is_the_student
# A student says whether an activity they took part in was useful (their own line only).
can_say_useful = is_the_student
can_answer_at_home = is_guardian
can_open_guardian_answers = is_student | is_follower | is_guardian


@rules.predicate
def gives_assignment(role: Role, thing: Any = None) -> bool:
    """A mentor or counsellor, with an assignment or activity of their own school."""
    return is_follower(role) and in_school(role, thing)


can_give_assignment = gives_assignment
