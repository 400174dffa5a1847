"""What a guardian sees of a conversation follows one rule: the invitation gives time and place and the
right to prepare; the law (parental authority, a 16+ student who hid the dossier) decides whether they read
what it is about; an uninvited guardian reaches only a summary the mentor shared, and only with authority."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.conversations.models import Preparation
from koers.schools.models import Guardianship
from tests import factories as f
from tests.conversations.holding_setup import a_conversation

GOAL = "Praten over de keuze tussen zorg en techniek"


def _without_authority(world):
    with scopes_disabled():
        Guardianship.objects.filter(guardian=world.users["guardian"]).update(has_authority=False)


def _hidden_at_16(world):
    with scopes_disabled():
        student = world.student
        student.date_of_birth = timezone.localdate() - dt.timedelta(days=17 * 366)
        student.dossier_hidden_from_guardians = True
        student.save()


def _student_and_mentor_only(world):
    with scopes_disabled():
        conversation_type = f.ConversationTypeFactory(school=world.school, with_guardians=False)
        return f.ConversationFactory(
            student=world.student, type=conversation_type, mentor=world.users["mentor"], goal=GOAL
        )


def test_guardian_with_authority_who_was_invited_reads_the_goal(login, world):
    conversation = a_conversation(world, goal=GOAL)

    page = login("guardian").get(reverse("conversations:detail", args=[conversation.pk])).content.decode()

    assert GOAL in page


def test_invited_guardian_without_authority_sees_time_and_place_but_not_the_goal(login, world):
    conversation = a_conversation(world, goal=GOAL)
    _without_authority(world)

    page = login("guardian").get(reverse("conversations:detail", args=[conversation.pk])).content.decode()

    assert "Lokaal 12" in page
    assert GOAL not in page


def test_guardian_of_a_16_year_old_who_hid_the_dossier_does_not_read_the_goal(login, world):
    conversation = a_conversation(world, goal=GOAL)
    _hidden_at_16(world)

    page = login("guardian").get(reverse("conversations:detail", args=[conversation.pk])).content.decode()

    assert "Lokaal 12" in page
    assert GOAL not in page


def test_guardian_without_authority_cannot_open_a_conversation_they_were_not_invited_to(login, world):
    conversation = _student_and_mentor_only(world)
    _without_authority(world)
    client = login("guardian")

    for name in ("conversations:detail", "conversations:ics", "conversations:prepare"):
        assert client.get(reverse(name, args=[conversation.pk])).status_code == 404, name
    assert GOAL not in client.get(reverse("conversations:mine")).content.decode()


def test_guardian_cannot_prepare_a_conversation_they_were_not_invited_to(login, world):
    conversation = a_conversation(world, goal=GOAL)
    with scopes_disabled():
        conversation.guardians.clear()
    client = login("guardian")

    response = client.post(
        reverse("conversations:prepare", args=[conversation.pk]),
        {"talk_about": "Ik wil ook wat zeggen", "hope_to_get": "Duidelijkheid"},
    )

    assert response.status_code == 404
    with scopes_disabled():
        assert not Preparation.objects.filter(author=world.users["guardian"]).exists()


def test_uninvited_guardian_with_authority_sees_only_a_shared_summary(login, world):
    conversation = _student_and_mentor_only(world)
    client = login("guardian")

    assert client.get(reverse("conversations:detail", args=[conversation.pk])).status_code == 404
    with scopes_disabled():
        conversation.status = "closed"
        conversation.shared_with_guardians = True
        conversation.summary = "Samen besproken."
        conversation.save()

    page = client.get(reverse("conversations:detail", args=[conversation.pk])).content.decode()
    assert "Samen besproken." in page
