"""Planning pages: the year planner, the activity form, copying forward and the activity types."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.programme.content import ensure_activity_types
from koers.programme.models import Activity, ActivityType
from koers.schools.models import Group
from tests import factories as f
from tests.pictogram_helpers import shows_pictogram
from tests.refusals import assert_not_found


@pytest.fixture
def year(world):
    return world.group.school_year


@pytest.fixture
def visit(world) -> ActivityType:
    ensure_activity_types(world.school)
    with scopes_disabled():
        return ActivityType.objects.get(school=world.school, key="company_visit")


def form_data(year: Any, visit: ActivityType, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": visit.pk,
        "title": "Bedrijfsbezoek garage",
        "track": "vmbo_k",
        "year_level": "3",
        "precision": "month",
        "month": year.starts_on.replace(month=11).strftime("%Y-%m"),
        "has_preparation": "on",
        "checks_note": "Voorbereiding in de mentorles.",
        "competences": ["work_exploration"],
        "elements": ["practice"],
    }
    data.update(changes)
    return data


def new_url(year: Any) -> str:
    return f"{reverse('programme:activity_new')}?jaar={year.pk}"


def activities() -> list[Activity]:
    with scopes_disabled():
        return list(Activity.objects.all())


def test_activity_new_plans_an_activity_for_the_chosen_group(login, world, year, visit):
    response = login("counsellor").post(new_url(year), form_data(year, visit, groups=[world.group.pk]))

    assert response.status_code == 302
    (activity,) = activities()
    with scopes_disabled():
        assert list(activity.groups.all()) == [world.group]
    assert activity.starts_on == year.starts_on.replace(month=11, day=1)


def test_activity_new_with_a_date_outside_the_year_shows_why_and_keeps_the_input(login, year, visit):
    outside = (year.ends_on + dt.timedelta(days=10)).isoformat()

    response = login("counsellor").post(
        new_url(year), form_data(year, visit, precision="day", day=outside, title="Open dag ROC")
    )

    assert response.status_code == 200
    assert "buiten schooljaar" in response.text
    assert 'value="Open dag ROC"' in response.text
    assert 'id="id_day-error"' in response.text
    assert not activities()


def test_activity_new_with_a_group_of_another_school_is_refused_and_saves_nothing(login, world, year, visit):
    with scopes_disabled():
        foreign = Group.objects.get(school=world.other_school)

    response = login("counsellor").post(new_url(year), form_data(year, visit, groups=[foreign.pk]))

    assert response.status_code == 200
    assert "Kies alleen groepen van je eigen school" in response.text
    assert not activities()


def test_activity_new_for_a_year_of_another_school_is_a_404(login, world, visit):
    with scopes_disabled():
        foreign_year = Group.objects.get(school=world.other_school).school_year

    response = login("counsellor").get(new_url(foreign_year))

    assert_not_found(response, "2H1")  # not even the other school's group to choose from


def test_activity_new_prefills_the_cell_it_came_from(login, year, visit):
    url = f"{new_url(year)}&leerweg=havo&leerjaar=4&maand={year.starts_on.year}-10"

    response = login("counsellor").get(url)

    assert '<option value="havo" selected>' in response.text
    assert f'<option value="{year.starts_on.year}-10" selected>' in response.text


def test_activity_edit_saves_the_changes(login, world, year, visit):
    with scopes_disabled():
        activity = f.ActivityFactory(school_year=year, type=visit, title="Oud")

    response = login("counsellor").post(
        reverse("programme:activity_edit", args=[activity.pk]), form_data(year, visit, title="Nieuw")
    )

    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Nieuw"


def test_planner_shows_the_activity_in_its_month_with_an_edit_link_for_the_counsellor(login, year, visit):
    with scopes_disabled():
        activity = f.ActivityFactory(school_year=year, type=visit, title="Beroepenmarkt Ahoy")

    response = login("counsellor").get(reverse("programme:planner"))

    assert "Beroepenmarkt Ahoy" in response.text
    assert reverse("programme:activity_edit", args=[activity.pk]) in response.text


def test_planner_is_read_only_for_a_mentor(login, year, visit):
    with scopes_disabled():
        activity = f.ActivityFactory(school_year=year, type=visit, title="Beroepenmarkt Ahoy")

    response = login("mentor").get(reverse("programme:planner"))

    assert "Beroepenmarkt Ahoy" in response.text
    assert reverse("programme:activity_edit", args=[activity.pk]) not in response.text
    assert reverse("programme:activity_new") not in response.text


def test_planner_answers_htmx_with_the_planner_fragment(login, year, visit):
    response = login("counsellor").get(reverse("programme:planner"), headers={"HX-Request": "true"})

    assert response.text.lstrip().startswith('<div id="planner">')


@pytest.mark.parametrize("size", [1, 12])
def test_planner_costs_a_fixed_number_of_queries(login, world, year, visit, size, django_assert_num_queries):
    with scopes_disabled():
        for n in range(size):
            group = f.GroupFactory(school=world.school, school_year=year, name=f"3KX{n}")
            activity = f.ActivityFactory(
                school_year=year, type=visit, starts_on=year.starts_on.replace(month=9 + n % 4)
            )
            activity.groups.add(group, world.group)
    client = login("counsellor")

    # session, user+roles, years, the tracks' levels (2), activities, their groups, the derived checks
    # (assignments given, rounds soon after), "was it useful?"
    with django_assert_num_queries(10):
        client.get(reverse("programme:planner"))


def test_activity_remove_removes_it(login, year, visit):
    with scopes_disabled():
        activity = f.ActivityFactory(school_year=year, type=visit)

    response = login("counsellor").post(reverse("programme:activity_remove", args=[activity.pk]))

    assert response.status_code == 302
    assert not activities()


# --- copying forward ---


@pytest.fixture
def next_year(world, year):
    with scopes_disabled():
        return f.SchoolYearFactory(
            school=world.school,
            starts_on=year.starts_on.replace(year=year.starts_on.year + 1),
            ends_on=year.ends_on.replace(year=year.ends_on.year + 1),
        )


def test_copy_forward_previews_how_many_activities_it_copies(login, year, next_year, visit):
    with scopes_disabled():
        f.ActivityFactory.create_batch(3, school_year=year, type=visit)

    response = login("counsellor").get(f"{reverse('programme:copy_forward')}?jaar={next_year.pk}")

    assert "3 activiteiten uit" in response.text
    assert len(activities()) == 3


def test_copy_forward_copies_when_confirmed(login, year, next_year, visit):
    with scopes_disabled():
        f.ActivityFactory.create_batch(3, school_year=year, type=visit)

    response = login("counsellor").post(
        f"{reverse('programme:copy_forward')}?jaar={next_year.pk}", {"from_year": year.pk}
    )

    assert response.status_code == 302
    assert sum(1 for a in activities() if a.school_year_id == next_year.pk) == 3


# --- activity types ---


def test_activity_types_lists_the_shipped_catalogue(login, world):
    response = login("counsellor").get(reverse("programme:activity_types"))

    assert "Bedrijfsbezoek of excursie" in response.text
    assert "Korte snuffelstage" in response.text


def test_activity_type_edit_renames_a_shipped_type(login, visit):
    response = login("counsellor").post(
        reverse("programme:activity_type_edit", args=[visit.pk]),
        {"name": "Werkbezoek", "icon": "activity.company_visit", "description": "", "active": "on"},
    )

    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.name == "Werkbezoek"


def test_activity_type_form_offers_pictograms_as_tiles_with_words(login, world):
    response = login("counsellor").get(reverse("programme:activity_type_new"))

    assert 'class="picto-choice"' in response.text
    assert "Bedrijfsbezoek of excursie</span>" in response.text
    assert shows_pictogram(response.text, "activity.company_visit")
    assert "Zorg en welzijn</span>" in response.text and shows_pictogram(response.text, "sector.care")


def test_activity_type_new_with_an_emoji_as_pictogram_shows_why_and_keeps_the_name(login, world):
    response = login("counsellor").post(
        reverse("programme:activity_type_new"), {"name": "Sollicitatietraining", "icon": "🏭"}
    )

    assert response.status_code == 200
    assert 'id="id_icon-error"' in response.text
    assert 'value="Sollicitatietraining"' in response.text
    with scopes_disabled():
        assert not ActivityType.objects.filter(name="Sollicitatietraining").exists()


def test_activity_type_new_without_a_name_shows_why(login, world):
    response = login("counsellor").post(reverse("programme:activity_type_new"), {"name": "", "icon": ""})

    assert response.status_code == 200
    assert 'id="id_name-error"' in response.text
