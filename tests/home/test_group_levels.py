"""Issue 19: a large school's counsellor and leader see one row per year level and open a level for its
groups, so the page does not grow with the number of groups; the sums stay those of the whole school."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.home import queries
from tests import factories as f
from tests.home.helpers import add_students

REQUEST_OVERHEAD = 2  # session, user+roles


@pytest.fixture
def many_groups(world, monkeypatch, request):
    """``n`` more groups in year 3, one in year 1 and one ISK group, one filled student each; the level view
    starts above 2 groups."""
    n = getattr(request, "param", 2)
    monkeypatch.setattr(queries.school, "ALL_GROUPS_UP_TO", 2)
    year = world.group.school_year
    with scopes_disabled():
        add_students(world.group, 1)
        for number in range(n):
            group = f.GroupFactory(
                school=world.school, school_year=year, name=f"3K{number + 2}", year_level=3
            )
            add_students(group, 1)
        first = f.GroupFactory(
            school=world.school, school_year=year, name="1B1", year_level=1, track="vmbo_b"
        )
        add_students(first, 2)
        isk = f.GroupFactory(school=world.school, school_year=year, name="ISK-A", year_level=1, track="isk")
        add_students(isk, 1)
    return n


@pytest.mark.parametrize("url_name, persona", [("home:counsellor", "counsellor"), ("home:leader", "leader")])
def test_a_large_school_sees_year_levels_and_no_group_rows_until_a_level_is_opened(
    login, world, many_groups, url_name, persona
):
    response = login(persona).get(reverse(url_name))

    table = response.context["page"].table
    assert [(lv.label, lv.groups, lv.totals.students) for lv in table.levels] == [
        ("leerjaar 1", 1, 2),
        ("leerjaar 3", 1 + many_groups, 3 + many_groups),
        ("ISK", 1, 1),
    ]
    assert table.totals.students == 6 + many_groups
    assert table.groups == []
    page = response.content.decode()
    assert "?leerjaar=3" in page
    assert "3K2" not in page


@pytest.mark.parametrize("url_name, persona", [("home:counsellor", "counsellor"), ("home:leader", "leader")])
def test_opening_a_level_shows_its_groups_with_the_levels_totals(
    login, world, many_groups, url_name, persona
):
    response = login(persona).get(reverse(url_name), {"leerjaar": "3"})

    table = response.context["page"].table
    assert [s.group.name for s in table.groups] == ["3K1", *[f"3K{n + 2}" for n in range(many_groups)]]
    assert table.level.key == "3"
    assert table.level.totals.compliments == 1 + many_groups  # one per filled student
    page = response.content.decode()
    assert "3K2" in page and "1B1" not in page and "ISK-A" not in page


def test_an_unknown_level_opens_nothing(login, world, many_groups):
    response = login("counsellor").get(reverse("home:counsellor"), {"leerjaar": "<b>9"})

    assert response.status_code == 200
    assert response.context["page"].table.groups == []


def test_a_small_school_still_sees_every_group(login, world):
    response = login("leader").get(reverse("home:leader"))

    table = response.context["page"].table
    assert table.levels == []
    assert [s.group.name for s in table.groups] == ["3K1"]


@pytest.mark.parametrize("many_groups", [2, 12], indirect=True)
@pytest.mark.parametrize(
    "url_name, persona, own", [("home:counsellor", "counsellor", 4), ("home:leader", "leader", 2)]
)
def test_level_view_costs_the_same_queries_and_rows_at_two_sizes(
    login, world, many_groups, django_assert_num_queries, url_name, persona, own
):
    client = login(persona)
    with django_assert_num_queries(REQUEST_OVERHEAD + own):
        response = client.get(reverse(url_name))
    # The group rows rendered: none before a level is opened, whatever the number of groups.
    assert response.content.decode().count('<th scope="row">3K') == 0
