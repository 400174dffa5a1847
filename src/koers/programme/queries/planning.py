"""Reads for planning the programme: school years, the year planner (month by month per track and year
level), the people and groups a form offers, and what copying last year's programme forward would do.

Every function costs a fixed number of queries whatever the size of the school.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from koers.common.lookups import one_or_404
from koers.programme.models import Activity, ActivityType, DatePrecision
from koers.programme.queries.checks import apply_checks
from koers.programme.queries.feedback import Usefulness
from koers.schools.models import STAFF_KINDS, Group, Role, SchoolYear, Track, User

# Who may be responsible for an activity: the school's staff, not students or guardians.


# --- school years -------------------------------------------------------------------------------------


def years_of_school(school_id: int) -> list[SchoolYear]:
    """Newest first."""
    return list(SchoolYear.objects.filter(school_id=school_id).order_by("-starts_on"))


def pick_year(years: list[SchoolYear], raw: str | None, today: dt.date | None = None) -> SchoolYear | None:
    """The year asked for (``raw`` is a pk; an unknown one is a 404), else the year that holds today, else
    the newest one. ``years`` comes from ``years_of_school``, so no query is spent here."""
    if raw:
        if not raw.isdigit():
            raise Http404
        found = next((y for y in years if y.pk == int(raw)), None)
        if found is None:
            raise Http404
        return found
    today = today or timezone.localdate()
    return next((y for y in years if y.starts_on <= today <= y.ends_on), years[0] if years else None)


def year_before(years: list[SchoolYear], year: SchoolYear) -> SchoolYear | None:
    earlier = [y for y in years if y.starts_on < year.starts_on]
    return max(earlier, key=lambda y: y.starts_on) if earlier else None


def months_of(year: SchoolYear) -> list[dt.date]:
    """The first day of every month the school year touches, in order."""
    months = []
    day = year.starts_on.replace(day=1)
    while day <= year.ends_on:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


def month_end(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


# --- what a form offers -------------------------------------------------------------------------------


def staff_of_school(school_id: int) -> QuerySet[User]:
    return (
        User.objects.filter(roles__school_id=school_id, roles__kind__in=STAFF_KINDS)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def groups_of_year(year: SchoolYear) -> QuerySet[Group]:
    return Group.objects.filter(school_id=year.school_id, school_year=year).order_by(
        "track", "year_level", "name"
    )


def types_of_school(school_id: int) -> QuerySet[ActivityType]:
    return ActivityType.objects.filter(school_id=school_id)


# --- the year planner ---------------------------------------------------------------------------------


@dataclass
class PlannerEntry:
    activity: Activity
    groups: str  # the group names, or "" for every group of the track and year level
    edit_url: str = ""  # filled in by the view for those who may change it
    useful: Usefulness | None = None  # the students' "was this useful?", filled in by the view


@dataclass
class PlannerCell:
    month: dt.date
    year_level: int
    activities: list[PlannerEntry] = field(default_factory=list)
    add_url: str = ""  # filled in by the view for those who may plan


@dataclass
class PlannerRow:
    month: dt.date
    cells: list[PlannerCell]

    @property
    def is_empty(self) -> bool:
        return not any(cell.activities for cell in self.cells)


@dataclass
class Planner:
    year: SchoolYear
    tracks: list[tuple[str, str]]  # (value, label) of the tracks this year has groups or activities for
    track: str | None
    levels: list[int]
    rows: list[PlannerRow]
    total: int

    @property
    def track_label(self) -> str:
        return dict(self.tracks).get(self.track or "", "")


def planner_tracks(year: SchoolYear) -> dict[str, set[int]]:
    """Per track, the year levels that have a group or an activity in this school year (two queries)."""
    levels: dict[str, set[int]] = defaultdict(set)
    for track, level in groups_of_year(year).values_list("track", "year_level").distinct():
        levels[track].add(level)
    activities = Activity.objects.filter(school_id=year.school_id, school_year=year)
    for track, level in activities.values_list("track", "year_level").distinct():
        levels[track].add(level)
    return levels


def year_planner(year: SchoolYear, track: str | None) -> Planner:
    """The chosen track's activities of the year, month by month (rows) and year level (columns).
    Six queries: the tracks' levels (two), the activities with their type, their groups, and the two behind
    their derived checks."""
    levels_of = planner_tracks(year)
    order = {value: n for n, value in enumerate(Track.values)}
    present = sorted(levels_of, key=lambda t: order.get(t, 99))
    if track not in levels_of:
        track = present[0] if present else None
    levels = sorted(levels_of.get(track, set())) if track else []
    activities = list(
        Activity.objects.filter(school_id=year.school_id, school_year=year, track=track or "")
        .select_related("type", "responsible")
        .prefetch_related(Prefetch("groups", queryset=Group.objects.order_by("name")))
        .order_by("starts_on", "title")
    )
    apply_checks(activities)
    months = months_of(year)
    cells = {(m, level): PlannerCell(m, level) for m in months for level in levels}
    for activity in activities:
        key = (activity.starts_on.replace(day=1), activity.year_level)
        if key in cells:
            names = ", ".join(g.name for g in activity.groups.all())
            cells[key].activities.append(PlannerEntry(activity, names))
    rows = [PlannerRow(m, [cells[(m, level)] for level in levels]) for m in months]
    labels = dict(Track.choices)
    return Planner(
        year=year,
        tracks=[(t, str(labels.get(t, t))) for t in present],
        track=track,
        levels=levels,
        rows=rows,
        total=len(activities),
    )


def get_activity_for(role: Role, pk: int) -> Activity:
    """An activity of the role's school, with what its form shows; anything else is a 404."""
    activity = (
        Activity.objects.filter(school_id=role.school_id, pk=pk)
        .select_related("type", "school_year", "responsible")
        .prefetch_related("groups")
        .first()
    )
    if activity is None:
        raise Http404
    return activity


