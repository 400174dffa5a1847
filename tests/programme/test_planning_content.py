"""The shipped catalogue of activity types and its copy into each school."""

from __future__ import annotations

from django_scopes import scopes_disabled

from koers.programme.content import ensure_activity_types, shipped_activity_types
from koers.programme.models import ActivityType


def test_shipped_activity_types_cover_the_catalogue_with_an_icon_and_english_name():
    shipped = shipped_activity_types()

    assert len(shipped) == 16
    assert all(t["icon"] and t["translations"]["en"]["name"] for t in shipped)
    assert {"company_visit", "open_day", "job_shadowing", "internship", "home_assignment", "other"} <= {
        t["key"] for t in shipped
    }


def test_a_new_school_has_the_whole_catalogue_and_ensure_brings_back_a_missing_type(world):
    with scopes_disabled():
        assert ActivityType.objects.filter(school=world.school, shipped=True).count() == 16
        ActivityType.objects.filter(school=world.school, key="open_day").delete()

    added = ensure_activity_types(world.school)

    with scopes_disabled():
        assert added == 1
        assert ActivityType.objects.filter(school=world.school, shipped=True).count() == 16


def test_ensure_activity_types_twice_adds_nothing(world):
    ensure_activity_types(world.school)

    assert ensure_activity_types(world.school) == 0


def test_ensure_activity_types_leaves_a_renamed_type_as_the_school_left_it(world):
    ensure_activity_types(world.school)
    with scopes_disabled():
        ActivityType.objects.filter(school=world.school, key="open_day").update(name="Open huis mbo")

    ensure_activity_types(world.school)

    with scopes_disabled():
        assert ActivityType.objects.get(school=world.school, key="open_day").name == "Open huis mbo"


def test_ensure_activity_types_gives_another_school_its_own_copy(world):
    ensure_activity_types(world.school)

    ensure_activity_types(world.other_school)

    with scopes_disabled():
        assert ActivityType.objects.filter(school=world.other_school).count() == 16
