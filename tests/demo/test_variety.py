"""The demo's people vary as a real school's do (120 students): newcomers who joined mid-year, students who
changed group or left, guardians in number and authority. Built once for the module and only read
(tests/once.py)."""

from collections import Counter

import pytest
from django.db.models import Count
from django_scopes import scopes_disabled

from koers.demo.builder import DemoReport
from koers.schools.models import Guardianship, Membership, SchoolYear, Student, Track
from tests.once import demo_once

_demo = demo_once(students=120, seed=2)


@pytest.fixture
def demo(db, _demo) -> DemoReport:
    return _demo[1]


def test_demo_has_isk_students_who_joined_mid_year(demo):
    with scopes_disabled():
        year_start = SchoolYear.objects.filter(school__slug="het-baken").latest("starts_on").starts_on
        late = Membership.objects.filter(group__track=Track.ISK, starts_on__gt=year_start)
        assert late.filter(student__user__username="nieuwkomer").exists()


def test_demo_has_students_who_changed_group_or_left(demo):
    with scopes_disabled():
        ended = Membership.objects.filter(ends_on__isnull=False, school__slug="het-baken")
        assert ended.filter(student__left_on__isnull=True).exists()  # changed group
        assert ended.filter(student__left_on__isnull=False).exists()  # left the school


def test_demo_guardians_vary_in_number_and_authority(demo):
    with scopes_disabled():
        guardians = Counter(
            Student.objects.filter(school__slug="het-baken")
            .annotate(n=Count("guardianships"))
            .values_list("n", flat=True)
        )
        without_authority = Guardianship.objects.filter(has_authority=False).count()
    assert guardians[1] > guardians[2] > 0
    assert without_authority > 0
