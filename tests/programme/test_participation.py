"""Registering participation: the whole group at once, absentees unticked, one row per student, 404 for
anything the role may not register."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.programme.domain.participation import register_participation
from koers.programme.models import Participation
from koers.schools.models import Role
from tests import factories as f
from tests.programme.lobline_helpers import activity_for, days_from_today
from tests.refusals import assert_not_found, nothing_written


def url(activity) -> str:
    return reverse("programme:participation", args=[activity.pk])


def rows(activity) -> dict[str, bool]:
    with scopes_disabled():
        return {p.student.user.username: p.present for p in Participation.objects.filter(activity=activity)}


@pytest.fixture
def past(world):
    return activity_for(world.group, title="Bezoek aan de bakkerij", starts_on=days_from_today(-3))


def test_participation_form_starts_with_the_whole_group_ticked(login, world, past):
    response = login("mentor").get(url(past))

    assert set(response.context["form"].initial["present"]) == {world.student.pk, world.classmate.pk}


def test_participation_saves_one_row_per_student_with_the_absent_unticked(login, world, past):
    response = login("mentor").post(url(past), {"groep": world.group.pk, "present": [world.student.pk]})

    assert response.status_code == 302
    assert rows(past) == {"student": True, "classmate": False}


def test_participation_registered_twice_keeps_one_row_per_student(login, world, past):
    client = login("teacher")
    client.post(url(past), {"groep": world.group.pk, "present": [world.student.pk]})

    client.post(url(past), {"groep": world.group.pk, "present": [world.student.pk, world.classmate.pk]})

    assert rows(past) == {"student": True, "classmate": True}


def test_participation_form_shows_an_earlier_registration(login, world, past):
    client = login("counsellor")
    client.post(url(past), {"groep": world.group.pk, "present": [world.student.pk]})

    response = client.get(url(past))

    assert response.context["form"].initial["present"] == [world.student.pk]


def test_participation_of_a_student_outside_the_group_is_refused_and_nothing_saved(login, world, past):
    response = login("counsellor").post(
        url(past), {"groep": world.group.pk, "present": [world.student.pk, world.other_student.pk]}
    )

    assert response.status_code == 200
    assert "Deze leerling zit niet in de groep." in response.content.decode()
    assert rows(past) == {}


def test_participation_for_an_activity_still_to_come_is_refused(login, world):
    coming = activity_for(world.group, title="Beroepenmarkt", starts_on=days_from_today(30))

    response = login("counsellor").post(url(coming), {"groep": world.group.pk, "present": [world.student.pk]})

    assert "nog niet geweest" in response.content.decode()
    assert rows(coming) == {}


def test_participation_for_a_group_not_in_the_activity_is_a_404(login, world, past):
    with scopes_disabled():
        other = f.GroupFactory(school=world.school, school_year=world.group.school_year, name="3K9")
        f.MembershipFactory(student=f.StudentFactory(school=world.school), group=other)
        past.groups.add(world.group)

    response = login("counsellor").post(url(past), {"groep": other.pk, "present": []})

    assert response.status_code == 404
    assert rows(past) == {}


def test_participation_for_another_schools_activity_is_a_404(login, world):
    with scopes_disabled():
        other_group = world.other_student.memberships.get().group
    elsewhere = activity_for(other_group, starts_on=days_from_today(-3))

    response = login("counsellor").post(url(elsewhere), {"groep": other_group.pk, "present": []})

    assert response.status_code == 404
    assert rows(elsewhere) == {}


def test_participation_for_a_group_of_another_school_is_a_404(login, world, past):
    with scopes_disabled():
        other_group = world.other_student.memberships.get().group

    response = login("counsellor").post(url(past), {"groep": other_group.pk, "present": []})

    assert response.status_code == 404
    assert rows(past) == {}


def test_participation_by_a_mentor_of_another_group_is_a_404(login, world, past):
    with scopes_disabled():
        other = f.GroupFactory(school=world.school, school_year=world.group.school_year, name="3K9")
        past.groups.add(other)

    with nothing_written(Participation):
        response = login("mentor").get(url(past))

    assert_not_found(response, "3K9")


def test_participation_with_a_nonsense_group_is_a_404(login, world, past):
    with nothing_written(Participation):
        response = login("counsellor").get(url(past), {"groep": "abc"})

    assert_not_found(response)


def test_participation_with_several_groups_asks_which_group(login, world, past):
    with scopes_disabled():
        f.GroupFactory(school=world.school, school_year=world.group.school_year, name="3K9")

    response = login("counsellor").get(url(past))

    assert "form" not in response.context
    assert "3K9" in response.content.decode()


def test_register_participation_refuses_an_absentee_from_elsewhere(world, in_school, past):
    mentor = Role.objects.get(user=world.users["mentor"], kind="mentor")

    with pytest.raises(ValidationError):
        register_participation(by=mentor, activity=past, group=world.group, absent=[world.other_student.pk])

    assert not Participation.objects.exists()


def test_register_participation_refuses_a_role_of_another_school(world, past):
    with scopes_disabled():
        outsider = Role.objects.get(user=world.users["outsider"])

        with pytest.raises(PermissionDenied):
            register_participation(by=outsider, activity=past, group=world.group)

        assert not Participation.objects.exists()


def test_register_participation_leaves_unchanged_rows_alone(world, in_school, past):
    mentor = Role.objects.get(user=world.users["mentor"], kind="mentor")
    register_participation(by=mentor, activity=past, group=world.group, absent=[world.classmate.pk])

    again = register_participation(by=mentor, activity=past, group=world.group, absent=[world.classmate.pk])

    assert (again.created, again.changed, again.present, again.absent) == (0, 0, 1, 1)
    assert Participation.objects.count() == 2


# session, user+roles; the activity; its chosen groups, then all groups of its line; the mentor's groups;
# members; earlier rows.
PARTICIPATION_QUERIES = 8


@pytest.mark.parametrize("size", [2, 12])
def test_participation_form_costs_a_fixed_number_of_queries(
    login, world, past, django_assert_num_queries, size
):
    with scopes_disabled():
        for _ in range(size):
            f.MembershipFactory(student=f.StudentFactory(school=world.school), group=world.group)
    client = login("mentor")

    with django_assert_num_queries(PARTICIPATION_QUERIES):
        response = client.get(url(past))

    assert len(response.context["students"]) == size + 2
