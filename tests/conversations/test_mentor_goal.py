"""The mentor's own goal for a conversation (staff only) and the student's preparation inside guide mode."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.common.versions import version_of
from koers.conversations.models import Conversation
from tests import factories as f
from tests.conversations.holding_setup import a_conversation
from tests.transfer.test_access_requests import _age, _ask, _rows, _zip

GOAL = "Doorvragen op haar twijfel tussen zorg en techniek."


@pytest.fixture
def conversation(world):
    return a_conversation(world)


def save_goal(client, conversation, text=GOAL, version=""):
    return client.post(
        reverse("conversations:mentor_goal", args=[conversation.pk]),
        {"mentor_goal": text, "version": version or version_of({"mentor_goal": ""})},
    )


def _stored(conversation) -> str:
    with scopes_disabled():
        return Conversation.objects.get(pk=conversation.pk).mentor_goal


def test_mentor_goal_is_saved_from_the_preparation_view(login, conversation):
    client = login("mentor")
    form_page = client.get(reverse("conversations:detail", args=[conversation.pk])).content.decode()

    response = save_goal(client, conversation)

    assert 'name="mentor_goal"' in form_page
    assert response.status_code == 302
    assert _stored(conversation) == GOAL


def test_mentor_goal_is_shown_in_guide_mode(login, conversation):
    with scopes_disabled():
        Conversation.objects.filter(pk=conversation.pk).update(mentor_goal=GOAL)

    page = login("mentor").get(reverse("conversations:guide", args=[conversation.pk])).content.decode()

    assert GOAL in page


@pytest.mark.parametrize("persona", ["student", "guardian"])
def test_mentor_goal_is_not_shown_to_the_family(login, conversation, persona):
    with scopes_disabled():
        Conversation.objects.filter(pk=conversation.pk).update(mentor_goal=GOAL, shared_with_guardians=True)

    page = login(persona).get(reverse("conversations:detail", args=[conversation.pk])).content.decode()

    assert GOAL not in page
    assert 'name="mentor_goal"' not in page


@pytest.mark.parametrize("persona", ["student", "guardian", "classmate", "outsider"])
def test_mentor_goal_cannot_be_written_by_others(login, conversation, persona):
    response = save_goal(login(persona), conversation, text="Iets anders")

    assert response.status_code == 404
    assert _stored(conversation) == ""


def test_mentor_goal_too_long_is_refused_next_to_the_field_and_kept(login, conversation):
    text = "x" * 2001

    response = save_goal(login("mentor"), conversation, text=text)

    page = response.content.decode()
    assert response.status_code == 400
    assert "maximaal 2000 tekens" in page
    assert text in page
    assert _stored(conversation) == ""


def test_mentor_goal_changed_meanwhile_is_not_overwritten(login, conversation):
    save_goal(login("counsellor"), conversation, text="Het doel van de decaan.")

    response = save_goal(login("mentor"), conversation, text="Mijn eigen doel.")

    page = response.content.decode()
    assert response.status_code == 400
    assert "Wat nu bewaard is" in page
    assert "Het doel van de decaan." in page and "Mijn eigen doel." in page
    assert _stored(conversation) == "Het doel van de decaan."


def test_mentor_goal_saves_on_purpose_against_the_text_it_was_shown(login, conversation):
    save_goal(login("counsellor"), conversation, text="Het doel van de decaan.")
    client = login("mentor")
    page = save_goal(client, conversation, text="Mijn eigen doel.").content.decode()
    shown = re.search(r'name="version" value="([0-9a-f]+)"', page)

    response = save_goal(client, conversation, text="Mijn eigen doel.", version=shown and shown[1])

    assert shown is not None and shown[1] == version_of({"mentor_goal": "Het doel van de decaan."})
    assert response.status_code == 302
    assert _stored(conversation) == "Mijn eigen doel."


def test_mentor_goal_stays_out_of_the_guardians_data_copy(login, world, conversation):
    _age(world.student, 14)
    with scopes_disabled():
        Conversation.objects.filter(pk=conversation.pk).update(mentor_goal=GOAL, goal="Stage kiezen")
    client = login("guardian")

    _ask(client, world.student)
    _response, archive = _zip(client)

    raw = archive.read("data.json").decode()
    assert GOAL not in raw
    assert [row["goal"] for row in _rows(json.loads(raw), "conversations.Conversation")] == ["Stage kiezen"]


def test_guide_mode_shows_what_the_student_prepared(login, world, conversation):
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student, title="Dag in het verpleeghuis")
        f.PreparationFactory(
            conversation=conversation,
            talk_about="Of de zorg bij mij past",
            hope_to_get="Weten wat ik moet kiezen",
            experience=experience,
        )

    page = login("mentor").get(reverse("conversations:guide", args=[conversation.pk])).content.decode()

    assert "Of de zorg bij mij past" in page
    assert "Weten wat ik moet kiezen" in page
    assert "Dag in het verpleeghuis" in page
