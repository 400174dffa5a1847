"""Who may do what with the school's programme. Predicates take the active Role (and optionally an object of
the programme, which must belong to the role's school).

The counsellor plans: activities, the school's activity types, copying a year forward. Mentors, teachers and
leaders may read the year planner (it holds no student data: it helps them prepare their lessons and see what
is coming for their groups). The coverage check is for counsellors and leaders, who steer the programme.
Students, guardians and admins get a 404 for every planning page.
"""

from __future__ import annotations

from typing import Any

import rules

from koers.schools.models import Role, RoleKind


def _same_school(role: Role, thing: Any) -> bool:
    return thing is None or getattr(thing, "school_id", role.school_id) == role.school_id


@rules.predicate
def is_counsellor(role: Role, thing: Any = None) -> bool:
    return role.kind == RoleKind.COUNSELLOR and _same_school(role, thing)


can_plan = is_counsellor

PLANNER_READERS = (RoleKind.COUNSELLOR, RoleKind.MENTOR, RoleKind.TEACHER, RoleKind.LEADER)
COVERAGE_READERS = (RoleKind.COUNSELLOR, RoleKind.LEADER)
