"""Open days, taster days and fairs: the student's list (with "I go"), the counsellor's list (with how many
go), one visit to reflect on. Fixed queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone

from koers.careers.models import OpenDay, OpenDayVisit
from koers.careers.rules import can_keep_careers, can_plan_open_days
from koers.common.lookups import one_or_404
from koers.schools.models import Role, Student

RECENT_DAYS = 60


@dataclass
class OpenDayRow:
    open_day: OpenDay
    visit: OpenDayVisit | None
    past: bool


def open_days_for_student(student: Student, today: dt.date | None = None) -> list[OpenDayRow]:
    """Coming open days and those of the last two months, with the student's own "I go" (two queries)."""
    today = today or timezone.localdate()
    days = list(
        OpenDay.objects.filter(date__gte=today - dt.timedelta(days=RECENT_DAYS))
        .select_related("programme")
        .order_by("date", "institution")
    )
    visits = {v.open_day_id: v for v in OpenDayVisit.objects.filter(student=student)}
    rows = [OpenDayRow(d, visits.get(d.pk), d.date < today) for d in days]
    return [r for r in rows if not r.past or r.visit is not None]


def coming_open_days_of(programme_id: int, today: dt.date | None = None) -> list[OpenDay]:
    """The coming open days the counsellor recorded for this programme."""
    today = today or timezone.localdate()
    return list(
        OpenDay.objects.filter(programme_id=programme_id, date__gte=today).order_by("date", "institution")
    )


def open_days_for_counsellor() -> QuerySet[OpenDay]:
    return OpenDay.objects.select_related("programme").annotate(going=Count("visits")).order_by("-date")


def get_open_day_for(role: Role, pk: int) -> OpenDay:
    """An open day of the role's school for a student or counsellor; otherwise 404."""
    if not (can_keep_careers(role) or can_plan_open_days(role)):
        raise Http404
    return one_or_404(OpenDay.objects.all(), pk=pk)


def get_visit_for(role: Role, pk: int) -> OpenDayVisit:
    if not can_keep_careers(role):
        raise Http404
    return one_or_404(
        OpenDayVisit.objects.select_related("open_day", "student"), pk=pk, student__user_id=role.user_id
    )


def visits_of(student: Student) -> QuerySet[OpenDayVisit]:
    return OpenDayVisit.objects.filter(student=student).select_related("open_day")
