"""Two counsellors (or two tabs) changing the same conversation round or type: the second save is refused
with both texts on the page, and the first save is what is stored (common/versions.py)."""

from __future__ import annotations

from django.urls import reverse
from django_scopes import scopes_disabled

from koers.conversations.models import ConversationRound, ConversationType
from tests import factories as f
from tests.conversations.planning_setup import types_of
from tests.conversations.test_planning_pages import type_data
from tests.two_tabs import texts_beside, two_tabs


def _round_data(existing: ConversationRound, name: str) -> dict[str, object]:
    return {
        "name": name,
        "school_year": existing.school_year_id,
        "year_level": str(existing.year_level),
        "starts_on": existing.starts_on.isoformat(),
        "ends_on": existing.ends_on.isoformat(),
    }


def test_round_from_two_tabs_keeps_the_first_and_shows_both(login, world):
    types_of(world)
    with scopes_disabled():
        existing = f.ConversationRoundFactory(school_year=world.group.school_year, name="Ronde 1")

    page = two_tabs(
        login("counsellor"),
        reverse("conversations:round_edit", args=[existing.pk]),
        _round_data(existing, "Ronde 1 (najaar)"),
        _round_data(existing, "Ronde 1 (herfst)"),
    )

    texts_beside(page, "Ronde 1 (najaar)", "Ronde 1 (herfst)")
    with scopes_disabled():
        assert ConversationRound.objects.get(pk=existing.pk).name == "Ronde 1 (najaar)"


def test_type_guide_from_two_tabs_keeps_the_first_and_shows_both(login, world):
    stage = types_of(world)["stage"]

    page = two_tabs(
        login("counsellor"),
        reverse("conversations:type_edit", args=[stage.pk]),
        type_data(stage, goal_questions="Welke stage past bij jou?"),
        type_data(stage, goal_questions="Waar wil je stage lopen?"),
    )

    texts_beside(page, "Welke stage past bij jou?", "Waar wil je stage lopen?")
    with scopes_disabled():
        stored = ConversationType.objects.get(pk=stage.pk).guide
    assert stored["phases"]["goal"]["questions"] == ["Welke stage past bij jou?"]
