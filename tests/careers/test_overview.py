"""The counsellor's overview of what students favour per group and year level, who explored nothing, and the
mentor's class-view signal; fixed query counts at two school sizes."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.careers.models import Favourite, InterestResult
from tests import factories as f
from tests.careers.factories import OccupationFactory


def test_overview_counts_favourites_and_names_who_explored_nothing(world, login):
    with scopes_disabled():
        welder = OccupationFactory(texts={"nl": "Lasser"})
        Favourite.objects.create(school=world.school, student=world.student, occupation=welder)

    response = login("counsellor").get(reverse("careers:overview"))

    level = response.context["levels"][0]
    row = level.groups[0]
    assert (row.group, row.students, row.explored) == (world.group, 2, 1)
    assert row.top_occupations == [("Lasser", 1)]
    assert [s.pk for s in row.nothing] == [world.classmate.pk]
    assert level.top_occupations == [("Lasser", 1)]


def test_the_mentor_sees_who_has_not_explored_yet(world, login):
    with scopes_disabled():
        InterestResult.objects.create(school=world.school, student=world.student, scores={})

    html = login("mentor").get(reverse("home:mentor")).content.decode()

    assert html.count("nog geen beroepen verkend") == 1
    assert reverse("careers:student_careers", args=[world.classmate.pk]) in html


def _grow(world, size: int) -> None:
    with scopes_disabled():
        occupations = [OccupationFactory() for _ in range(5)]
        for n in range(size):
            group = f.GroupFactory(
                school=world.school, school_year=world.group.school_year, year_level=1 + n % 3
            )
            for m in range(3):
                student = f.StudentFactory(school=world.school)
                f.MembershipFactory(student=student, group=group)
                if m:
                    Favourite.objects.create(school=world.school, student=student, occupation=occupations[m])


OVERVIEW_QUERIES = 9  # session, user+roles; memberships, names, favourites, three "explored" reads


@pytest.mark.parametrize("size", [1, 8])
def test_overview_queries_do_not_grow(world, login, size, django_assert_num_queries):
    _grow(world, size)
    client = login("counsellor")

    with django_assert_num_queries(OVERVIEW_QUERIES):
        client.get(reverse("careers:overview"))
