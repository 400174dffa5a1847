"""The planner's three checks of an activity, derived from what is planned around it.

- **has a preparation**: an assignment was given as its preparation;
- **has a reflection**: an assignment was given as its reflection afterwards, or a conversation round of its
  year level runs within ``AFTERWARDS`` after it (the conversation is where reflection happens best);
- **guardians involved**: an assignment for home (done with a guardian) was given for it, or a round with a
  driegesprek runs around it.

The counsellor may tick a check by hand where the school does it outside Koers (a lesson, a parents' evening);
such a tick needs a note saying how (``Activity.checks_note``). What a page shows is the derived check or the
hand tick. Two queries whatever the number of activities.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from koers.conversations.models import ConversationRound
from koers.programme.models import Audience, DatePrecision, GivenAssignment, Purpose

AFTERWARDS = dt.timedelta(days=42)
CHECKS = ("has_preparation", "has_reflection", "involves_guardians")


@dataclass(frozen=True)
class Derived:
    has_preparation: bool = False
    has_reflection: bool = False
    involves_guardians: bool = False

    def backs(self, name: str) -> bool:
        return bool(getattr(self, name))


def _get(activity: Any, name: str) -> Any:
    return activity[name] if isinstance(activity, Mapping) else getattr(activity, name)


def _last_day(starts_on: dt.date, precision: str) -> dt.date:
    if precision == DatePrecision.DAY:
        return starts_on
    return starts_on.replace(day=calendar.monthrange(starts_on.year, starts_on.month)[1])


def derived_checks(activities: Iterable[Any]) -> dict[int, Derived]:
    """Per activity pk, what the planning around it shows. ``activities`` are Activity objects or dicts with
    pk, school_year (id), year_level, starts_on and precision."""
    items = list(activities)
    if not items:
        return {}
    pks = [_get(a, "pk") for a in items]
    prepared, reflected, at_home = set(), set(), set()
    for activity_id, purpose, audience in GivenAssignment.objects.filter(activity_id__in=pks).values_list(
        "activity_id", "purpose", "assignment__audience"
    ):
        if purpose == Purpose.PREPARATION:
            prepared.add(activity_id)
        elif purpose == Purpose.REFLECTION:
            reflected.add(activity_id)
        if audience == Audience.HOME:
            at_home.add(activity_id)
    years = {_year_id(a) for a in items}
    rounds: dict[tuple[int, int], list[tuple[dt.date, dt.date, bool]]] = defaultdict(list)
    for year_id, level, starts_on, ends_on, with_guardians in ConversationRound.objects.filter(
        school_year_id__in=years
    ).values_list("school_year_id", "year_level", "starts_on", "ends_on", "types__with_guardians"):
        rounds[(year_id, level)].append((starts_on, ends_on, bool(with_guardians)))
    result = {}
    for activity in items:
        pk = _get(activity, "pk")
        first = _get(activity, "starts_on")
        last = _last_day(first, _get(activity, "precision"))
        around = rounds[(_year_id(activity), _get(activity, "year_level"))]
        after = [r for r in around if r[1] >= first and r[0] <= last + AFTERWARDS]
        near = [r for r in around if r[1] >= first - AFTERWARDS and r[0] <= last + AFTERWARDS]
        result[pk] = Derived(
            has_preparation=pk in prepared,
            has_reflection=pk in reflected or bool(after),
            involves_guardians=pk in at_home or any(r[2] for r in near),
        )
    return result


def _year_id(activity: Any) -> int:
    if isinstance(activity, Mapping):
        return int(activity["school_year"])
    return int(activity.school_year_id)


def apply_checks(activities: Iterable[Any]) -> None:
    """Set each activity's three checks to what is shown: derived, or ticked by hand. For reading only: an
    Activity changed here is never saved (dicts from ``values()`` are changed in place)."""
    items = list(activities)
    derived = derived_checks(items)
    for activity in items:
        found = derived[_get(activity, "pk")]
        for name in CHECKS:
            shown = bool(_get(activity, name)) or found.backs(name)
            if isinstance(activity, dict):
                activity[name] = shown
            else:
                setattr(activity, name, shown)
