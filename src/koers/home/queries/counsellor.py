"""The counsellor's overview: the group sums plus one page of quiet students."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import Coalesce, Greatest

from koers.dossier.models import Experience, Reflection
from koers.home.queries import overview
from koers.home.queries.common import (
    INACTIVE_PAGE_SIZE,
    Period,
    _current_group_name,
    _scalar_max,
)
from koers.home.queries.school import GroupSummary, GroupTable, Totals, group_summaries, group_table
from koers.schools.models import (
    Role,
    School,
    Student,
    User,
)


def quiet_students(school: School, *, weeks: int, now: dt.datetime | None = None) -> QuerySet[Student]:
    """Students still at school who added no experience and no reflection in the last ``weeks`` weeks.

    Longest quiet first (those who never added anything at the very top), then by name. The filter is two
    NOT EXISTS probes per student on the student index; the latest dates are computed only for the quiet
    ones. Users carry no school, so the user table is never joined here: the names to sort on are scalar
    lookups by primary key, one per quiet student of this school, so that the plan never reads the users of
    other schools (a join let PostgreSQL hash the whole user table). Load the users of the rows shown with
    ``with_users``.
    """
    window = Period.last_weeks(weeks, now=now)
    experiences = Experience.objects.filter(student_id=OuterRef("pk"))
    reflections = Reflection.objects.filter(student_id=OuterRef("pk"))
    last_exp = _scalar_max(experiences, "created_at", DateTimeField())
    last_ref = _scalar_max(reflections, "created_at", DateTimeField())
    user = User.objects.filter(pk=OuterRef("user_id"))
    return (
        Student.objects.filter(school_id=school.pk, left_on__isnull=True, joined_on__lte=window.today)
        .filter(
            ~Exists(experiences.filter(created_at__gte=window.since)),
            ~Exists(reflections.filter(created_at__gte=window.since)),
        )
        .annotate(
            last_activity=Greatest(Coalesce(last_exp, last_ref), Coalesce(last_ref, last_exp)),
            sort_last_name=Subquery(user.values("last_name")[:1]),
            sort_first_name=Subquery(user.values("first_name")[:1]),
        )
        .order_by(F("last_activity").asc(nulls_first=True), "sort_last_name", "sort_first_name", "pk")
    )


def with_users(students: Sequence[Student], day: dt.date) -> None:
    """Attach each student's user and ``current_group`` (a group name or "") to one page of students. One
    query, by primary key."""
    if not students:
        return
    found = (
        Student.objects.filter(pk__in=[s.pk for s in students])
        .select_related("user")
        .annotate(current_group=_current_group_name("pk", day))
        .in_bulk()
    )
    for student in students:
        student.user = found[student.pk].user
        student.current_group = found[student.pk].current_group or ""  # type: ignore[attr-defined]


def _page_with_total(queryset: QuerySet[Student], per_page: int, number: int | str) -> Page:
    """``Paginator(queryset, per_page).get_page(number)``, with the total counted in the page's own query.

    A window count (``COUNT(*) OVER ()``) carries the number of matching rows on every row of the page, which
    saves the separate COUNT query. A page number below one or past the end falls back to the paginator,
    which counts and shows the last page, as ``get_page`` does.
    """
    try:
        wanted = int(number)
    except (TypeError, ValueError):
        wanted = 1
    if wanted < 1:
        return Paginator(queryset, per_page).get_page(wanted)
    bottom = (wanted - 1) * per_page
    rows = list(queryset.annotate(_total=Window(Count("pk")))[bottom : bottom + per_page])
    if not rows and wanted > 1:
        return Paginator(queryset, per_page).get_page(wanted)
    paginator = Paginator(queryset, per_page)
    paginator.count = rows[0]._total if rows else 0
    return Page(rows, wanted, paginator)


@dataclass
class CounsellorPage:
    period: Period
    groups: list[GroupSummary]
    totals: Totals
    table: GroupTable
    quiet_weeks: int
    quiet_since: dt.date
    quiet: Page
    computed_at: dt.datetime  # when the figures were computed (they may come from the cache)


def _quiet_page(
    school: School, weeks: int, page: int | str, now: dt.datetime | None
) -> tuple[list[Any], int, int]:
    """One page of quiet students with their users and groups: the rows, the page number and the total."""
    found = _page_with_total(quiet_students(school, weeks=weeks, now=now), INACTIVE_PAGE_SIZE, page)
    rows = list(found.object_list)
    with_users(rows, Period.last_weeks(weeks, now=now).today)
    return rows, found.number, found.paginator.count


def counsellor_page(
    role: Role,
    *,
    weeks: int,
    page: int | str = 1,
    level: str | None = None,
    now: dt.datetime | None = None,
) -> CounsellorPage:
    """Group sums plus one page of quiet students.

    From the cache while the school has not changed (``overview``): no query. Otherwise four (two for the
    groups; the page with its total, and the page's users and groups for the quiet students; two more only
    for a page number past the end). An explicit ``now`` (tests, reminders) always computes."""
    school = role.school
    period = Period.of_school(school, now=now)

    def groups_now() -> list[GroupSummary]:
        return group_summaries(school, period)

    def quiet_now() -> tuple[list[Any], int, int]:
        return _quiet_page(school, weeks, page, now)

    if now is None:
        groups, computed_at = overview.remembered(
            "groups", school, period.today, (school.inactive_after_weeks,), groups_now
        )
        (rows, number, total), _ = overview.remembered(
            "quiet", school, period.today, (weeks, str(page)[:12]), quiet_now
        )
    else:
        groups, computed_at = groups_now(), now
        rows, number, total = quiet_now()
    paginator = Paginator(rows, INACTIVE_PAGE_SIZE)
    paginator.count = total
    table = group_table(groups, level)
    return CounsellorPage(
        period=period,
        groups=groups,
        totals=table.totals,
        table=table,
        quiet_weeks=weeks,
        quiet_since=Period.last_weeks(weeks, now=now).since_date,
        quiet=Page(rows, number, paginator),
        computed_at=computed_at,
    )
