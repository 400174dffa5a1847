"""Closing a conversation planned for a later day asks whether it was really held (issue 12 item 21)."""

from __future__ import annotations

from django.urls import reverse
from django_scopes import scopes_disabled

from koers.conversations.models import Conversation
from tests.conversations.closing_helpers import close_data, conversation_of, in_days


def _rows() -> list[dict[str, object]]:
    return [{"party": "student", "what": "Een open dag bezoeken", "due_on": in_days(21).isoformat()}]


def status(conversation: Conversation) -> str:
    with scopes_disabled():
        return Conversation.objects.get(pk=conversation.pk).status


def test_closing_a_conversation_planned_for_next_week_is_refused_without_confirmation(login, world):
    coming = conversation_of(world, days_ago=-7)

    response = login("mentor").post(
        reverse("conversations:close", args=[coming.pk]),
        {**close_data(_rows()), "summary": "We spraken over de open dagen."},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "staat op een latere dag gepland" in page
    assert "We spraken over de open dagen." in page
    assert status(coming) == "planned"


def test_closing_early_with_confirmation_closes(login, world):
    coming = conversation_of(world, days_ago=-7)

    response = login("mentor").post(
        reverse("conversations:close", args=[coming.pk]), {**close_data(_rows()), "held_already": "on"}
    )

    assert response.status_code == 302
    assert status(coming) == "closed"


def test_the_close_page_warns_before_typing(login, world):
    coming = conversation_of(world, days_ago=-7)

    page = login("mentor").get(reverse("conversations:close", args=[coming.pk])).content.decode()

    assert "Rond het pas af als het gehouden is." in page


def test_a_conversation_held_today_closes_without_the_question(login, world):
    today = conversation_of(world)

    page = login("mentor").get(reverse("conversations:close", args=[today.pk])).content.decode()

    assert "held_already" not in page
