"""The weekly overviews of mentors and counsellors (registered with notifications' ``@reminder``); their
texts are notifications/digests.py."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from koers.conversations.queries.planning import Due, GroupOverview, mentor_overview, round_overview
from koers.home.queries import Period, current_year_groups, group_summaries, mentor_page, quiet_students
from koers.notifications.registry import New, reminder
from koers.schools.models import Role, RoleKind, School

# --- finding them: one per mentor and counsellor each week ------------------------------------------------


def _week_key(kind: str, now: dt.datetime) -> str:
    year, week, _day = timezone.localtime(now).isocalendar()
    return f"{kind}:{year}-W{week:02d}"


def _due_students(overviews: list[GroupOverview]) -> int:
    return sum(o.count(Due.DUE) + o.count(Due.OVERDUE) for o in overviews)


@reminder("weekly_groups", cadence="weekly")
def mentors_week(school: School, now: dt.datetime) -> list[New]:
    """Each mentor with groups this year: overdue action points, students still due a conversation in the
    current round, and students without a new experience in the school's quiet period."""
    found = []
    for role in Role.objects.filter(school=school, kind=RoleKind.MENTOR).select_related("school"):
        page = mentor_page(role, now=now)
        rows = [row for group in page.groups for row in group.rows] + page.individual
        if not rows:
            continue
        params = {
            "overdue": sum(row.overdue_actions for row in rows),
            "due": _due_students(mentor_overview(role, now=now)),
            "quiet": sum(1 for row in rows if not row.experiences_in_period),
            "weeks": page.period.weeks,
        }
        found.append(New(role_id=role.pk, kind="weekly_groups", params=params, key=_week_key("groups", now)))
    return found


@reminder("weekly_school", cadence="weekly")
def counsellors_week(school: School, now: dt.datetime) -> list[New]:
    """The same figures for the whole school, for every counsellor."""
    roles = list(Role.objects.filter(school=school, kind=RoleKind.COUNSELLOR))
    if not roles:
        return []
    period = Period.of_school(school, now=now)
    summaries = group_summaries(school, period)
    params = {
        "overdue": sum(s.overdue_actions for s in summaries),
        "due": _due_students(round_overview(current_year_groups(period.today), now=now)),
        "quiet": quiet_students(school, weeks=period.weeks, now=now).count(),
        "weeks": period.weeks,
    }
    key = _week_key("school", now)
    return [New(role_id=role.pk, kind="weekly_school", params=params, key=key) for role in roles]