def get_activity_type_for(role: Role, pk: int) -> ActivityType:
    """An activity type of the role's school; anything else is a 404."""
    return one_or_404(ActivityType.objects.all(), school_id=role.school_id, pk=pk)


def years_to_choose(years: list[SchoolYear]) -> QuerySet[SchoolYear]:
    """``years`` as choices for a form field, newest first."""
    return SchoolYear.objects.filter(pk__in=[y.pk for y in years]).order_by("-starts_on")


# --- copying last year's programme forward ------------------------------------------------------------


def shift_year(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def fit_in_year(day: dt.date, precision: str, year: SchoolYear) -> dt.date:
    """``day`` moved inside the school year (a month stays the first of its month)."""
    if precision == DatePrecision.MONTH:
        return min(max(day.replace(day=1), year.starts_on.replace(day=1)), year.ends_on.replace(day=1))
    return min(max(day, year.starts_on), year.ends_on)


@dataclass
class CopyItem:
    source: Activity
    starts_on: dt.date
    groups: list[Group]
    groups_not_found: list[str]


@dataclass
class CopyPlan:
    from_year: SchoolYear
    to_year: SchoolYear
    items: list[CopyItem]
    duplicates: int

    @property
    def groups_not_found(self) -> list[str]:
        return sorted({name for item in self.items for name in item.groups_not_found})


def copy_plan(from_year: SchoolYear, to_year: SchoolYear) -> CopyPlan:
    """What copying ``from_year``'s activities into ``to_year`` would add: dates a year (or more) later,
    groups matched by name. An activity that was copied before, or an identical one already planned, is a
    duplicate and is skipped. Four queries."""
    shift = to_year.starts_on.year - from_year.starts_on.year
    sources = list(
        Activity.objects.filter(school_id=from_year.school_id, school_year=from_year)
        .prefetch_related("groups")
        .order_by("starts_on", "pk")
    )
    present = list(
        Activity.objects.filter(school_id=to_year.school_id, school_year=to_year).values_list(
            "copied_from_id", "type_id", "title", "track", "year_level", "starts_on"
        )
    )
    copied = {row[0] for row in present if row[0] is not None}
    same = {row[1:] for row in present}
    targets = {g.name: g for g in groups_of_year(to_year)}
    items, duplicates = [], 0
    for source in sources:
        starts_on = fit_in_year(shift_year(source.starts_on, shift), source.precision, to_year)
        key = (source.type_id, source.title, source.track, source.year_level, starts_on)
        if source.pk in copied or key in same:
            duplicates += 1
            continue
        groups, missing = [], []
        for group in source.groups.all():
            target = targets.get(group.name)
            if target is not None and target.track == source.track and target.year_level == source.year_level:
                groups.append(target)
            else:
                missing.append(group.name)
        items.append(CopyItem(source, starts_on, groups, missing))
    return CopyPlan(from_year, to_year, items, duplicates)
