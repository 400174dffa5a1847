"""Job kinds and schedules, registered by each area in its own tasks.py (found when Django starts).

A job kind is a function that takes the Job and does the work, reading its ids from ``job.params``. Raising
means "failed": the job is tried again later with a longer wait each time, and the school admin sees it.
A schedule names a job kind to start once per period (every few minutes, daily or weekly at a local time).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from django.utils import timezone
from django_stubs_ext import StrOrPromise

if TYPE_CHECKING:
    from koers.background.models import Job


@dataclass(frozen=True)
class JobKind:
    name: str
    run: Callable[[Job], None]
    label: StrOrPromise  # what the admin's overview calls it


KINDS: dict[str, JobKind] = {}


def job_kind(name: str, *, label: StrOrPromise) -> Callable[[Callable[[Job], None]], Callable[[Job], None]]:
    def register(function: Callable[[Job], None]) -> Callable[[Job], None]:
        if name in KINDS and KINDS[name].run is not function:
            raise ValueError(f"job kind {name!r} is registered twice")
        KINDS[name] = JobKind(name=name, run=function, label=label)
        return function

    return register


@dataclass(frozen=True)
class Schedule:
    """Start ``kind`` once per period: every ``minutes`` minutes, or daily/weekly from ``at`` (local time)
    on (for weekly) ``weekday`` (0 = Monday)."""

    name: str
    kind: str
    every: Literal["minutes", "daily", "weekly"]
    minutes: int = 0
    at: dt.time = dt.time(0, 0)
    weekday: int = 0

    def period(self, now: dt.datetime) -> str | None:
        """The period ``now`` falls in when the schedule is due by then, else None."""
        local = timezone.localtime(now)
        if self.every == "minutes":
            slot = int(local.timestamp()) // (60 * self.minutes)
            return f"m{slot}"
        if self.every == "daily":
            return local.date().isoformat() if local.time() >= self.at else None
        day = local.weekday()
        if day < self.weekday or (day == self.weekday and local.time() < self.at):
            return None  # a worker that was down on the day catches up later in the week
        year, week, _day = local.isocalendar()
        return f"{year}-W{week:02d}"


SCHEDULES: dict[str, Schedule] = {}


def schedule(item: Schedule) -> Schedule:
    SCHEDULES[item.name] = item
    return item


# Daily clean-up of things that expire (old invitations, unapplied imports ...): each area adds a function
# that removes its own expired things and returns how many.
EXPIRERS: dict[str, Callable[[dt.datetime], int]] = {}


def expirer(name: str) -> Callable[[Callable[[dt.datetime], int]], Callable[[dt.datetime], int]]:
    def register(function: Callable[[dt.datetime], int]) -> Callable[[dt.datetime], int]:
        EXPIRERS[name] = function
        return function

    return register
