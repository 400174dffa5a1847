"""What staff want to learn: recorded next to their own mirror and the school's, seen only by themselves;
the leader sees the wishes counted per topic, without names or texts."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.conversations.models import ConversationStatus
from koers.quality.models import LearningWish
from tests import factories as f


def test_mentor_records_a_wish_next_to_their_mirror_and_the_leader_sees_only_counts(world, login):
    with scopes_disabled():
        f.ConversationFactory(
            school=world.school,
            student=world.student,
            group=world.group,
            mentor=world.users["mentor"],
            status=ConversationStatus.CLOSED,
            scheduled_at=timezone.now(),
            mirror={"student_spoke": True},
        )
    mentor = login("mentor")
    page = mentor.get(reverse("quality:learning")).content.decode()
    assert "Mijn spiegel naast die van de school" in page and "Je hebt nog geen afgeronde" not in page
    secret = "Gesprekstechniek doorvragen bij stille leerlingen"
    assert (
        mentor.post(reverse("quality:learning"), {"topic": "conversations", "text": secret}).status_code
        == 302
    )
    assert secret in mentor.get(reverse("quality:learning")).content.decode()
    login("teacher").post(reverse("quality:learning"), {"topic": "conversations", "text": ""})
    leader = login("leader").get(reverse("quality:leader")).content.decode()
    assert "Loopbaangesprekken voeren: <strong>2 collega" in leader
    assert secret not in leader and world.users["mentor"].last_name not in leader
    assert secret not in login("counsellor").get(reverse("quality:learning")).content.decode()


def test_bad_topic_or_empty_other_is_refused_and_saves_nothing(world, login):
    client = login("mentor")
    assert client.post(reverse("quality:learning"), {"topic": "juggling"}).status_code == 400
    other = client.post(reverse("quality:learning"), {"topic": "other", "text": " "})
    assert other.status_code == 400 and "Schrijf op wat je wilt leren" in other.content.decode()
    with scopes_disabled():
        assert not LearningWish.objects.exists()


def test_nobody_removes_someone_elses_wish(world, login):
    with scopes_disabled():
        wish = LearningWish.objects.create(
            school=world.school, user=world.users["teacher"], topic="guardians"
        )
    assert login("mentor").post(reverse("quality:learning_remove", args=[wish.pk])).status_code == 404
    assert login("teacher").post(reverse("quality:learning_remove", args=[wish.pk])).status_code == 302
    with scopes_disabled():
        assert not LearningWish.objects.exists()


@pytest.mark.parametrize("size", [2, 12])
def test_learning_page_queries_do_not_grow(world, login, size, django_assert_num_queries):
    with scopes_disabled():
        for n in range(size):
            LearningWish.objects.create(
                school=world.school, user=world.users["mentor"], topic="reflection", text=f"w{n}"
            )
            f.ConversationFactory(
                school=world.school,
                student=world.student,
                group=world.group,
                mentor=world.users["mentor"],
                status=ConversationStatus.CLOSED,
                scheduled_at=timezone.now(),
                mirror={"student_spoke": n % 2 == 0},
            )
    client = login("mentor")
    client.get(reverse("quality:learning"))
    # session, user+roles; the own wishes; the own mirror; the school's mirror
    with django_assert_num_queries(5):
        client.get(reverse("quality:learning"))
