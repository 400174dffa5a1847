"""Schedules start in the worker without cron, once per period, also when asked twice or by two workers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.background.domain import remove_expired_downloads
from koers.background.models import Job, ScheduleRun
from koers.background.registry import Schedule
from koers.background.worker import start_due_schedules

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=AMSTERDAM)  # 2 March 2026 is a Monday


@pytest.mark.parametrize(
    ("moment", "period"),
    [(local(2, 6, 59), None), (local(2, 7, 0), "2026-03-02"), (local(3, 23, 0), "2026-03-03")],
)
def test_daily_schedule_is_due_from_its_time(moment, period):
    daily = Schedule(name="x", kind="x", every="daily", at=dt.time(7, 0))
    assert daily.period(moment) == period


@pytest.mark.parametrize(
    ("moment", "period"),
    [
        (local(2, 6, 0), None),
        (local(2, 7, 0), "2026-W10"),
        (local(4, 1, 0), "2026-W10"),
        (local(9, 7, 0), "2026-W11"),
    ],
)
def test_weekly_schedule_is_due_from_monday_and_catches_up_later_in_the_week(moment, period):
    weekly = Schedule(name="x", kind="x", every="weekly", weekday=0, at=dt.time(7, 0))
    assert weekly.period(moment) == period


def test_due_schedules_start_once_per_period(db, django_capture_on_commit_callbacks):
    at_eight = local(2, 8, 0)

    with django_capture_on_commit_callbacks(execute=False):
        first = start_due_schedules(at_eight)
        second = start_due_schedules(at_eight + dt.timedelta(minutes=30))

    assert {"reminders", "weekly", "retention", "expire", "sweep"} <= set(first)
    assert second == ["sweep"]  # a new five-minute slot; the daily and weekly ones wait for their next period
    with scopes_disabled():
        assert Job.objects.filter(kind="notifications.daily").count() == 1
        assert Job.objects.filter(kind="notifications.weekly").count() == 1
    assert ScheduleRun.objects.filter(name="reminders").count() == 1


def test_the_daily_reminders_start_one_job_per_school(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        start_due_schedules(local(2, 7, 5))

    with scopes_disabled():
        per_school = Job.objects.filter(kind="notifications.remind").values_list("school_id", flat=True)
    assert sorted(per_school) == sorted([world.school.pk, world.other_school.pk])


def test_expiry_removes_prepared_files_and_old_records(world, settings):

    now = timezone.now()
    with scopes_disabled():
        expired = Job.objects.create(
            school=world.school,
            kind="accounts.login_cards",
            status="done",
            finished_at=now,
            available_until=now - dt.timedelta(minutes=1),
        )
        expired.output.save("kaarten.pdf", ContentFile(b"%PDF"), save=True)
        fresh = Job.objects.create(
            school=world.school,
            kind="accounts.login_cards",
            status="done",
            finished_at=now,
            available_until=now + dt.timedelta(hours=1),
        )
        fresh.output.save("kaarten.pdf", ContentFile(b"%PDF"), save=True)
        old = Job.objects.create(
            school=world.school,
            kind="accounts.guardian_email",
            status="done",
            finished_at=now - dt.timedelta(days=31),
        )
    ScheduleRun.objects.create(name="sweep", period="m1", started_at=now - dt.timedelta(days=31))
    expired_path = expired.output.path

    assert remove_expired_downloads(now) == 1

    with scopes_disabled():
        expired.refresh_from_db()
        fresh.refresh_from_db()
        assert not expired.output and fresh.output
        assert not Job.objects.filter(pk=old.pk).exists()
    assert not Path(expired_path).exists()
    assert not ScheduleRun.objects.exists()
