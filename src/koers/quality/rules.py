"""Who may do what in the quality cycle.

The counsellor runs it: opens and closes self-scan rounds, edits the statements, question lists and the
task matrix, records leavers. The leader sets strategic goals and sees everything in aggregate. Mentors and
teachers answer the self-scan and the staff evaluation, and record what they want to learn. Students answer
the student evaluation. Goals may be written by the counsellor and the leader; every member of staff reads
them. Students, guardians and admins see none of the school's quality pages.
"""

from __future__ import annotations

from koers.access.rules import is_counsellor, is_leader, is_mentor, is_student, is_teacher

can_run_quality = is_counsellor
can_see_quality = is_counsellor | is_leader
can_answer_scan = is_counsellor | is_leader | is_mentor | is_teacher
can_read_goals = is_counsellor | is_leader | is_mentor | is_teacher
can_set_goals = is_counsellor | is_leader
can_answer_staff_evaluation = is_mentor | is_teacher | is_counsellor
can_answer_student_evaluation = is_student
can_wish_to_learn = is_mentor | is_teacher | is_counsellor
