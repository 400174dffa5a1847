"""Guide mode: autosaved phase notes, private notes, one-tap tags, and who may use them."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.conversations.models import ConversationTag, PhaseNote, PrivateNote
from koers.dossier.models import StudentTrait
from koers.lob.models import Trait
from tests import factories as f
from tests.conversations.holding_setup import a_conversation
from tests.refusals import assert_not_found, nothing_written

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def conversation(world):
    return a_conversation(world)


def autosave(client, conversation, phase="goal", text="Wil meer weten over de zorg."):
    return client.post(
        reverse("conversations:autosave", args=[conversation.pk]), {"phase": phase, "text": text}, **HTMX
    )


def test_autosave_stores_the_phase_note(login, conversation):
    response = autosave(login("mentor"), conversation)

    assert response.status_code == 200
    assert "Bewaard om" in response.content.decode()
    with scopes_disabled():
        assert (
            PhaseNote.objects.get(conversation=conversation, phase="goal").text
            == "Wil meer weten over de zorg."
        )


def test_autosave_twice_keeps_one_note_with_the_latest_text(login, conversation):
    client = login("mentor")

    autosave(client, conversation, text="eerste")
    autosave(client, conversation, text="tweede")
    autosave(client, conversation, text="tweede")

    with scopes_disabled():
        assert list(PhaseNote.objects.filter(conversation=conversation).values_list("text", flat=True)) == [
            "tweede"
        ]


def test_autosave_refuses_an_unknown_phase(login, conversation):
    response = autosave(login("mentor"), conversation, phase="gossip")

    assert response.status_code == 400
    with scopes_disabled():
        assert not PhaseNote.objects.filter(conversation=conversation).exists()


def test_autosave_by_the_student_is_not_found(login, conversation):
    with nothing_written(PhaseNote):
        response = autosave(login("student"), conversation)

    assert_not_found(response)


def test_autosave_by_an_outsider_is_not_found(login, conversation):
    with nothing_written(PhaseNote):
        response = autosave(login("outsider"), conversation)

    assert_not_found(response)


def test_guide_shows_the_questions_of_the_type_and_the_saved_note(login, conversation):
    with scopes_disabled():
        f.PhaseNoteFactory(conversation=conversation, phase="goal", text="Twijfelt tussen zorg en techniek.")

    page = login("mentor").get(reverse("conversations:guide", args=[conversation.pk])).content.decode()

    assert "Waar wil je het over hebben?" in page
    assert "Twijfelt tussen zorg en techniek." in page
    assert 'hx-trigger="input changed delay:800ms, blur, koers:resend"' in page


def test_tagging_a_quality_puts_it_in_the_students_dossier(login, world, conversation):
    with scopes_disabled():
        trait = Trait.objects.filter(kind="quality").first()

    login("mentor").post(
        reverse("conversations:tag", args=[conversation.pk]), {"kind": "quality", "trait": trait.pk}, **HTMX
    )

    with scopes_disabled():
        assert ConversationTag.objects.filter(conversation=conversation, trait=trait).exists()
        assert StudentTrait.objects.filter(student=world.student, trait=trait).exists()


def test_tagging_an_occupation_stays_with_the_conversation(login, world, conversation):
    response = login("mentor").post(
        reverse("conversations:tag", args=[conversation.pk]),
        {"kind": "occupation", "text": "verpleegkundige"},
        **HTMX,
    )

    assert "verpleegkundige" in response.content.decode()
    with scopes_disabled():
        assert not StudentTrait.objects.filter(student=world.student).exists()


def test_tagging_an_occupation_without_text_shows_a_message(login, conversation):
    response = login("mentor").post(
        reverse("conversations:tag", args=[conversation.pk]), {"kind": "occupation", "text": ""}, **HTMX
    )

    assert response.status_code == 400
    assert "beroep" in response.content.decode()


def test_removing_a_tag_takes_back_the_trait_it_added(login, world, conversation):
    client = login("mentor")
    with scopes_disabled():
        trait = Trait.objects.filter(kind="motive").first()
    client.post(
        reverse("conversations:tag", args=[conversation.pk]), {"kind": "motive", "trait": trait.pk}, **HTMX
    )
    with scopes_disabled():
        tag = ConversationTag.objects.get(conversation=conversation)

    client.post(reverse("conversations:tag_delete", args=[tag.pk]), **HTMX)

    with scopes_disabled():
        assert not ConversationTag.objects.filter(conversation=conversation).exists()
        assert not StudentTrait.objects.filter(student=world.student, trait=trait).exists()


def test_removing_a_tag_keeps_a_trait_the_student_had_already(login, world, conversation):
    with scopes_disabled():
        trait = Trait.objects.filter(kind="quality").first()
        f.StudentTraitFactory(student=world.student, trait=trait, kind="quality")
    client = login("mentor")
    client.post(
        reverse("conversations:tag", args=[conversation.pk]), {"kind": "quality", "trait": trait.pk}, **HTMX
    )
    with scopes_disabled():
        tag = ConversationTag.objects.get(conversation=conversation)

    client.post(reverse("conversations:tag_delete", args=[tag.pk]), **HTMX)

    with scopes_disabled():
        assert StudentTrait.objects.filter(student=world.student, trait=trait).exists()


def test_private_note_is_stored_for_its_author(login, world, conversation):
    login("mentor").post(
        reverse("conversations:private_note", args=[conversation.pk]), {"text": "Thuis speelt iets."}, **HTMX
    )

    with scopes_disabled():
        note = PrivateNote.objects.get(conversation=conversation)
    assert note.author == world.users["mentor"]


def test_private_note_is_hidden_from_another_holder(login, conversation):
    with scopes_disabled():
        f.PrivateNoteFactory(conversation=conversation, text="Alleen voor de mentor bedoeld.")

    page = login("counsellor").get(reverse("conversations:guide", args=[conversation.pk])).content.decode()

    assert "Alleen voor de mentor bedoeld." not in page


def test_private_note_is_shown_to_its_author(login, conversation):
    with scopes_disabled():
        f.PrivateNoteFactory(conversation=conversation, text="Alleen voor de mentor bedoeld.")

    page = login("mentor").get(reverse("conversations:detail", args=[conversation.pk])).content.decode()

    assert "Alleen voor de mentor bedoeld." in page


def test_chair_mode_shows_simple_prompts_to_the_student(login, conversation):
    page = login("student").get(reverse("conversations:chair", args=[conversation.pk])).content.decode()

    assert "Jij leidt het gesprek" in page
    assert "Wie kan je helpen?" in page


def test_autosave_needs_only_a_handful_of_queries(login, conversation, django_assert_max_num_queries):
    client = login("mentor")
    autosave(client, conversation, text="eerste")

    with django_assert_max_num_queries(8):
        autosave(client, conversation, text="tweede")
