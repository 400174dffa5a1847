"""The leader's quality page: aggregates only, a fixed number of queries whatever the school's size."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.conversations.models import ConversationStatus
from koers.quality.models import EvaluationResponse
from tests import factories as f
from tests.quality.factories import EvaluationRoundFactory, GoalFactory, ScanRoundFactory


def test_leader_sees_rounds_figures_goals_and_no_names(world, login):
    with scopes_disabled():
        conversation_round = f.ConversationRoundFactory(
            school=world.school,
            school_year=world.group.school_year,
            year_level=world.group.year_level,
            name="Herfstronde",
        )
        f.ConversationFactory(
            school=world.school,
            student=world.student,
            group=world.group,
            round=conversation_round,
            status=ConversationStatus.CLOSED,
            scheduled_at=timezone.now() - dt.timedelta(days=1),
        )
        ScanRoundFactory(school_year=world.group.school_year, name="Zelfscan 2026")
        GoalFactory(school=world.school, title="LOB is van iedereen")
    page = login("leader").get(reverse("quality:leader")).content.decode()
    assert "Herfstronde" in page and "1 van 2" in page
    assert "Zelfscan 2026" in page and "LOB is van iedereen" in page
    assert world.student.user.first_name not in page


@pytest.mark.parametrize("size", [2, 15])
def test_leader_page_queries_do_not_grow(world, login, size, django_assert_num_queries):
    with scopes_disabled():
        conversation_round = f.ConversationRoundFactory(
            school=world.school, school_year=world.group.school_year, year_level=world.group.year_level
        )
        for n in range(size):
            student = f.StudentFactory(school=world.school, user__username=f"s{n}")
            f.MembershipFactory(student=student, group=world.group)
            f.ConversationFactory(
                school=world.school,
                student=student,
                group=world.group,
                round=conversation_round,
                status=ConversationStatus.CLOSED,
                scheduled_at=timezone.now() - dt.timedelta(days=1),
                mirror={"from_experience": True},
            )
            GoalFactory(school=world.school)
        ScanRoundFactory(school_year=world.group.school_year)
        evaluation = EvaluationRoundFactory(school_year=world.group.school_year, closed_at=timezone.now())
        for n in range(size + 5):
            EvaluationResponse.objects.create(
                school=world.school,
                round=evaluation,
                group="leerjaar 3",
                answers={"help": 3, "best": f"x{n}"},
            )
    client = login("leader")
    client.get(reverse("quality:leader"))
    with django_assert_num_queries(LEADER_QUERIES):
        client.get(reverse("quality:leader"))


LEADER_QUERIES = 27  # session, user+roles; nine measures; mirror; latest scan + its five; goals; rounds (3);
# the latest evaluations (one) and the results of the one closed (three); the leavers' outcomes (two);
# the learning wishes (one)
