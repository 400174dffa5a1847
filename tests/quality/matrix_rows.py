"""Rows of the permission matrix for the quality area (see tests/matrix.py for the vocabulary).

The counsellor runs the cycle (rounds, statements); the leader and the counsellor see the quality page and
set goals; mentors and teachers answer the self-scan and read goals. Students, guardians and admins get a
404 everywhere; the outsider (a counsellor at the other school) sees their own school's pages and a 404 for
every object of the first school.
"""

from __future__ import annotations

from typing import Any

from django_scopes import scopes_disabled

from tests.matrix import POST_ONLY, Objects, Redirect, Row, only
from tests.quality.factories import GoalFactory, ScanItemFactory, ScanRoundFactory


def _cached(o: Objects, name: str, make: Any) -> Any:
    cached = o.__dict__.get(name)
    if cached is None:
        with scopes_disabled():
            cached = make()
        o.__dict__[name] = cached
    return cached


def scan_round(o: Objects) -> Any:
    return _cached(o, "_scan_round", lambda: ScanRoundFactory(school_year=o.world.group.school_year))


def scan_item(o: Objects) -> Any:
    return _cached(o, "_scan_item", lambda: ScanItemFactory(school=o.world.school))


def goal(o: Objects) -> Any:
    return _cached(o, "_goal", lambda: GoalFactory(school=o.world.school))


STAFF = {"counsellor": 200, "leader": 200, "mentor": 200, "teacher": 200}
STEERING = {"counsellor": 200, "leader": 200}

ROWS: dict[str, Row | list[Row]] = {
    "quality:leader": Row(get=only(**STEERING, outsider=200)),
    "quality:scan": Row(
        get=only(**STAFF, outsider=200),
        post=only(
            counsellor=200,
            outsider=200,
            leader=Redirect("quality:scan"),
            mentor=Redirect("quality:scan"),
            teacher=Redirect("quality:scan"),
        ),
    ),
    "quality:scan_items": Row(get=only(counsellor=200, outsider=200)),
    "quality:scan_item": Row(
        kwargs=lambda o: {"pk": scan_item(o).pk}, get=only(counsellor=200), post=only(counsellor=200)
    ),
    "quality:scan_answer": Row(
        kwargs=lambda o: {"pk": scan_round(o).pk},
        get=only(**STAFF),
        post=only(counsellor=400, leader=400, mentor=400, teacher=400),
    ),
    "quality:scan_close": Row(
        kwargs=lambda o: {"pk": scan_round(o).pk},
        get=POST_ONLY,
        post=only(counsellor=Redirect("quality:scan_results")),
    ),
    "quality:scan_results": Row(kwargs=lambda o: {"pk": scan_round(o).pk}, get=only(**STAFF)),
    "quality:scan_results_csv": Row(kwargs=lambda o: {"pk": scan_round(o).pk}, get=only(**STAFF)),
    "quality:goals": Row(get=only(**STAFF, outsider=200)),
    "quality:goal_new": Row(
        get=only(**STEERING, outsider=200), post=only(counsellor=200, leader=200, outsider=200)
    ),
    "quality:goal": Row(kwargs=lambda o: {"pk": goal(o).pk}, get=only(**STAFF), post=only(**STEERING)),
}
