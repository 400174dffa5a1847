"""The conversation's other edit forms from two tabs, devices or holders: the student's and the guardian's
preparation, the mentor's private note and the note on what worked after closing. The second save is
refused with both texts on the page, and the first save is what is stored (common/versions.py)."""

from __future__ import annotations

import html
import re

from django.urls import reverse
from django_scopes import scopes_disabled

from koers.conversations.models import Preparation, PrivateNote
from koers.conversations.queries.holding import note_version
from tests import factories as f
from tests.conversations.closing_helpers import closed_conversation_of
from tests.conversations.holding_setup import a_conversation
from tests.two_tabs import texts_beside, two_tabs


def _preparation_of(conversation, user) -> Preparation:
    with scopes_disabled():
        return Preparation.objects.get(conversation=conversation, author=user)


def test_student_preparation_from_two_tabs_keeps_the_first_and_shows_both(login, world):
    conversation = a_conversation(world)
    with scopes_disabled():
        f.PreparationFactory(conversation=conversation, author=world.student.user, talk_about="Mijn stage")
    url = reverse("conversations:prepare", args=[conversation.pk])

    page = two_tabs(
        login("student"),
        url,
        {"talk_about": "Mijn stage bij de garage", "hope_to_get": "Tab 1"},
        {"talk_about": "Welk profiel ik kies", "hope_to_get": "Tab 2"},
    )

    texts_beside(page, "Mijn stage bij de garage", "Welk profiel ik kies")
    assert _preparation_of(conversation, world.student.user).talk_about == "Mijn stage bij de garage"


def test_first_preparation_from_two_devices_is_not_overwritten(login, world):
    conversation = a_conversation(world)  # nothing prepared yet when both devices open the form
    url = reverse("conversations:prepare", args=[conversation.pk])

    page = two_tabs(
        login("student"),
        url,
        {"talk_about": "Op de telefoon geschreven", "hope_to_get": ""},
        {"talk_about": "Op de laptop geschreven", "hope_to_get": ""},
    )

    texts_beside(page, "Op de telefoon geschreven", "Op de laptop geschreven")
    assert _preparation_of(conversation, world.student.user).talk_about == "Op de telefoon geschreven"


def test_guardian_preparation_from_two_tabs_keeps_the_first_and_shows_both_saying_u(login, world):
    conversation = a_conversation(world)
    url = reverse("conversations:prepare", args=[conversation.pk])

    page = two_tabs(
        login("guardian"),
        url,
        {"talk_about": "Zijn motivatie", "hope_to_get": ""},
        {"talk_about": "Zijn cijfers", "hope_to_get": ""},
    )

    texts_beside(page, "Zijn motivatie", "Zijn cijfers", "uw tekst staat nog in de velden")
    assert _preparation_of(conversation, world.users["guardian"]).talk_about == "Zijn motivatie"


# --- the mentor's private note: autosaved, so the refusal is the save status (htmx) or the page again ---

PRIVATE_VERSION = re.compile(r'id="private-version" name="version" value="([0-9a-f]+)"')


def _private_text(conversation, world) -> str:
    with scopes_disabled():
        return PrivateNote.objects.get(conversation=conversation, author=world.users["mentor"]).text


def test_private_note_from_two_tabs_keeps_the_first_and_answers_with_it(login, world):
    conversation = a_conversation(world)
    client = login("mentor")
    guide = reverse("conversations:guide", args=[conversation.pk])
    url = reverse("conversations:private_note", args=[conversation.pk])
    tab_1 = PRIVATE_VERSION.findall(client.get(guide).content.decode())[0]
    tab_2 = PRIVATE_VERSION.findall(client.get(guide).content.decode())[0]

    first = client.post(
        url, {"text": "Tab 1: let op thuissituatie", "version": tab_1}, HTTP_HX_REQUEST="true"
    )
    second = client.post(
        url, {"text": "Tab 2: vraagt naar de zorg", "version": tab_2}, HTTP_HX_REQUEST="true"
    )

    assert first.status_code == 200
    assert second.status_code == 409
    answer = html.unescape(second.content.decode())
    assert "Tab 1: let op thuissituatie" in answer
    assert f'value="{note_version("Tab 1: let op thuissituatie")}"' in answer
    assert _private_text(conversation, world) == "Tab 1: let op thuissituatie"


def test_private_note_without_javascript_shows_both_texts(login, world):
    conversation = a_conversation(world)
    client = login("mentor")
    url = reverse("conversations:private_note", args=[conversation.pk])
    client.post(url, {"text": "Eerst", "version": note_version("")})
    client.post(url, {"text": "Eerst, aangevuld", "version": note_version("Eerst")})

    response = client.post(url, {"text": "Andere tab", "version": note_version("Eerst")})

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Wat nu bewaard is" in page
    assert "Eerst, aangevuld" in page and "Andere tab" in page
    assert _private_text(conversation, world) == "Eerst, aangevuld"


def test_mentor_reflection_from_mentor_and_counsellor_keeps_the_first_and_shows_both(login, world):
    conversation = closed_conversation_of(world)

    page = two_tabs(
        login("mentor"),
        reverse("conversations:reflect", args=[conversation.pk]),
        {"mentor_reflection": "Stilte laten vallen hielp."},
        {"mentor_reflection": "Samenvatten hielp het meest."},
        second_client=login("counsellor"),
    )

    texts_beside(page, "Stilte laten vallen hielp.", "Samenvatten hielp het meest.")
    with scopes_disabled():
        conversation.refresh_from_db()
    assert conversation.mentor_reflection == "Stilte laten vallen hielp."
