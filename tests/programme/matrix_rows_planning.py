"""Rows of the permission matrix for this part of the area (see tests/matrix.py for the vocabulary).

Planning the programme (views/planning.py). The counsellor plans: activities, the school's activity types,
copying a year forward; an empty POST shows the form again (200). Mentors, teachers and leaders may read the
year planner (no student data in it; it shows what is coming for their groups). The coverage check is for
counsellors and leaders. Students, guardians and admins get a 404 everywhere; the outsider (a counsellor at
the other school) sees their own school's pages and a 404 for every object of the first school.
"""

from __future__ import annotations

from typing import Any

from django_scopes import scopes_disabled

from tests import factories as f
from tests.matrix import Objects, Redirect, Row, only


def planning_activity(o: Objects) -> Any:
    cached = o.__dict__.get("_planning_activity")
    if cached is None:
        with scopes_disabled():
            cached = f.ActivityFactory(school_year=o.world.group.school_year, title="Bedrijfsbezoek garage")
            cached.groups.add(o.world.group)
        o.__dict__["_planning_activity"] = cached
    return cached


def planning_type(o: Objects) -> Any:
    cached = o.__dict__.get("_planning_type")
    if cached is None:
        with scopes_disabled():
            cached = f.ActivityTypeFactory(school=o.world.school, key="open_day", name="Open dag")
        o.__dict__["_planning_type"] = cached
    return cached


COUNSELLORS = {"counsellor": 200, "outsider": 200}

ROWS: dict[str, Row | list[Row]] = {
    "programme:planner": Row(get=only(counsellor=200, mentor=200, teacher=200, leader=200, outsider=200)),
    "programme:activity_new": Row(get=only(**COUNSELLORS), post=only(**COUNSELLORS)),
    "programme:activity_edit": Row(
        kwargs=lambda o: {"pk": planning_activity(o).pk}, get=only(counsellor=200), post=only(counsellor=200)
    ),
    "programme:activity_remove": Row(
        kwargs=lambda o: {"pk": planning_activity(o).pk},
        get=only(counsellor=200),
        post=only(counsellor=Redirect("programme:planner")),
    ),
    "programme:copy_forward": Row(get=only(**COUNSELLORS), post=only(**COUNSELLORS)),
    "programme:activity_types": Row(get=only(**COUNSELLORS)),
    "programme:activity_type_new": Row(get=only(**COUNSELLORS), post=only(**COUNSELLORS)),
    "programme:activity_type_edit": Row(
        kwargs=lambda o: {"pk": planning_type(o).pk}, get=only(counsellor=200), post=only(counsellor=200)
    ),
    "programme:coverage": Row(get=only(counsellor=200, leader=200, outsider=200)),
}
