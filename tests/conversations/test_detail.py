"""The hub of one conversation: what every role sees, and a fixed number of queries for the mentor."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.conversations.models import ConversationStatus
from koers.schools.models import Guardianship
from tests import factories as f
from tests.conversations.holding_setup import a_conversation


def test_student_sees_when_and_their_preparation_link(login, world):
    conversation = a_conversation(world)

    page = login("student").get(reverse("conversations:detail", args=[conversation.pk])).content.decode()

    assert "Lokaal 12" in page
    assert reverse("conversations:prepare", args=[conversation.pk]) in page


def test_student_sees_phase_notes(login, world):
    conversation = a_conversation(world)
    with scopes_disabled():
        f.PhaseNoteFactory(conversation=conversation, text="Vertelde enthousiast over de garage.")

    page = login("student").get(reverse("conversations:detail", args=[conversation.pk])).content.decode()

    assert "Vertelde enthousiast over de garage." in page


def test_guardian_never_sees_notes(login, world):
    conversation = a_conversation(
        world, status=ConversationStatus.CLOSED, shared_with_guardians=True, summary="Goed gesprek gehad."
    )
    with scopes_disabled():
        f.PhaseNoteFactory(conversation=conversation, text="Vertelde enthousiast over de garage.")
        f.PrivateNoteFactory(conversation=conversation, text="Geheime gedachte.")

    page = login("guardian").get(reverse("conversations:detail", args=[conversation.pk])).content.decode()

    assert "Goed gesprek gehad." in page
    assert "Vertelde enthousiast" not in page
    assert "Geheime gedachte." not in page


def test_guardian_does_not_see_an_unshared_summary(login, world):
    conversation = a_conversation(world, status=ConversationStatus.CLOSED, summary="Niet voor ouders.")

    page = login("guardian").get(reverse("conversations:detail", args=[conversation.pk])).content.decode()

    assert "Niet voor ouders." not in page


def test_mentor_sees_last_agreements_with_status_and_notes(login, world):
    conversation = a_conversation(world)
    earlier = a_conversation(
        world,
        status=ConversationStatus.CLOSED,
        scheduled_at=timezone.now() - dt.timedelta(days=60),
        summary="Vorige keer ging het over stages.",
    )
    with scopes_disabled():
        f.AgreementFactory(conversation=earlier, action__what="Open dag ROC bezoeken", action__status="done")
        f.PhaseNoteFactory(conversation=earlier, phase="motives", text="Helpen geeft energie.")

    page = login("mentor").get(reverse("conversations:detail", args=[conversation.pk])).content.decode()

    assert "Open dag ROC bezoeken" in page
    assert "Gedaan" in page
    assert "Helpen geeft energie." in page
    assert "Vorige keer ging het over stages." in page


def _history(world, size: int) -> None:
    with scopes_disabled():
        for n in range(size):
            earlier = a_conversation(
                world,
                status=ConversationStatus.CLOSED,
                scheduled_at=timezone.now() - dt.timedelta(days=30 + n),
            )
            f.AgreementFactory(conversation=earlier)
            f.PhaseNoteFactory(conversation=earlier)
            experience = f.ExperienceFactory(student=world.student)
            f.ReflectionFactory(experience=experience)
            f.StudentTraitFactory(student=world.student, trait=f.TraitFactory(key=f"q{n}"), kind="quality")


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["mentor", "student"])
def test_hub_costs_the_same_queries_with_a_long_history(login, world, persona):
    conversation = a_conversation(world)
    client = login(persona)
    url = reverse("conversations:detail", args=[conversation.pk])
    _history(world, 1)
    client.get(url)
    small = _queries(client, url)

    _history_more(world)
    large = _queries(client, url)

    assert small == large > 0


def _history_more(world) -> None:
    with scopes_disabled():
        for n in range(8):
            earlier = a_conversation(
                world,
                status=ConversationStatus.CLOSED,
                scheduled_at=timezone.now() - dt.timedelta(days=5 + n),
            )
            f.AgreementFactory(conversation=earlier)
            f.PhaseNoteFactory(conversation=earlier, phase="qualities")
            f.ExperienceFactory(student=world.student)
            f.StudentTraitFactory(student=world.student, trait=f.TraitFactory(key=f"more{n}"), kind="motive")
        f.PreparationFactory(conversation=earlier)


def test_information_only_guardian_does_not_see_a_shared_summary(login, world):
    conversation = a_conversation(
        world, status=ConversationStatus.CLOSED, shared_with_guardians=True, summary="Goed gesprek gehad."
    )
    with scopes_disabled():
        Guardianship.objects.filter(guardian=world.users["guardian"]).update(has_authority=False)

    client = login("guardian")
    page = client.get(reverse("conversations:detail", args=[conversation.pk])).content.decode()

    assert "Goed gesprek gehad." not in page
    assert client.get(reverse("conversations:report_pdf", args=[conversation.pk])).status_code == 404
