"""The coverage check: competences and elements per year level, gaps, warnings, last year, continuity."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.programme.queries.coverage import Coverage, coverage
from tests import factories as f


@pytest.fixture
def year(world):
    return world.group.school_year


@pytest.fixture
def last_year(world, year):
    with scopes_disabled():
        return f.SchoolYearFactory(
            school=world.school,
            starts_on=year.starts_on.replace(year=year.starts_on.year - 1),
            ends_on=year.ends_on.replace(year=year.ends_on.year - 1),
        )


def activity(year: Any, **fields: Any) -> Any:
    with scopes_disabled():
        return f.ActivityFactory(school_year=year, **fields)


def report(year: Any, previous: Any = None, track: str | None = None) -> Coverage:
    with scopes_disabled():
        return coverage(year, previous, track)


def keys(result: Coverage) -> set[str]:
    return {w.key for w in result.warnings}


def test_coverage_counts_activities_per_competence_and_year_level(world, year):
    activity(year, year_level=3, competences=["qualities", "networking"])
    activity(year, year_level=3, competences=["qualities"])

    result = report(year)

    qualities = next(row for row in result.competences if row.key == "qualities")
    assert result.levels == [3]
    assert qualities.cells == [(3, 2)]


def test_coverage_shows_a_gap_where_a_year_level_lacks_a_competence(world, year):
    with scopes_disabled():
        f.GroupFactory(school=world.school, school_year=year, year_level=4, name="4K1")
    activity(year, year_level=3, competences=["networking"])

    result = report(year)

    networking = next(row for row in result.competences if row.key == "networking")
    assert networking.gaps == [4]
    assert not networking.continuous


def test_coverage_marks_a_competence_covered_in_every_level_as_continuous(world, year):
    with scopes_disabled():
        f.GroupFactory(school=world.school, school_year=year, year_level=4, name="4K1")
    activity(year, year_level=3, competences=["networking"])
    activity(year, year_level=4, competences=["networking"])

    result = report(year)

    assert next(row for row in result.competences if row.key == "networking").continuous


def test_coverage_warns_about_an_activity_without_reflection(year):
    planned = activity(year, has_reflection=False, title="Beroepenmarkt")

    result = report(year)

    (warning,) = [w for w in result.warnings if w.key == "no_reflection"]
    assert [a.pk for a in warning.activities] == [planned.pk]


def test_coverage_warns_about_a_year_level_without_guardians(year):
    activity(year, year_level=3, involves_guardians=False)

    assert "no_guardians_3" in keys(report(year))


def test_coverage_does_not_warn_about_guardians_when_one_activity_involves_them(year):
    activity(year, year_level=3, involves_guardians=False)
    activity(year, year_level=3, involves_guardians=True)

    assert "no_guardians_3" not in keys(report(year))


def test_coverage_warns_when_dealing_with_expectations_is_never_addressed(year):
    activity(year, competences=["qualities"], elements=["practice"])

    assert "no_expectations" in keys(report(year))


def test_coverage_does_not_warn_about_expectations_once_an_element_covers_it(year):
    activity(year, competences=["qualities"], elements=["expectations"])

    assert "no_expectations" not in keys(report(year))


def test_coverage_warns_about_a_year_level_without_a_conversation_round(year):
    activity(year, year_level=3)

    assert "no_round_3" in keys(report(year))


def test_coverage_does_not_warn_when_a_conversation_round_is_planned(year):
    activity(year, year_level=3)
    with scopes_disabled():
        f.ConversationRoundFactory(school_year=year, year_level=3)

    assert "no_round_3" not in keys(report(year))


def test_coverage_compares_with_last_school_year(year, last_year):
    activity(last_year, year_level=3, competences=["networking"])
    activity(last_year, year_level=3, competences=["networking"])
    activity(year, year_level=3, competences=["networking"])

    result = report(year, last_year)

    networking = next(row for row in result.competences if row.key == "networking")
    assert (networking.total, networking.last_year_total, networking.difference) == (1, 2, -1)
    assert result.summaries[0].last_year_activities == 2


def test_coverage_of_one_track_leaves_other_tracks_out(year):
    activity(year, track="vmbo_k", competences=["networking"])
    activity(year, track="havo", year_level=4, competences=["networking"])

    result = report(year, track="havo")

    assert result.levels == [4]
    assert result.total == 1


def test_coverage_page_shows_the_warnings_in_words(login, year):
    activity(year, has_reflection=False, title="Gastles kapper")

    response = login("counsellor").get(reverse("programme:coverage"))

    assert "activiteit zonder reflectie achteraf" in response.text
    assert "Omgaan met verwachtingen komt in dit programma nergens aan bod" in response.text
    assert "Gastles kapper" in response.text


def test_coverage_page_marks_gaps_with_text_not_colour_alone(login, year):
    activity(year, competences=["qualities"])

    response = login("leader").get(reverse("programme:coverage"))

    assert "(gat)" in response.text


@pytest.mark.parametrize("size", [1, 15])
def test_coverage_page_costs_a_fixed_number_of_queries(
    login, world, year, last_year, size, django_assert_num_queries
):
    with scopes_disabled():
        for n in range(size):
            f.GroupFactory(school=world.school, school_year=year, year_level=1 + n % 4, name=f"G{n}")
            f.ActivityFactory(school_year=year, year_level=1 + n % 4, competences=["qualities"])
            f.ActivityFactory(school_year=last_year, year_level=1 + n % 4)
            f.ConversationRoundFactory(school_year=year, year_level=1 + n % 4)
    client = login("counsellor")

    # session, user+roles, years, groups, activities, last year's activities, rounds, the derived checks
    # (assignments given, rounds soon after), "was it useful?"
    with django_assert_num_queries(10):
        client.get(reverse("programme:coverage"))
