"""Who may do what in the careers area. Rules take the active Role (and the object, where there is one).

Exploring the catalogue is for students and the staff who guide them; a student's favourites, test results
and "does this fit me?" answers are theirs (read by their guides and, when shared, their guardians, through
the queries); the counsellor keeps the school's part of the catalogue and its open days.
"""

from __future__ import annotations

from koers.access.rules import is_counsellor, is_follower, is_guardian, is_mentor, is_student, is_teacher

can_explore = is_student | is_mentor | is_counsellor | is_teacher
can_keep_careers = is_student
can_see_careers_of_students = is_follower
can_hear_fit_voice = is_student | is_follower
can_see_child_careers = is_guardian
can_explain_school_system = is_student | is_guardian | is_mentor | is_counsellor | is_teacher
can_edit_catalogue = is_counsellor
can_plan_open_days = is_counsellor
can_print_cards = is_mentor | is_counsellor | is_teacher
