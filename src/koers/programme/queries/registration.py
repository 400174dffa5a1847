"""When participation may be registered, and which activities still wait for it.

An activity opens for registration the day before it (a dated one) or the day before its month starts (one
planned for a month), and closes the school's ``registration_days_after`` days after its day or its month.
The counsellor keeps the register and may correct it later; teachers and mentors register inside the window.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from koers.access.rules import is_mentor
from koers.programme.models import Activity, DatePrecision, Participation
from koers.schools.models import Group, Membership, Role
from koers.schools.queries import mentored_groups

# The longest a window can be: a month-long activity plus the highest setting (schooladmin allows 60 days).
_LONGEST_LOOKBACK = dt.timedelta(days=31 + 60)


@dataclass(frozen=True)
class Window:
    opens: dt.date
    closes: dt.date

    def contains(self, day: dt.date) -> bool:
        return self.opens <= day <= self.closes


def last_day(activity: Activity) -> dt.date:
    """The activity's day, or the last day of its month when it is planned for a month."""
    if activity.precision == DatePrecision.DAY:
        return activity.starts_on
    days = calendar.monthrange(activity.starts_on.year, activity.starts_on.month)[1]
    return activity.starts_on.replace(day=days)


def registration_window(activity: Activity, days_after: int) -> Window:
    return Window(
        opens=activity.starts_on - dt.timedelta(days=1),
        closes=last_day(activity) + dt.timedelta(days=days_after),
    )


@dataclass(frozen=True)
class Waiting:
    """One group of an activity whose participation is not (fully) registered yet."""

    activity: Activity
    group: Group
    members: int
    registered: int
    closes: dt.date


def waiting_for_registration(role: Role, today: dt.date | None = None) -> list[Waiting]:
    """The activities (per group) this role may register now and that are not fully registered, oldest first.

    Fixed number of queries whatever the school's size: the candidate activities with their groups, the
    default groups of their lines, current memberships, participation rows, plus the mentor's groups."""
    today = today or timezone.localdate()
    days_after = role.school.registration_days_after
    candidates = [
        activity
        for activity in Activity.objects.filter(
            school_id=role.school_id,
            starts_on__lte=today + dt.timedelta(days=1),
            starts_on__gte=today - _LONGEST_LOOKBACK,
        )
        .select_related("type")
        .prefetch_related("groups")
        .order_by("starts_on", "title", "pk")
        if registration_window(activity, days_after).contains(today)
    ]
    if not candidates:
        return []
    lines = {(a.school_year_id, a.track, a.year_level) for a in candidates if not a.groups.all()}
    by_line: dict[tuple[int, str, int], list[Group]] = defaultdict(list)
    if lines:
        for group in Group.objects.filter(
            school_id=role.school_id, school_year_id__in={line[0] for line in lines}
        ).order_by("name"):
            by_line[(group.school_year_id, group.track, group.year_level)].append(group)
    mine = set(mentored_groups(role).values_list("pk", flat=True)) if is_mentor(role) else None
    per_activity: list[tuple[Activity, list[Group]]] = []
    for activity in candidates:
        groups = (
            list(activity.groups.all())
            or by_line[(activity.school_year_id, activity.track, activity.year_level)]
        )
        if mine is not None:
            groups = [group for group in groups if group.pk in mine]
        if groups:
            per_activity.append((activity, groups))
    group_ids = {group.pk for _, groups in per_activity for group in groups}
    members: dict[int, set[int]] = defaultdict(set)
    for group_id, student_id in (
        Membership.objects.current(today).filter(group_id__in=group_ids).values_list("group_id", "student_id")
    ):
        members[group_id].add(student_id)
    noted: dict[int, set[int]] = defaultdict(set)
    for activity_id, student_id in Participation.objects.filter(
        activity_id__in=[activity.pk for activity, _ in per_activity]
    ).values_list("activity_id", "student_id"):
        noted[activity_id].add(student_id)
    waiting = []
    for activity, groups in per_activity:
        closes = registration_window(activity, days_after).closes
        for group in groups:
            students = members[group.pk]
            done = len(students & noted[activity.pk])
            if students and done < len(students):
                waiting.append(
                    Waiting(
                        activity=activity, group=group, members=len(students), registered=done, closes=closes
                    )
                )
    return waiting
