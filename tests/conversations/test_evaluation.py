"""The student's one-minute evaluation and the mentor's "what worked" note."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from tests import factories as f
from tests.conversations.closing_helpers import closed_conversation_of, conversation_of
from tests.pictogram_helpers import shows_pictogram


def _url(conversation) -> str:
    return reverse("conversations:evaluate", args=[conversation.pk])


def test_evaluation_is_stored_for_the_student(login, world):
    conversation = closed_conversation_of(world)

    response = login("student").post(_url(conversation), {"useful": "3", "room": "2", "comment": "Fijn"})

    assert response.status_code == 302
    with scopes_disabled():
        conversation.refresh_from_db()
    assert (conversation.evaluation_useful, conversation.evaluation_room) == (3, 2)
    assert conversation.evaluation_comment == "Fijn"


def test_evaluation_refreshes_the_mirror(login, world):
    conversation = closed_conversation_of(world)

    login("student").post(_url(conversation), {"useful": "3", "room": "3"})

    with scopes_disabled():
        conversation.refresh_from_db()
    assert conversation.mirror.get("positive_evaluation") is True


def test_evaluation_can_be_changed_later(login, world):
    conversation = closed_conversation_of(world)
    client = login("student")
    client.post(_url(conversation), {"useful": "3", "room": "3"})

    client.post(_url(conversation), {"useful": "1", "room": "2"})

    with scopes_disabled():
        conversation.refresh_from_db()
    assert (conversation.evaluation_useful, conversation.evaluation_room) == (1, 2)


def test_evaluation_form_shows_the_earlier_answer(login, world):
    conversation = closed_conversation_of(world, evaluation_useful=2, evaluation_room=3)

    body = login("student").get(_url(conversation)).content.decode()

    assert 'name="useful" value="2" required id="id_useful_1" checked' in body
    assert "al beoordeeld" in body


def test_evaluation_tiles_carry_words_as_well_as_pictograms(login, world):
    conversation = closed_conversation_of(world)

    body = login("student").get(_url(conversation)).content.decode()

    assert body.count("Een beetje") >= 2
    assert shows_pictogram(body, "rating.yes")
    assert 'class="picto-choice"' in body


@pytest.mark.parametrize("value", ["0", "4", "ja", ""])
def test_evaluation_refuses_answers_outside_the_scale(login, world, value):
    conversation = closed_conversation_of(world)

    response = login("student").post(_url(conversation), {"useful": value, "room": "3"})

    assert response.status_code == 200
    assert "Kies nee, een beetje of ja." in response.content.decode()
    with scopes_disabled():
        conversation.refresh_from_db()
    assert conversation.evaluation_useful is None


def test_evaluation_is_open_once_the_time_has_passed(login, world):
    conversation = conversation_of(world, days_ago=0)

    login("student").post(_url(conversation), {"useful": "2", "room": "2"})

    with scopes_disabled():
        conversation.refresh_from_db()
    assert conversation.evaluation_useful == 2


def test_evaluation_waits_until_the_conversation_took_place(login, world):
    with scopes_disabled():
        conversation = f.ConversationFactory(
            student=world.student,
            mentor=world.users["mentor"],
            scheduled_at=timezone.now() + dt.timedelta(days=2),
        )

    response = login("student").post(_url(conversation), {"useful": "3", "room": "3"})

    assert "zodra het geweest is" in response.content.decode()
    with scopes_disabled():
        conversation.refresh_from_db()
    assert conversation.evaluation_useful is None


@pytest.mark.parametrize("persona", ["mentor", "counsellor", "guardian", "classmate", "teacher", "outsider"])
def test_evaluation_is_only_for_the_student_of_the_conversation(login, world, persona):
    conversation = closed_conversation_of(world)

    response = login(persona).post(_url(conversation), {"useful": "1", "room": "1"})

    assert response.status_code == 404
    with scopes_disabled():
        conversation.refresh_from_db()
    assert conversation.evaluation_useful is None


# --- the mentor's note ---


def test_mentor_notes_what_worked(login, world):
    conversation = closed_conversation_of(world)
    url = reverse("conversations:reflect", args=[conversation.pk])

    response = login("mentor").post(url, {"mentor_reflection": "Stilte laten vallen hielp."})

    assert response.status_code == 302
    with scopes_disabled():
        conversation.refresh_from_db()
    assert conversation.mentor_reflection == "Stilte laten vallen hielp."


def test_mentor_sees_the_students_evaluation_in_words(login, world):
    conversation = closed_conversation_of(world, evaluation_useful=3, evaluation_room=1)

    body = login("mentor").get(reverse("conversations:reflect", args=[conversation.pk])).content.decode()

    assert "Ja" in body
    assert "Nee" in body
