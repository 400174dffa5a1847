"""A whole school of 3,000 students with 40 assorted bad rows (``large_export.py``): the preview has the
stored counts and exactly the 40 problem lines; applying the file twice changes nothing the second time; the
week after applies moves, leavers and joiners with yesterday's end and today's start."""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.schools.models import Membership, RoleKind, School, Student
from tests import factories as f
from tests.schooladmin.import_support import FILES, import_file, snapshot
from tests.schooladmin.large_export import BAD_KINDS, CODES, large_export

EXPECTED = FILES / "large_3000.expected.json"


@pytest.fixture
def big_school(db) -> School:
    with scopes_disabled():
        school = f.SchoolFactory(name="Grote School", slug="groot")
        f.RoleFactory(school=school, kind=RoleKind.ADMIN)
        for code in CODES:
            f.RoleFactory(
                school=school, kind=RoleKind.TEACHER, staff_code=code, user__username=f"groot-{code.lower()}"
            )
    return school


def shown(summary: dict[str, Any]) -> dict[str, Any]:
    return {
        "counts": {key: count for key, count in summary["counts"].items() if count},
        "unchanged": summary["unchanged"],
        "confirm": summary["confirm"],
        "problem_lines": sorted({p["line"] for p in summary["problems"]}),
        "problems": summary["problems"],
    }


def test_large_export_with_40_bad_rows_gives_the_stored_preview(big_school):
    export = large_export()

    run = import_file(big_school, export.data, apply=False)

    preview = shown(run.summary)
    if os.environ.get("KOERS_WRITE_EXPECTED"):
        EXPECTED.write_text(json.dumps(preview, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert preview == json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert preview["problem_lines"] == sorted(export.bad_lines)  # every bad row, and nothing else
    assert len(export.bad_lines) == 40 and set(export.bad_lines.values()) == set(BAD_KINDS)


def test_large_export_applied_twice_changes_nothing_the_second_time(big_school):
    import_file(big_school, large_export().data)
    once = snapshot(big_school)

    again = import_file(big_school, large_export().data)

    assert again.summary["empty"] is True
    assert snapshot(big_school) == once


def test_week_later_applies_moves_leavers_and_joiners_with_the_right_dates(big_school):
    import_file(big_school, large_export().data)
    today = timezone.localdate()
    week_ago = today - dt.timedelta(days=7)
    with scopes_disabled():
        Membership.objects.filter(school=big_school).update(starts_on=week_ago)
        Student.objects.filter(school=big_school).update(joined_on=week_ago)
        before = set(Student.objects.filter(school=big_school).values_list("number", flat=True))
    week = large_export(bad=False, moved=0.05, left=0.02, joined=0.02, seed=19)

    run = import_file(big_school, week.data)

    counts = run.summary["counts"]
    left, joined = before - week.numbers, week.numbers - before
    assert counts["students_left"] == len(left) > 0
    assert counts["students_new"] == len(joined) > 60  # joiners, and last week's skipped lines, now right
    assert counts["students_moved"] > 100
    with scopes_disabled():
        students = {s.number: s for s in Student.objects.filter(school=big_school)}
        memberships: dict[str, list[tuple[str, dt.date, dt.date | None]]] = {}
        for number, group, starts, ends in Membership.objects.filter(school=big_school).values_list(
            "student__number", "group__name", "starts_on", "ends_on"
        ):
            memberships.setdefault(number, []).append((group, starts, ends))
    yesterday = today - dt.timedelta(days=1)
    for number in left:
        assert students[number].left_on == today
        assert all(ends == yesterday for _g, _s, ends in memberships[number])
    for number in joined:
        assert students[number].joined_on == today
        assert [(starts, ends) for _g, starts, ends in memberships[number]] == [(today, None)]
    moved = [n for n, rows in memberships.items() if len(rows) == 2]
    assert len(moved) == counts["students_moved"]
    for number in moved:
        old, new = sorted(memberships[number], key=lambda row: row[1])
        assert (old[1], old[2]) == (week_ago, yesterday) and (new[1], new[2]) == (today, None)
        assert old[0] != new[0] and old[0][:2] == new[0][:2]  # another class of the same year and track
    assert week.numbers <= set(students)
