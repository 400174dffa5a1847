"""Students read the group conversations of the group they are in now; other groups' stay hidden."""

from django.urls import reverse
from django_scopes import scopes_disabled

from tests import factories as f
from tests.refusals import assert_not_found, nothing_written


def group_conversation(world, group):
    with scopes_disabled():
        return f.ConversationFactory(
            student=None,
            group=group,
            school=world.school,
            mentor=world.users["mentor"],
            type=f.ConversationTypeFactory(school=world.school, is_group=True),
        )


def test_student_reads_the_group_conversation_of_their_group(login, world):
    conversation = group_conversation(world, world.group)

    response = login("student").get(reverse("conversations:detail", args=[conversation.pk]))

    assert response.status_code == 200


def test_student_cannot_open_another_groups_conversation(login, world):
    with scopes_disabled():
        other_group = f.GroupFactory(school=world.school, school_year=world.group.school_year, name="2B9")
    conversation = group_conversation(world, other_group)

    with nothing_written():
        response = login("student").get(reverse("conversations:detail", args=[conversation.pk]))

    assert_not_found(response, "2B9", conversation.type.name)
