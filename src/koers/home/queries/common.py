"""Building blocks shared by the landing pages' reads: the period, scalar subqueries, current groups."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    F,
    Func,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from koers.schools.models import (
    Group,
    Membership,
    School,
    Student,
)

NEW_IN_GROUP_WEEKS = 6
INACTIVE_PAGE_SIZE = 50
SEARCH_PAGE_SIZE = 25


@dataclass(frozen=True)
class Period:
    """The window that "this period" means on the landing pages."""

    weeks: int
    since: dt.datetime
    today: dt.date

    @property
    def since_date(self) -> dt.date:
        return timezone.localdate(self.since)

    @classmethod
    def last_weeks(cls, weeks: int, *, now: dt.datetime | None = None) -> Period:
        now = now or timezone.now()
        return cls(weeks=weeks, since=now - dt.timedelta(weeks=weeks), today=timezone.localdate(now))

    @classmethod
    def of_school(cls, school: School, *, now: dt.datetime | None = None) -> Period:
        return cls.last_weeks(school.inactive_after_weeks, now=now)


# --- building blocks -------------------------------------------------------------------------------------


class _CountRows(Func):
    """COUNT(*) as a scalar subquery value, without a GROUP BY."""

    function = "COUNT"
    template = "%(function)s(*)"
    output_field = IntegerField()

    def __init__(self) -> None:
        super().__init__()


def _scalar_count(queryset: QuerySet[Any]) -> Coalesce:
    """The number of rows of ``queryset`` (which may hold OuterRefs) as an annotation, 0 when none."""
    counted = queryset.order_by().annotate(_n=_CountRows()).values("_n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _scalar_max(queryset: QuerySet[Any], field_name: str, output_field: Any) -> Subquery:
    """The largest value of ``field_name`` in ``queryset`` as an annotation (NULL when there are no rows)."""
    return Subquery(
        queryset.order_by().annotate(_m=Func(F(field_name), function="MAX")).values("_m"),
        output_field=output_field,
    )


def current_year_groups(day: dt.date) -> QuerySet[Group]:
    return Group.objects.filter(school_year__starts_on__lte=day, school_year__ends_on__gte=day)


def _current_group_name(student_ref: str, day: dt.date) -> Subquery:
    memberships = (
        Membership.objects.current(day)
        .filter(student_id=OuterRef(student_ref))
        .filter(group__school_year__starts_on__lte=day, group__school_year__ends_on__gte=day)
        .order_by("-starts_on", "-pk")
        .values("group__name")[:1]
    )
    return Subquery(memberships)


def _attach_current_groups(students: Sequence[Student], day: dt.date) -> None:
    """Set ``current_group`` (a group name or "") on each student of one page. One query.

    Used after paginating, so that the group is looked up for the rows shown, not for every row sorted.
    """
    names: dict[int, str] = {}
    if students:
        for student_id, name in (
            Membership.objects.current(day)
            .filter(student_id__in=[s.pk for s in students])
            .filter(group__school_year__starts_on__lte=day, group__school_year__ends_on__gte=day)
            .order_by("starts_on", "pk")  # the latest membership wins below
            .values_list("student_id", "group__name")
        ):
            names[student_id] = name
    for student in students:
        student.current_group = names.get(student.pk, "")  # type: ignore[attr-defined]


def _is_new(starts_on: dt.date, year_start: dt.date, period: Period) -> bool:
    return starts_on > year_start and starts_on >= period.today - dt.timedelta(weeks=NEW_IN_GROUP_WEEKS)


def _is_quiet(last_activity: dt.datetime | None, period: Period) -> bool:
    return last_activity is None or last_activity < period.since
