"""Career conversations in the demo school: rounds, held and planned conversations, agreements and mirrors."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.conversations.mirror import MARK_KEYS
from koers.conversations.models import Agreement, Conversation, ConversationRound, ConversationStatus
from koers.demo.builder import DemoReport
from koers.demo.conversations import in_christmas_holiday, school_day
from koers.schools.models import Group, Membership
from tests.once import demo_once

_demo = demo_once(students=30, seed=3)  # built once for the module, only read (tests/once.py)


@pytest.fixture
def demo(db, _demo) -> DemoReport:
    return _demo[1]


def test_demo_has_a_conversation_round_per_year_level(demo):
    with scopes_disabled():
        levels = set(Group.objects.filter(school=demo.school).values_list("year_level", flat=True))
        rounds = list(
            ConversationRound.objects.filter(school=demo.school).values_list("year_level", flat=True)
        )

    assert sorted(rounds) == sorted(levels)


def test_demo_gives_each_student_of_the_mentors_group_a_held_and_a_planned_conversation(demo):
    with scopes_disabled():
        group = Group.objects.get(school=demo.school, mentorships__mentor__username="mentor")
        students = set(Membership.objects.current().filter(group=group).values_list("student_id", flat=True))
        held = set(
            Conversation.objects.filter(student__in=students, status=ConversationStatus.CLOSED).values_list(
                "student_id", flat=True
            )
        )
        planned = set(
            Conversation.objects.filter(student__in=students, status=ConversationStatus.PLANNED).values_list(
                "student_id", flat=True
            )
        )

    assert students and held == students and planned == students


def test_demo_held_conversations_have_a_computed_mirror(demo):
    with scopes_disabled():
        mirrors = list(
            Conversation.objects.filter(school=demo.school, status=ConversationStatus.CLOSED).values_list(
                "mirror", flat=True
            )
        )

    assert mirrors
    assert all(set(mirror) == set(MARK_KEYS) for mirror in mirrors)
    # Not every demo conversation is a model one: the mirrors must give the mentor something to look at.
    assert len({tuple(sorted(m.items())) for m in mirrors}) > 1


def test_demo_agreements_are_actions_in_the_students_dossier(demo):
    with scopes_disabled():
        agreements = list(
            Agreement.objects.filter(school=demo.school).select_related("action", "conversation")
        )

    assert agreements
    assert all(a.action.student_id == a.conversation.student_id for a in agreements)
    assert {a.party for a in agreements} >= {"student", "mentor"}


def test_demo_student_has_a_shared_model_conversation_and_a_driegesprek_ahead(demo):
    with scopes_disabled():
        conversations = list(
            Conversation.objects.filter(student__user__username="leerling").select_related("type")
        )
        held = next(c for c in conversations if c.status == ConversationStatus.CLOSED)
        planned = next(c for c in conversations if c.status == ConversationStatus.PLANNED)
        invited = list(planned.guardians.values_list("username", flat=True))

    assert held.shared_with_guardians and held.summary
    # every mark that applies is present (a first conversation has nothing to revisit)
    assert all(value is not False for value in held.mirror.values())
    assert planned.type.with_guardians
    assert invited == ["ouder"]


def test_demo_conversations_stay_in_their_own_school(demo):
    with scopes_disabled():
        assert not Conversation.objects.filter(school=demo.other_school).exists()
        assert (
            not Conversation.objects.filter(school=demo.school).exclude(student__school=demo.school).exists()
        )


@pytest.mark.parametrize(
    ("username", "url_names"),
    [
        ("leerling", ["dossier:home", "dossier:timeline", "conversations:mine"]),
        ("ouder", ["conversations:mine"]),
        ("mentor", ["conversations:mentor", "conversations:mirror"]),
        ("decaan", ["conversations:rounds", "conversations:mirror_school"]),
    ],
)
def test_demo_conversation_pages_open_for_the_fixed_logins(demo, client, username, url_names):
    client.force_login(get_user_model().objects.get(username=username))

    for name in url_names:
        response = client.get(reverse(name))
        assert response.status_code == 200, name


def test_demo_held_conversation_opens_for_the_student_and_the_mentor(demo, client):
    with scopes_disabled():
        held = Conversation.objects.get(student__user__username="leerling", status=ConversationStatus.CLOSED)
    users = get_user_model().objects

    client.force_login(users.get(username="leerling"))
    assert held.summary in client.get(reverse("conversations:detail", args=[held.pk])).content.decode()
    client.force_login(users.get(username="mentor"))
    assert client.get(reverse("conversations:detail", args=[held.pk])).status_code == 200


def test_demo_holds_no_conversation_in_a_weekend_or_the_christmas_holiday(demo):
    with scopes_disabled():
        days = [timezone.localdate(at) for at in Conversation.objects.values_list("scheduled_at", flat=True)]

    assert days
    assert not [day for day in days if day.weekday() >= 5 or in_christmas_holiday(day)]


def test_a_demo_conversation_day_in_the_holiday_moves_to_a_school_day():
    assert school_day(dt.date(2026, 12, 27), later=True) == dt.date(2027, 1, 5)
    assert school_day(dt.date(2026, 12, 27), later=False) == dt.date(2026, 12, 18)
    assert school_day(dt.date(2026, 12, 6), later=False) == dt.date(2026, 12, 4)  # a Sunday
