"""The demo school's programme: planned this year and last, with real gaps for the coverage check."""

from __future__ import annotations

import pytest
from django_scopes import scopes_disabled

from koers.demo.builder import DemoReport, build_demo
from koers.programme.models import Activity
from koers.programme.queries.coverage import coverage
from koers.programme.queries.planning import year_before, years_of_school
from tests.once import demo_once

_demo = demo_once(students=60, seed=3)  # built once for the module (tests/once.py)


@pytest.fixture
def demo(db, _demo) -> DemoReport:
    return _demo[1]


def test_demo_plans_a_programme_for_every_year_level_of_het_baken(demo):
    with scopes_disabled():
        levels = set(Activity.objects.filter(school=demo.school).values_list("year_level", flat=True))
        group_levels = {g.year_level for g in demo.school.groups.all()}

    assert group_levels <= levels


def test_demo_programme_gives_the_coverage_check_real_warnings_and_last_year(demo):
    with scopes_disabled():
        years = years_of_school(demo.school.pk)
        report = coverage(years[0], year_before(years, years[0]))

    keys = {w.key for w in report.warnings}
    assert "no_reflection" in keys
    assert report.last_year_total
    assert any(s.with_guardians for s in report.summaries)


def test_demo_can_be_built_twice(demo):
    again = build_demo(students=60, seed=3)

    with scopes_disabled():
        assert Activity.objects.filter(school=again.school).exists()
