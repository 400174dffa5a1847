"""Giving an assignment to groups: only the giver's groups, linked to an activity, due on or after given."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.programme.domain.giving import give_assignment
from koers.programme.models import GivenAssignment, Purpose
from koers.schools.models import Role, SchoolYear
from tests import factories as f


@pytest.fixture
def assignment(world):
    with scopes_disabled():
        return f.AssignmentFactory(school=world.school, title="Beroepen in je straat")


@pytest.fixture
def activity(world):
    with scopes_disabled():
        return f.ActivityFactory(school_year=world.group.school_year, title="Bezoek aan de bakkerij")


def give_data(world, **changes):
    today = timezone.localdate()
    data = {
        "groups": [world.group.pk],
        "purpose": Purpose.STANDALONE,
        "activity": "",
        "given_on": today.isoformat(),
        "due_on": (today + dt.timedelta(days=7)).isoformat(),
    }
    data.update(changes)
    return data


def other_year(world):
    return SchoolYear.objects.get(school=world.other_school)


def given_count():
    with scopes_disabled():
        return GivenAssignment.objects.count()


def test_mentor_gives_an_assignment_to_their_group(login, world, assignment):
    response = login("mentor").post(reverse("programme:give", args=[assignment.pk]), give_data(world))

    with scopes_disabled():
        given = GivenAssignment.objects.get()
        assert list(given.groups.all()) == [world.group]
    assert response.status_code == 302
    assert given.given_by == world.users["mentor"]


def test_mentor_cannot_give_to_a_group_they_do_not_mentor(login, world, assignment):
    with scopes_disabled():
        other_group = f.GroupFactory(school=world.school, school_year=world.group.school_year, name="3K9")

    response = login("mentor").post(
        reverse("programme:give", args=[assignment.pk]), give_data(world, groups=[other_group.pk])
    )

    assert response.status_code == 200
    assert response.context["form"].errors["groups"]
    assert given_count() == 0


def test_counsellor_gives_to_any_group_of_the_school(login, world, assignment):
    with scopes_disabled():
        other_group = f.GroupFactory(school=world.school, school_year=world.group.school_year, name="3K9")

    login("counsellor").post(
        reverse("programme:give", args=[assignment.pk]),
        give_data(world, groups=[world.group.pk, other_group.pk]),
    )

    with scopes_disabled():
        assert GivenAssignment.objects.get().groups.count() == 2


def test_group_of_another_school_is_refused_and_nothing_is_saved(login, world, assignment):
    with scopes_disabled():
        foreign = f.GroupFactory(school=world.other_school, school_year=other_year(world), name="9X1")

    response = login("counsellor").post(
        reverse("programme:give", args=[assignment.pk]), give_data(world, groups=[foreign.pk])
    )

    assert response.status_code == 200
    assert "groups" in response.context["form"].errors
    assert given_count() == 0


def test_due_before_given_is_refused_next_to_the_due_date(login, world, assignment):
    today = timezone.localdate()

    response = login("mentor").post(
        reverse("programme:give", args=[assignment.pk]),
        give_data(world, due_on=(today - dt.timedelta(days=1)).isoformat()),
    )

    content = response.content.decode()
    assert "vóór de dag waarop je de opdracht geeft" in str(response.context["form"].errors["due_on"])
    assert 'id="id_due_on-error"' in content
    assert given_count() == 0


def test_due_date_typed_is_kept_after_a_refusal(login, world, assignment):
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()

    response = login("mentor").post(
        reverse("programme:give", args=[assignment.pk]), give_data(world, due_on=yesterday)
    )

    assert f'value="{yesterday}"' in response.content.decode()


def test_preparation_needs_an_activity(login, world, assignment):
    response = login("counsellor").post(
        reverse("programme:give", args=[assignment.pk]), give_data(world, purpose=Purpose.PREPARATION)
    )

    assert response.context["form"].errors["activity"]
    assert given_count() == 0


def test_preparation_is_linked_to_the_activity(login, world, assignment, activity):
    login("counsellor").post(
        reverse("programme:give", args=[assignment.pk]),
        give_data(world, purpose=Purpose.PREPARATION, activity=activity.pk),
    )

    with scopes_disabled():
        given = GivenAssignment.objects.get()
    assert (given.activity, given.purpose) == (activity, Purpose.PREPARATION)


def test_activity_of_another_school_is_refused(login, world, assignment):
    with scopes_disabled():
        foreign = f.ActivityFactory(school_year=other_year(world))

    response = login("counsellor").post(
        reverse("programme:give", args=[assignment.pk]),
        give_data(world, purpose=Purpose.REFLECTION, activity=foreign.pk),
    )

    assert "activity" in response.context["form"].errors
    assert given_count() == 0


def test_give_form_prefills_the_activity_from_the_planner(login, world, assignment, activity):
    response = login("counsellor").get(
        reverse("programme:give", args=[assignment.pk]), {"activity": activity.pk, "purpose": "reflection"}
    )

    form = response.context["form"]
    assert (form.initial["activity"], form.initial["purpose"]) == (activity.pk, "reflection")


def test_archived_assignment_cannot_be_given(login, world):
    with scopes_disabled():
        archived = f.AssignmentFactory(school=world.school, active=False)

    response = login("counsellor").post(reverse("programme:give", args=[archived.pk]), give_data(world))

    assert response.status_code == 404
    assert given_count() == 0


def test_domain_refuses_a_foreign_group_even_without_the_form(world, in_school, assignment):

    role = Role.objects.get(user=world.users["mentor"], school=world.school)
    with scopes_disabled():
        foreign = f.GroupFactory(school=world.other_school, school_year=other_year(world), name="9X2")
    today = timezone.localdate()

    with pytest.raises(PermissionDenied):
        give_assignment(by=role, assignment=assignment, groups=[foreign], given_on=today, due_on=today)
    assert given_count() == 0
