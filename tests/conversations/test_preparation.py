"""Preparing a conversation: the student by text or voice, a guardian in a driegesprek."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.conversations.models import ConversationStatus, Preparation
from tests import factories as f
from tests.conversations.holding_setup import a_conversation
from tests.refusals import assert_not_found, nothing_written


def test_student_prepares_by_text_with_an_own_experience(login, world):
    conversation = a_conversation(world)
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student, title="Snuffelstage garage")

    response = login("student").post(
        reverse("conversations:prepare", args=[conversation.pk]),
        {"talk_about": "Mijn stage", "hope_to_get": "Weten of techniek past", "experience": experience.pk},
    )

    assert response.status_code == 302
    with scopes_disabled():
        preparation = Preparation.objects.get(conversation=conversation)
    assert (preparation.talk_about, preparation.experience_id) == ("Mijn stage", experience.pk)


def test_student_prepares_by_voice_note(login, world):
    conversation = a_conversation(world)
    voice = f.sample_ogg(name="opname.ogg")

    login("student").post(reverse("conversations:prepare", args=[conversation.pk]), {"voice": voice})

    with scopes_disabled():
        preparation = Preparation.objects.get(conversation=conversation)
    assert preparation.voice and preparation.voice_content_type == "audio/ogg"


def test_voice_note_that_is_not_audio_is_refused_with_a_message(login, world):
    conversation = a_conversation(world)
    fake = SimpleUploadedFile("opname.ogg", b"gewoon tekst" * 20, content_type="audio/ogg")

    response = login("student").post(
        reverse("conversations:prepare", args=[conversation.pk]), {"talk_about": "Stage", "voice": fake}
    )

    assert response.status_code == 400
    assert "geen geluidsopname" in response.content.decode()
    with scopes_disabled():
        assert not Preparation.objects.filter(conversation=conversation).exists()


def test_empty_preparation_is_refused_next_to_the_first_field(login, world):
    conversation = a_conversation(world)

    response = login("student").post(reverse("conversations:prepare", args=[conversation.pk]), {})

    assert response.status_code == 400
    assert "spraakbericht" in response.content.decode()


def test_experience_of_another_student_cannot_be_chosen(login, world):
    conversation = a_conversation(world)
    with scopes_disabled():
        other = f.ExperienceFactory(student=world.classmate)

    response = login("student").post(
        reverse("conversations:prepare", args=[conversation.pk]), {"talk_about": "x", "experience": other.pk}
    )

    assert response.status_code == 400


def test_guardian_prepares_a_driegesprek(login, world):
    conversation = a_conversation(world)

    login("guardian").post(
        reverse("conversations:prepare", args=[conversation.pk]),
        {"talk_about": "Zijn motivatie", "hope_to_get": "Dat hij een richting vindt"},
    )

    with scopes_disabled():
        preparation = Preparation.objects.get(conversation=conversation, author=world.users["guardian"])
    assert preparation.author_role == "guardian"


def test_guardian_cannot_prepare_a_conversation_without_guardians(login, world):
    conversation = a_conversation(world)
    with scopes_disabled():
        conversation.type.with_guardians = False
        conversation.type.save()

    with nothing_written(Preparation):
        response = login("guardian").get(reverse("conversations:prepare", args=[conversation.pk]))

    assert_not_found(response)


def test_preparing_a_closed_conversation_is_not_possible(login, world):
    conversation = a_conversation(world, status=ConversationStatus.CLOSED)

    response = login("student").post(
        reverse("conversations:prepare", args=[conversation.pk]), {"talk_about": "Te laat"}
    )

    assert response.status_code == 302
    with scopes_disabled():
        assert not Preparation.objects.filter(conversation=conversation).exists()
