"""Registering participation from the day before an activity until the school's set number of days after,
and the list of activities that still wait for registration (issue 12 item 18)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.programme.models import Participation
from koers.schools.models import School
from tests import factories as f
from tests.programme.lobline_helpers import activity_for, days_from_today

TO_REGISTER = reverse("programme:to_register")


def url(activity) -> str:
    return reverse("programme:participation", args=[activity.pk])


def registered(activity) -> int:
    with scopes_disabled():
        return Participation.objects.filter(activity=activity).count()


def set_days_after(world, days: int) -> None:
    with scopes_disabled():
        School.objects.filter(pk=world.school.pk).update(registration_days_after=days)


def test_teacher_registers_the_day_before_the_activity(login, world):
    tomorrow = activity_for(world.group, title="Gastles kapper", starts_on=days_from_today(1))

    response = login("teacher").post(url(tomorrow), {"groep": world.group.pk, "present": [world.student.pk]})

    assert response.status_code == 302
    assert registered(tomorrow) == 2


def test_teacher_cannot_register_two_days_before(login, world):
    later = activity_for(world.group, title="Gastles kapper", starts_on=days_from_today(2))

    response = login("teacher").post(url(later), {"groep": world.group.pk, "present": [world.student.pk]})

    assert "nog niet geweest" in response.content.decode()
    assert registered(later) == 0


def test_teacher_registers_until_the_set_days_after(login, world):
    set_days_after(world, 5)
    last_day = activity_for(world.group, title="Bedrijfsbezoek", starts_on=days_from_today(-5))

    response = login("teacher").post(url(last_day), {"groep": world.group.pk, "present": [world.student.pk]})

    assert response.status_code == 302
    assert registered(last_day) == 2


def test_teacher_registering_after_the_window_is_told_why_and_nothing_is_saved(login, world):
    set_days_after(world, 5)
    too_late = activity_for(world.group, title="Bedrijfsbezoek", starts_on=days_from_today(-6))

    response = login("teacher").post(url(too_late), {"groep": world.group.pk, "present": [world.student.pk]})

    page = response.content.decode()
    assert response.status_code == 200
    assert "kon geregistreerd worden tot en met" in page
    assert registered(too_late) == 0


def test_counsellor_corrects_the_register_after_the_window(login, world):
    set_days_after(world, 5)
    too_late = activity_for(world.group, title="Bedrijfsbezoek", starts_on=days_from_today(-20))

    response = login("counsellor").post(url(too_late), {"groep": world.group.pk, "present": []})

    assert response.status_code == 302
    assert registered(too_late) == 2


def test_month_activity_stays_open_until_after_its_month(login, world):
    set_days_after(world, 0)
    this_month = activity_for(
        world.group, title="Snuffelstage", starts_on=days_from_today(0).replace(day=1), precision="month"
    )

    response = login("teacher").post(url(this_month), {"groep": world.group.pk, "present": []})

    assert response.status_code == 302


def test_teacher_sees_the_activities_that_wait_for_registration(login, world):
    yesterday = activity_for(world.group, title="Open dag ROC", starts_on=days_from_today(-1))
    activity_for(world.group, title="Beroepenmarkt", starts_on=days_from_today(20))
    activity_for(world.group, title="Lang geleden", starts_on=days_from_today(-60))

    page = login("teacher").get(TO_REGISTER).content.decode()

    assert "Open dag ROC" in page
    assert f"{url(yesterday)}?groep={world.group.pk}" in page
    assert "Beroepenmarkt" not in page
    assert "Lang geleden" not in page


def test_a_fully_registered_activity_no_longer_waits(login, world):
    yesterday = activity_for(world.group, title="Open dag ROC", starts_on=days_from_today(-1))
    client = login("teacher")
    client.post(url(yesterday), {"groep": world.group.pk, "present": [world.student.pk]})

    page = client.get(TO_REGISTER).content.decode()

    assert "Open dag ROC" not in page


def test_mentor_sees_only_their_own_groups_waiting(login, world):
    with scopes_disabled():
        other = f.GroupFactory(school=world.school, school_year=world.group.school_year, name="3K9")
        f.MembershipFactory(student=f.StudentFactory(school=world.school), group=other)
    theirs = activity_for(world.group, title="Alleen 3K9", starts_on=days_from_today(-1))
    with scopes_disabled():
        theirs.groups.add(other)

    page = login("mentor").get(TO_REGISTER).content.decode()

    assert "Alleen 3K9" not in page


def test_the_teacher_menu_leads_to_the_list(login, world):
    page = login("teacher").get(reverse("home:teacher")).content.decode()

    assert TO_REGISTER in page


@pytest.mark.parametrize("size", [2, 12])
def test_waiting_list_queries_do_not_grow(login, world, size, django_assert_num_queries):
    with scopes_disabled():
        for number in range(size):
            activity_for(world.group, title=f"Bezoek {number}", starts_on=days_from_today(-1))
            extra = f.GroupFactory(
                school=world.school, school_year=world.group.school_year, name=f"3X{number}"
            )
            f.MembershipFactory(student=f.StudentFactory(school=world.school), group=extra)
    client = login("teacher")
    client.get(TO_REGISTER)

    with django_assert_num_queries(QUERIES):
        response = client.get(TO_REGISTER)

    assert response.content.decode().count("Bezoek ") >= size


QUERIES = 7
