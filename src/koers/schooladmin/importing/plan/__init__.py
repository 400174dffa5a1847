"""The dry run: what an export would create, change, move and end at a school, and which lines are wrong.

``make_plan`` reads the school's current state in a fixed number of queries (whatever the file size),
walks the lines once, and returns a ``Plan``: the operations ``apply.apply_plan`` performs, and a summary
for the preview. It never writes. A line with a problem is listed with its number and a Dutch reason; a
line that cannot be used is skipped as a whole, a single unusable cell (a date, a mentor) only drops that
cell. Students who appear on any line, even a skipped one, count as present: a typo never ends anyone.

The planner is split by sub-topic: ``state`` (the school as it is), ``students`` (the walk), ``groups``
(groups and mentors), ``guardians``, ``problems`` (checks across lines); ``result`` holds the ``Plan``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from koers.common.memory import collector_paused
from koers.schooladmin.importing.decode import Table
from koers.schooladmin.importing.plan.result import (
    EARLIEST_BIRTH,
    MAX_EMAIL,
    MAX_GROUP_NAME,
    MAX_LEAVER_SHARE,
    MAX_MENTOR_REMOVALS,
    MAX_NAME,
    MAX_NUMBER,
    MIN_LEAVERS_CHECKED,
    GroupKey,
    NewPerson,
    NewStudent,
    PersonKey,
    Placement,
    Plan,
    StudentChange,
    StudentKey,
    current_year,
)
from koers.schooladmin.importing.plan.students import Planner
from koers.schools.models import School

__all__ = [
    "EARLIEST_BIRTH",
    "MAX_EMAIL",
    "MAX_GROUP_NAME",
    "MAX_LEAVER_SHARE",
    "MAX_MENTOR_REMOVALS",
    "MAX_NAME",
    "MAX_NUMBER",
    "MIN_LEAVERS_CHECKED",
    "GroupKey",
    "NewPerson",
    "NewStudent",
    "PersonKey",
    "Placement",
    "Plan",
    "StudentChange",
    "StudentKey",
    "current_year",
    "make_plan",
]


def make_plan(*, school: School, table: Table, mapping: dict[str, Any], today: dt.date | None = None) -> Plan:
    """What importing ``table`` with ``mapping`` would do at ``school`` (inside its scope); writes nothing."""
    with collector_paused():
        return Planner(school, table, mapping, today or timezone.localdate()).run()
