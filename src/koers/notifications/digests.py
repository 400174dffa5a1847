"""The weekly overviews for staff (Dutch and English only, like every staff screen)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.conversations.queries.planning import Due, GroupOverview, mentor_overview, round_overview
from koers.home.queries import Period, current_year_groups, group_summaries, mentor_page, quiet_students
from koers.notifications.registry import New, Params, notification_kind, reminder
from koers.schools.models import Role, RoleKind, School


def _counts(p: Params) -> str:
    return _(
        "%(overdue)s actiepunten over tijd, %(due)s leerlingen nog zonder gesprek in deze ronde, "
        "%(quiet)s leerlingen zonder nieuwe ervaring in %(weeks)s weken."
    ) % {"overdue": p["overdue"], "due": p["due"], "quiet": p["quiet"], "weeks": p["weeks"]}


@notification_kind("weekly_groups", link=lambda p: reverse("home:mentor"))
def weekly_groups(p: Params) -> str:
    return _("Weekoverzicht van je groepen: %(counts)s") % {"counts": _counts(p)}


@notification_kind("weekly_school", link=lambda p: reverse("home:counsellor"))
def weekly_school(p: Params) -> str:
    return _("Weekoverzicht van de school: %(counts)s") % {"counts": _counts(p)}


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
