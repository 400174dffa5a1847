"""The choice pages and overviews cost a fixed number of SQL queries whatever the number of students or
choices; the overview shows who is late and the choice status."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.choices.models import ChoiceStance, Stance
from tests import factories as f
from tests.choices.helpers import make_choice, make_moment


def fill(world, size: int) -> None:
    today = timezone.localdate()
    moments = [make_moment(world.group, title=f"Keuze {i}") for i in range(size)]
    make_moment(
        world.group,
        title="Te laat",
        opens_on=today - dt.timedelta(days=20),
        closes_on=today - dt.timedelta(days=1),
    )
    with scopes_disabled():
        for n in range(size):
            student = f.StudentFactory(school=world.school)
            f.MembershipFactory(student=student, group=world.group)
            ChoiceStance.objects.create(
                school=world.school, student=student, stance=Stance.DOUBTS, updated_by=student.user
            )
            for moment in moments[: n % 3 + 1]:
                make_choice(moment, student)
        for moment in moments:
            make_choice(moment, world.student)


@pytest.mark.parametrize("size", [2, 12])
def test_overview_costs_a_fixed_number_of_queries(world, login, size, django_assert_num_queries):
    fill(world, size)
    client = login("mentor")

    # session, user+roles, mentored groups, memberships, moments, choices, confirmations, stances
    with django_assert_num_queries(8):
        response = client.get(reverse("choices:overview"))

    assert "te laat" in response.content.decode()


@pytest.mark.parametrize("size", [2, 12])
def test_counsellor_overview_costs_a_fixed_number_of_queries(world, login, size, django_assert_num_queries):
    fill(world, size)
    client = login("counsellor")

    # ... the school year, the year's groups, this group, memberships, moments, choices, confirmations,
    # stances
    with django_assert_num_queries(10):
        client.get(reverse("choices:overview") + f"?groep={world.group.pk}&te_laat=1")


@pytest.mark.parametrize("size", [2, 12])
def test_my_choices_page_costs_a_fixed_number_of_queries(world, login, size, django_assert_num_queries):
    fill(world, size)
    client = login("student")

    # session, user+roles, student, stance, group, moments, choices, confirmations, agreements, route
    # steps, the six kinds of links (queries.links.with_links); modules: group, modules, ranking, placements
    with django_assert_num_queries(20):
        client.get(reverse("choices:mine"))


@pytest.mark.parametrize("size", [2, 12])
def test_student_page_for_the_mentor_costs_a_fixed_number_of_queries(
    world, login, size, django_assert_num_queries
):
    fill(world, size)
    client = login("mentor")

    # session, user+roles, the student, stance, audit row, group, moments, choices, confirmations,
    # agreements, route steps, the six kinds of links
    with django_assert_num_queries(17):
        client.get(reverse("choices:student", args=[world.student.pk]))


def test_overview_shows_the_choice_status(world, login):
    fill(world, 2)

    page = login("counsellor").get(reverse("choices:overview")).content.decode()

    assert "twijfel" in page
