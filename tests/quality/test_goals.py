"""Goals: a weak self-scan statement becomes a SMART goal in one click; progress comes from live data; a
goal without a measurable target is refused with a message and nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.conversations.models import ConversationStatus
from koers.quality.models import Goal, GoalLevel, GoalReview
from tests import factories as f
from tests.quality.factories import GoalFactory, ScanItemFactory


def _smart(world, **extra):
    data = {
        "level": GoalLevel.TACTICAL,
        "title": "Elke leerling van leerjaar 3 heeft voor de kerst een gesprek gehad",
        "owner": world.users["mentor"].pk,
        "due_on": (timezone.localdate() + dt.timedelta(days=60)).isoformat(),
        "measure": "conversations_held",
        "target": "90",
    }
    data.update(extra)
    return data


def test_weak_item_becomes_a_goal_with_live_progress(world, login):
    with scopes_disabled():
        item = ScanItemFactory(
            school=world.school, text="Elke leerling heeft een gesprek", measure="conversations_held"
        )
    client = login("counsellor")
    form = client.get(reverse("quality:goal_new") + f"?stelling={item.pk}").content.decode()
    assert "Elke leerling heeft een gesprek" in form
    response = client.post(reverse("quality:goal_new"), {**_smart(world), "stelling": item.pk})
    assert response.status_code == 302
    with scopes_disabled():
        goal = Goal.objects.get()
        assert goal.scan_item == item and goal.baseline == 0
        f.ConversationFactory(
            school=world.school,
            student=world.student,
            group=world.group,
            status=ConversationStatus.CLOSED,
            scheduled_at=timezone.now() - dt.timedelta(days=1),
        )
    page = login("leader").get(reverse("quality:goals")).content.decode()
    assert "50%" in page and "90%" in page


@pytest.mark.parametrize(
    ("change", "field_message"),
    [
        ({"measure": "", "measured_by": ""}, "Hoe meten jullie het?"),
        ({"target": ""}, "streefwaarde"),
        ({"owner": ""}, "eigenaar"),
        ({"due_on": ""}, "Wanneer"),
    ],
)
def test_a_goal_that_is_not_smart_is_refused_and_nothing_saved(world, login, change, field_message):
    response = login("leader").post(reverse("quality:goal_new"), _smart(world, **change))
    assert response.status_code == 400
    assert field_message.lower() in response.content.decode().lower()
    with scopes_disabled():
        assert not Goal.objects.exists()


def test_a_strategic_goal_needs_its_why(world, login):
    response = login("leader").post(
        reverse("quality:goal_new"), {"level": GoalLevel.STRATEGIC, "title": "LOB is van iedereen", "why": ""}
    )
    assert response.status_code == 400
    with scopes_disabled():
        assert not Goal.objects.exists()


def test_review_records_the_measured_value_and_note(world, login):
    with scopes_disabled():
        goal = GoalFactory(
            school=world.school, level=GoalLevel.TACTICAL, measure="guardians_linked", target=80
        )
    client = login("counsellor")
    assert (
        client.post(
            reverse("quality:goal", args=[goal.pk]), {"note": "Loopt goed", "status": "open"}
        ).status_code
        == 302
    )
    with scopes_disabled():
        review = GoalReview.objects.get()
    assert review.value == 50  # one of the two students has a guardian in Koers
    assert (
        login("mentor")
        .post(reverse("quality:goal", args=[goal.pk]), {"note": "x", "status": "open"})
        .status_code
        == 404
    )


@pytest.mark.parametrize("size", [2, 12])
def test_goals_page_queries_do_not_grow(world, login, size, django_assert_num_queries):
    with scopes_disabled():
        parent = GoalFactory(school=world.school)
        for n in range(size):
            GoalFactory(
                school=world.school,
                level=GoalLevel.TACTICAL,
                parent=parent if n % 2 else None,
                owner=world.users["mentor"],
                measure="reflected",
                target=50,
            )
    client = login("mentor")
    client.get(reverse("quality:goals"))
    with django_assert_num_queries(GOALS_QUERIES):
        client.get(reverse("quality:goals"))


GOALS_QUERIES = 11  # session, user+roles; the goals with owners; the nine measures
