"""Counts of "was this useful?" per activity, for the planner, the coverage view and the quality area. Never
per student: a share is shown from ``MIN_ANSWERS`` answers, and the lines only then, sorted, without names.
One query per page whatever the number of activities or answers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import QuerySet

from koers.programme.models import ActivityFeedback
from koers.schools.models import SchoolYear

MIN_ANSWERS = 5


@dataclass
class Usefulness:
    title: str
    where: str
    yes: int = 0
    total: int = 0
    lines: list[str] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        return self.total >= MIN_ANSWERS

    @property
    def percent(self) -> int | None:
        return round(100 * self.yes / self.total) if self.shown else None

    @property
    def shown_lines(self) -> list[str]:
        return sorted(self.lines) if self.shown else []


def usefulness_of_year(year: SchoolYear, track: str | None = None) -> dict[int, Usefulness]:
    """Per activity id of the school year (and track): how many said yes, of how many."""
    rows: QuerySet = ActivityFeedback.objects.filter(
        school_id=year.school_id, activity__school_year=year
    ).order_by()
    if track:
        rows = rows.filter(activity__track=track)
    found: dict[int, Usefulness] = defaultdict(lambda: Usefulness("", ""))
    for activity_id, title, level, useful, line in rows.values_list(
        "activity_id", "activity__title", "activity__year_level", "useful", "line"
    ):
        entry = found[activity_id]
        entry.title, entry.where = title, str(level)
        entry.total += 1
        entry.yes += useful
        if line:
            entry.lines.append(line)
    return dict(found)
