"""Recording a group conversation (class dialogue): topic, what the class said, follow-up."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.conversations.domain.group import record_group_conversation
from koers.conversations.models import Conversation, ConversationStatus
from koers.schools.models import Role, RoleKind
from tests import factories as f
from tests.refusals import assert_not_found, nothing_written

VALID = {
    "topic": "Wat is een goed beroep?",
    "class_said": "Veel leerlingen noemden geld, een paar vooral plezier in het werk.",
    "follow_up": "Volgende week een gastles van een oud-leerling.",
}


@pytest.fixture
def group_talk(world) -> Conversation:
    with scopes_disabled():
        return f.ConversationFactory(
            student=None, group=world.group, school=world.school, mentor=world.users["mentor"]
        )


def url(conversation: Conversation) -> str:
    return reverse("conversations:group_record", args=[conversation.pk])


@pytest.mark.parametrize("persona", ["mentor", "counsellor"])
def test_group_record_saves_topic_said_and_follow_up(login, group_talk, persona):
    response = login(persona).post(url(group_talk), VALID)

    assert response.status_code == 302
    with scopes_disabled():
        group_talk.refresh_from_db()
    assert group_talk.goal == VALID["topic"]
    assert group_talk.summary == VALID["class_said"]
    assert group_talk.next_topics == VALID["follow_up"]
    assert group_talk.status == ConversationStatus.CLOSED
    assert group_talk.closed_at is not None


def test_group_record_without_what_the_class_said_keeps_input(login, group_talk):
    response = login("mentor").post(url(group_talk), {**VALID, "class_said": ""})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Schrijf kort op wat de klas inbracht." in page
    assert VALID["topic"] in page
    with scopes_disabled():
        group_talk.refresh_from_db()
    assert group_talk.goal == ""
    assert group_talk.status == ConversationStatus.PLANNED


def test_group_record_form_shows_what_was_recorded(login, group_talk):
    login("mentor").post(url(group_talk), VALID)

    response = login("mentor").get(url(group_talk))

    assert VALID["class_said"] in response.content.decode()


@pytest.mark.parametrize(
    "persona", ["student", "classmate", "teacher", "guardian", "leader", "admin", "outsider"]
)
def test_group_record_is_404_for_others(login, group_talk, persona):
    with nothing_written(Conversation):
        response = login(persona).post(url(group_talk), VALID)

    assert_not_found(response, VALID["topic"])


def test_group_record_is_404_for_a_mentor_of_another_group(world, client, group_talk):
    with scopes_disabled():
        other = f.RoleFactory(school=world.school, kind=RoleKind.MENTOR, user__username="othermentor").user
        other_group = f.GroupFactory(school=world.school, school_year=world.group.school_year, name="3K9")
        f.MentorshipFactory(group=other_group, mentor=other)
    client.force_login(other)

    with nothing_written():
        response = client.get(url(group_talk))

    assert_not_found(response, world.group.name)


def test_group_record_is_404_for_a_conversation_with_one_student(world, login):
    with scopes_disabled():
        single = f.ConversationFactory(student=world.student, mentor=world.users["mentor"])

    with nothing_written(Conversation):
        response = login("mentor").get(url(single))

    assert_not_found(response, world.student.user.get_full_name())


def test_record_group_conversation_refuses_a_teacher(world, group_talk):
    with scopes_disabled():
        teacher = Role.objects.get(user=world.users["teacher"])
        with pytest.raises(PermissionDenied):
            record_group_conversation(by=teacher, conversation=group_talk, **VALID)


def test_record_group_conversation_refuses_a_cancelled_one(world, group_talk):
    with scopes_disabled():
        group_talk.status = ConversationStatus.CANCELLED
        group_talk.save(update_fields=["status"])
        mentor = Role.objects.get(user=world.users["mentor"])
        with pytest.raises(ValidationError):
            record_group_conversation(by=mentor, conversation=group_talk, **VALID)


def test_group_record_costs_a_fixed_number_of_queries(login, group_talk, django_assert_num_queries):
    client = login("mentor")
    client.get(url(group_talk))

    with django_assert_num_queries(3):
        client.get(url(group_talk))
