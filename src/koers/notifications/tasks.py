"""Background jobs of notifications: the daily and weekly reminders (one job per school, so a school's
failure shows on its own admin page), e-mail at once, the weekly digest, and a new home assignment."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from koers.background.models import Job
from koers.background.queue import enqueue_job
from koers.background.registry import Schedule, job_kind, schedule
from koers.notifications import domain
from koers.notifications.registry import REMINDERS, Cadence, New
from koers.schools.models import School

DAILY_AT = dt.time(7, 0)


def _every_school(kind: str, **params: Any) -> None:
    with scopes_disabled():
        school_ids = list(School.objects.values_list("pk", flat=True))
    for school_id in school_ids:
        enqueue_job(kind, school=school_id, **params)


@job_kind("notifications.daily", label=_("Herinneringen van vandaag (alle scholen)"))
def daily(job: Job) -> None:
    _every_school("notifications.remind", cadence="daily")


@job_kind("notifications.weekly", label=_("Weekoverzichten (alle scholen)"))
def weekly(job: Job) -> None:
    _every_school("notifications.week")


def remind(school: School, cadence: Cadence, now: dt.datetime) -> int:
    items: list[New] = []
    for item in REMINDERS.values():
        if item.cadence == cadence:
            items += item.find(school, now)
    return domain.notify(school_id=school.pk, items=items)


@job_kind("notifications.remind", label=_("Herinneringen"))
def remind_school(job: Job) -> None:
    assert job.school_id is not None
    remind(School.objects.get(pk=job.school_id), job.params["cadence"], timezone.now())


@job_kind("notifications.week", label=_("Weekoverzichten en wekelijkse e-mail"))
def week(job: Job) -> None:
    assert job.school_id is not None
    remind(School.objects.get(pk=job.school_id), "weekly", timezone.now())
    domain.send_digests(school_id=job.school_id)


@job_kind("notifications.email", label=_("Meldingen per e-mail"))
def email(job: Job) -> None:
    assert job.school_id is not None
    domain.send_pending(school_id=job.school_id)


schedule(Schedule(name="reminders", kind="notifications.daily", every="daily", at=DAILY_AT))
schedule(Schedule(name="weekly", kind="notifications.weekly", every="weekly", weekday=0, at=DAILY_AT))
