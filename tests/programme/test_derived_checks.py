"""The planner's three checks follow from what is planned around an activity; the counsellor ticks by hand
only with a note; an effective element nowhere in the programme is a warning (issue 12 item 19)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.programme.domain import activities as domain
from koers.programme.queries.coverage import coverage
from koers.schools.models import Role
from tests import factories as f


@pytest.fixture
def year(world):
    return world.group.school_year


@pytest.fixture
def counsellor(world, in_school):
    with scopes_disabled():
        return Role.objects.select_related("school").get(user=world.users["counsellor"], kind="counsellor")


def activity(year: Any, **fields: Any) -> Any:
    fields.setdefault("precision", "day")
    fields.setdefault("starts_on", year.starts_on + dt.timedelta(days=60))
    with scopes_disabled():
        return f.ActivityFactory(school_year=year, **fields)


def give(activity: Any, purpose: str, audience: str = "student") -> None:
    with scopes_disabled():
        f.GivenAssignmentFactory(
            assignment=f.AssignmentFactory(school=activity.school, audience=audience),
            activity=activity,
            purpose=purpose,
            given_on=activity.starts_on - dt.timedelta(days=7),
            due_on=activity.starts_on,
        )


def summary(year: Any) -> Any:
    with scopes_disabled():
        (level,) = coverage(year, None).summaries
    return level


def test_a_preparation_assignment_makes_the_activity_prepared(world, year):
    planned = activity(year)
    give(planned, "preparation")

    level = summary(year)

    assert (level.with_preparation, level.with_reflection, level.with_guardians) == (1, 0, 0)


def test_a_conversation_round_soon_after_counts_as_reflection(world, year):
    planned = activity(year)
    with scopes_disabled():
        f.ConversationRoundFactory(
            school_year=year,
            year_level=planned.year_level,
            starts_on=planned.starts_on + dt.timedelta(days=10),
            ends_on=planned.starts_on + dt.timedelta(days=30),
        )

    assert summary(year).with_reflection == 1


def test_a_round_half_a_year_later_is_no_reflection(world, year):
    planned = activity(year)
    with scopes_disabled():
        f.ConversationRoundFactory(
            school_year=year,
            year_level=planned.year_level,
            starts_on=planned.starts_on + dt.timedelta(days=150),
            ends_on=planned.starts_on + dt.timedelta(days=170),
        )

    assert summary(year).with_reflection == 0


def test_a_home_assignment_involves_guardians(world, year):
    planned = activity(year)
    give(planned, "reflection", audience="home")

    level = summary(year)

    assert (level.with_reflection, level.with_guardians) == (1, 1)


def test_a_round_with_driegesprekken_involves_guardians(world, year):
    planned = activity(year)
    with scopes_disabled():
        round_ = f.ConversationRoundFactory(
            school_year=year,
            year_level=planned.year_level,
            starts_on=planned.starts_on - dt.timedelta(days=5),
            ends_on=planned.starts_on + dt.timedelta(days=5),
        )
        round_.types.add(f.ConversationTypeFactory(school=world.school, with_guardians=True))

    assert summary(year).with_guardians == 1


def test_the_planner_marks_a_derived_preparation(login, world, year):
    planned = activity(year, title="Bezoek aan de garage")
    give(planned, "preparation")

    page = login("counsellor").get(reverse("programme:planner"), {"jaar": year.pk}).content.decode()

    marks = page.split("Bezoek aan de garage", 1)[1].split("</li>", 1)[0]
    assert ">V</abbr>" in marks


def test_ticking_by_hand_without_a_note_is_refused(counsellor, year):
    planned = activity(year)

    with pytest.raises(ValidationError) as refused:
        domain.update_activity(
            by=counsellor,
            activity=planned,
            type=planned.type,
            title=planned.title,
            track=planned.track,
            year_level=planned.year_level,
            starts_on=planned.starts_on,
            precision="day",
            has_preparation=True,
        )

    assert "checks_note" in refused.value.message_dict


def test_a_tick_the_planning_backs_needs_no_note(counsellor, year):
    planned = activity(year)
    give(planned, "preparation")

    domain.update_activity(
        by=counsellor,
        activity=planned,
        type=planned.type,
        title=planned.title,
        track=planned.track,
        year_level=planned.year_level,
        starts_on=planned.starts_on,
        precision="day",
        has_preparation=True,
    )

    planned.refresh_from_db()
    assert planned.has_preparation


def test_a_hand_tick_with_a_note_is_kept_and_counts(counsellor, year):
    planned = activity(year)

    domain.update_activity(
        by=counsellor,
        activity=planned,
        type=planned.type,
        title=planned.title,
        track=planned.track,
        year_level=planned.year_level,
        starts_on=planned.starts_on,
        precision="day",
        involves_guardians=True,
        checks_note="Ouders zijn uitgenodigd voor de presentatie.",
    )

    assert summary(year).with_guardians == 1


def test_the_form_explains_a_missing_note_next_to_the_field_and_keeps_the_input(login, world, year):
    planned = activity(year, title="Gastles kapper")
    data = {
        "type": planned.type_id,
        "title": "Gastles kapper en barbier",
        "track": planned.track,
        "year_level": str(planned.year_level),
        "precision": "day",
        "day": planned.starts_on.isoformat(),
        "has_reflection": "on",
        "competences": ["work_exploration"],
    }

    response = login("counsellor").post(reverse("programme:activity_edit", args=[planned.pk]), data)

    assert response.status_code == 200
    assert "Schrijf kort op hoe het gebeurt" in response.content.decode()
    assert "Gastles kapper en barbier" in response.content.decode()
    planned.refresh_from_db()
    assert planned.title == "Gastles kapper"


def test_an_element_nowhere_in_the_programme_is_a_warning(world, year):
    activity(year, elements=["practice"])

    with scopes_disabled():
        keys = {w.key for w in coverage(year, None).warnings}

    assert "no_element_practice" not in keys
    assert "no_element_parents" in keys
