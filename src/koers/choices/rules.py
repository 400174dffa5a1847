"""Who may do what with choices. Rules take the active Role (and optionally an object of the school).

The counsellor sets choice moments and modules, allocates and sees the whole school. Mentors see their groups'
choices, confirm them and keep up the choice status with the student. A student makes their own choices; a
guardian reads their child's and confirms where the law gives them the say (``schools.family_rules``: parental
authority, student under 16), which the verb checks with the guardianship in hand.
"""

from __future__ import annotations

from koers.access.rules import is_counsellor, is_follower, is_guardian, is_mentor, is_student, is_the_student

can_plan_choices = is_counsellor
can_make_choices = is_student
can_choose_as = is_the_student
can_follow_choices = is_follower
can_confirm_choices = is_mentor | is_counsellor | is_guardian
can_read_child_choices = is_guardian
can_hear_choice_voice = is_student | is_follower | is_guardian
