"""Reads for the landing pages. Each function returns everything one page needs in a fixed number of queries.

Signals are computed in SQL: per student with correlated scalar subqueries on the student index, in one raw
statement (``signals``, the mentor), per group with one raw statement (``school``, counsellor, leader). No
query counts over two multi-valued joins at once, which would multiply the counts. Definitions used on every
page:

* **period**: the last ``school.inactive_after_weeks`` weeks up to now. "Experiences/reflections this period"
  count what the student *added* to the dossier in that time (``created_at``), whatever date the experience
  itself happened on.
* **last experience**: the date the most recent experience happened (``happened_on``).
* **last activity**: the latest moment the student added an experience or a reflection.
* **current**: memberships running today, in groups of the school year that runs today.
* **new in the group**: the membership started after the first day of the school year and less than
  ``NEW_IN_GROUP_WEEKS`` weeks ago (ISK students join during the year; at the start of a year nobody is new).

Split per role: ``common`` (the period and the building blocks), ``mentor``, ``school`` (the group sums the
counsellor and the leader share), ``counsellor``, ``leader``, ``guardian``, ``teacher`` and ``admin``. The
names below are the package's public face, so that ``queries.mentor_page`` reads as before.
"""

from koers.home.queries.admin import AdminPage, admin_page
from koers.home.queries.common import (
    INACTIVE_PAGE_SIZE,
    NEW_IN_GROUP_WEEKS,
    SEARCH_PAGE_SIZE,
    Period,
    current_year_groups,
)
from koers.home.queries.counsellor import CounsellorPage, counsellor_page, quiet_students, with_users
from koers.home.queries.guardian import GuardianHome, guardian_children, guardian_home
from koers.home.queries.leader import LeaderPage, leader_page
from koers.home.queries.mentor import SORTS, MentorGroup, MentorPage, StudentRow, dutch_sort_name, mentor_page
from koers.home.queries.school import (
    ALL_GROUPS_UP_TO,
    GroupSummary,
    GroupTable,
    LevelSummary,
    Totals,
    group_summaries,
    group_table,
    level_key,
    level_summaries,
)
from koers.home.queries.teacher import search_students

__all__ = [
    "ALL_GROUPS_UP_TO",
    "INACTIVE_PAGE_SIZE",
    "NEW_IN_GROUP_WEEKS",
    "SEARCH_PAGE_SIZE",
    "SORTS",
    "AdminPage",
    "CounsellorPage",
    "GroupSummary",
    "GroupTable",
    "GuardianHome",
    "LeaderPage",
    "LevelSummary",
    "MentorGroup",
    "MentorPage",
    "Period",
    "StudentRow",
    "Totals",
    "admin_page",
    "counsellor_page",
    "current_year_groups",
    "dutch_sort_name",
    "group_summaries",
    "group_table",
    "guardian_children",
    "guardian_home",
    "leader_page",
    "level_key",
    "level_summaries",
    "mentor_page",
    "quiet_students",
    "search_students",
    "with_users",
]
