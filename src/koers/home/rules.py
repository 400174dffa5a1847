"""Whose landing page is whose: each role has its own, and another role's is a 404."""

from koers.access.rules import is_admin, is_counsellor, is_guardian, is_leader, is_mentor, is_teacher

can_see_mentor_home = is_mentor
can_see_counsellor_home = is_counsellor
can_see_leader_home = is_leader
can_see_guardian_home = is_guardian
can_see_teacher_home = is_teacher
can_see_admin_home = is_admin
