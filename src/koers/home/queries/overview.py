"""The counsellor's and the leader's whole-school figures, cached per school and keyed on its last change.

Both pages add up every current student of the school (``group_summaries``), and the counsellor's also
looks for the quiet ones (``quiet_students``): work that grows with the school. They are computed once and
kept in Django's cache (each process's memory, or Redis when ``KOERS_REDIS_URL`` is set) under a key that
holds ``School.changed_at``. Every write of something the figures count moves that marker
(``koers.schools.changes``), and the school comes with the person's roles on every request, so a changed
school is a new key at no extra query: the next page view after a write recomputes.

What a key cannot see is time passing: "this period" starts ``weeks`` weeks before now, and the quiet list
and the overdue count depend on today. Today is part of the key; the start of the period moves by at most
``OVERVIEW_SECONDS`` before the figures are recomputed, and the page says when they were computed
("bijgewerkt om HH:MM"). A changed name of a person (users carry no school) shows after the same time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.utils import timezone

from koers.schools.models import School

# The longest the figures can be older than a write that bypassed the marker, or than the moving start of
# the period.
OVERVIEW_SECONDS = 300

T = TypeVar("T")


def _key(kind: str, school: School, day: dt.date, parts: tuple[object, ...]) -> str:
    marker = school.changed_at.isoformat() if school.changed_at else "-"
    return ":".join(str(p) for p in ("home-overview", kind, school.pk, marker, day.isoformat(), *parts))


def remembered(
    kind: str, school: School, day: dt.date, parts: tuple[object, ...], compute: Callable[[], T]
) -> tuple[T, dt.datetime]:
    """``compute()`` and when it ran, from the cache when this school has not changed since."""
    key = _key(kind, school, day, parts)
    found = cache.get(key)
    if found is not None:
        return found
    value = (compute(), timezone.now())
    cache.set(key, value, OVERVIEW_SECONDS)
    return value
