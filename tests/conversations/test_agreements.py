"""Agreements after closing: looked back at in the next conversation, listed, and flagged when overdue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.conversations.domain.closing import revisit_agreement
from koers.conversations.models import Agreement, ConversationStatus
from koers.conversations.queries.closing import (
    agreements_of,
    open_agreements_before,
    overdue_agreements_for_mentor,
    overdue_agreements_of_student,
    previous_conversation,
)
from koers.dossier.models import ActionStatus
from tests import factories as f
from tests.conversations.closing_helpers import (
    close_data,
    closed_conversation_of,
    conversation_of,
    in_days,
    role_of,
)


def _agreement(conversation, *, due_in: int = 7, **kwargs):
    with scopes_disabled():
        return f.AgreementFactory(
            conversation=conversation,
            action__student=conversation.student,
            action__due_on=in_days(due_in),
            **kwargs,
        )


# --- looking back in the next conversation ---


def test_close_form_shows_the_previous_agreements(login, world):
    previous = closed_conversation_of(world)
    earlier = _agreement(previous, action__what="Drie beroepen opzoeken")
    conversation = conversation_of(world)

    body = login("mentor").get(reverse("conversations:close", args=[conversation.pk])).content.decode()

    assert "Terugblik op eerdere afspraken" in body
    assert "Drie beroepen opzoeken" in body
    assert f'name="terugblik-revisit_{earlier.pk}"' in body


def test_close_records_revisited_agreements_with_their_status(login, world):
    previous = closed_conversation_of(world)
    done = _agreement(previous)
    not_yet = _agreement(previous)
    skipped = _agreement(previous)
    conversation = conversation_of(world)
    rows = [{"party": "student", "what": "Cv sturen", "due_on": in_days(5).isoformat()}]
    data = close_data(
        rows,
        **{
            f"terugblik-revisit_{done.pk}": "on",
            f"terugblik-status_{done.pk}": "done",
            f"terugblik-revisit_{not_yet.pk}": "on",
            f"terugblik-status_{not_yet.pk}": "open",
            f"terugblik-status_{skipped.pk}": "dropped",
        },
    )

    login("mentor").post(reverse("conversations:close", args=[conversation.pk]), data)

    with scopes_disabled():
        for agreement in (done, not_yet, skipped):
            agreement.refresh_from_db()
            agreement.action.refresh_from_db()
        conversation.refresh_from_db()
    assert (done.revisited_in, done.action.status) == (conversation, ActionStatus.DONE)
    assert (not_yet.revisited_in, not_yet.action.status) == (conversation, ActionStatus.OPEN)
    assert (skipped.revisited_in, skipped.action.status) == (None, ActionStatus.OPEN)
    assert conversation.mirror.get("revisited") is True


def test_revisit_agreement_refuses_an_agreement_of_another_student(world):
    with scopes_disabled():
        other = f.ConversationFactory(
            student=world.classmate,
            mentor=world.users["mentor"],
            status=ConversationStatus.CLOSED,
            scheduled_at=timezone.now() - dt.timedelta(days=40),
        )
        foreign = f.AgreementFactory(conversation=other)
    conversation = conversation_of(world)

    with scopes_disabled(), pytest.raises(ValidationError):
        revisit_agreement(
            by=role_of(world, "mentor"), conversation=conversation, agreement=foreign, status="done"
        )


def test_revisit_agreement_sets_status_and_revisited_in(world):
    previous = closed_conversation_of(world)
    agreement = _agreement(previous)
    conversation = conversation_of(world)

    with scopes_disabled():
        revisit_agreement(
            by=role_of(world, "mentor"), conversation=conversation, agreement=agreement, status="dropped"
        )
        agreement.refresh_from_db()
        assert agreement.action.status == ActionStatus.DROPPED
    assert agreement.revisited_in_id == conversation.pk


def test_open_agreements_before_skips_finished_ones_already_looked_back_at(world):
    oldest = closed_conversation_of(world, days_ago=90)
    previous = closed_conversation_of(world, days_ago=30)
    finished = _agreement(oldest, action__status=ActionStatus.DONE, revisited_in=previous)
    still_open = _agreement(oldest, revisited_in=previous)
    fresh = _agreement(previous)
    conversation = conversation_of(world)

    with scopes_disabled():
        found = open_agreements_before(conversation)

    assert set(found) == {still_open, fresh}
    assert finished not in found


def test_open_agreements_before_ignores_later_conversations(world):
    conversation = conversation_of(world, days_ago=10)
    later = closed_conversation_of(world, days_ago=2)
    _agreement(later)

    with scopes_disabled():
        assert open_agreements_before(conversation) == []


def test_previous_conversation_is_the_last_closed_one_before(world):
    closed_conversation_of(world, days_ago=90)
    last = closed_conversation_of(world, days_ago=30)
    conversation_of(world, days_ago=20, status=ConversationStatus.CANCELLED)
    conversation = conversation_of(world)

    with scopes_disabled():
        assert previous_conversation(conversation) == last


@pytest.mark.parametrize("size", [1, 8])
def test_open_agreements_before_costs_one_query(world, django_assert_num_queries, size):
    for _ in range(size):
        _agreement(closed_conversation_of(world))
    conversation = conversation_of(world)

    with scopes_disabled(), django_assert_num_queries(1):
        found = open_agreements_before(conversation)
        _ = [(a.action.what, a.conversation.type.name) for a in found]

    assert len(found) == size


# --- listing ---


def test_agreements_of_shows_a_guardian_only_the_shared_ones(world):
    conversation = closed_conversation_of(world)
    shared = _agreement(conversation, action__shared_with_guardians=True)
    _agreement(conversation)

    with scopes_disabled():
        assert agreements_of(conversation, role_of(world, "guardian")) == [shared]
        assert len(agreements_of(conversation, role_of(world, "mentor"))) == 2


def test_agreements_partial_lists_party_what_when_and_status(world):
    conversation = closed_conversation_of(world)
    _agreement(conversation, party="mentor", action__what="Stageadres mailen", due_in=-3)

    with scopes_disabled():
        html = render_to_string("conversations/_agreements.html", {"agreements": agreements_of(conversation)})

    assert "Stageadres mailen" in html
    assert "Mentor" in html
    assert "over tijd" in html


def test_agreements_partial_names_a_linked_doer_with_who_they_are(world):
    conversation = closed_conversation_of(world)
    mentor = world.users["mentor"]
    _agreement(
        conversation,
        party="student",
        action__what="Stageadres mailen",
        action__doer="mentor",
        action__doer_user=mentor,
        action__who=str(mentor),
    )

    with scopes_disabled():
        html = render_to_string("conversations/_agreements.html", {"agreements": agreements_of(conversation)})

    assert f"{mentor} (mentor)" in html


def test_reflect_page_lists_the_agreements_of_the_conversation(login, world):
    conversation = closed_conversation_of(world)
    _agreement(conversation, action__what="Stageadres mailen")

    body = login("mentor").get(reverse("conversations:reflect", args=[conversation.pk])).content.decode()

    assert "Stageadres mailen" in body


# --- overdue ---


def test_overdue_agreements_for_mentor_lists_open_agreements_past_their_date(world):
    conversation = closed_conversation_of(world)
    late = _agreement(conversation, due_in=-2)
    _agreement(conversation, due_in=-2, action__status=ActionStatus.DONE)
    _agreement(conversation, due_in=3)

    with scopes_disabled():
        found = overdue_agreements_for_mentor(role_of(world, "mentor"))

    assert found == [late]


def test_overdue_agreements_for_mentor_leaves_out_students_the_mentor_does_not_follow(world):
    with scopes_disabled():
        stranger = f.StudentFactory(school=world.school)
    conversation = closed_conversation_of(world, student=stranger)
    _agreement(conversation, due_in=-2)

    with scopes_disabled():
        assert overdue_agreements_for_mentor(role_of(world, "mentor")) == []


def test_overdue_agreements_for_a_student_role_is_empty(world):
    _agreement(closed_conversation_of(world), due_in=-2)

    with scopes_disabled():
        assert overdue_agreements_for_mentor(role_of(world, "student")) == []


def test_overdue_agreements_of_student_are_the_students_own(world):
    mine = _agreement(closed_conversation_of(world), due_in=-2)
    with scopes_disabled():
        classmates = f.ConversationFactory(
            student=world.classmate, mentor=world.users["mentor"], status=ConversationStatus.CLOSED
        )
    _agreement(classmates, due_in=-2)

    with scopes_disabled():
        assert overdue_agreements_of_student(world.student) == [mine]


@pytest.mark.parametrize("size", [1, 8])
def test_overdue_agreements_for_mentor_cost_one_query(world, django_assert_num_queries, size):
    for _ in range(size):
        _agreement(closed_conversation_of(world), due_in=-2)
    mentor = role_of(world, "mentor")

    with scopes_disabled(), django_assert_num_queries(1):
        found = overdue_agreements_for_mentor(mentor)
        html = render_to_string("conversations/_overdue_agreements.html", {"overdue_agreements": found})

    assert len(found) == size
    assert html.count("<tr>") == size + 1


def test_overdue_partial_names_student_party_and_date(world):
    agreement = _agreement(closed_conversation_of(world), due_in=-2, action__what="Cv sturen")

    with scopes_disabled():
        found = overdue_agreements_for_mentor(role_of(world, "mentor"))
        html = render_to_string("conversations/_overdue_agreements.html", {"overdue_agreements": found})

    assert str(world.student) in html
    assert "Cv sturen" in html
    assert "Leerling" in html
    assert agreement.action.due_on.strftime("%Y") in html


def test_overdue_partial_says_when_nothing_is_late(world):
    html = render_to_string("conversations/_overdue_agreements.html", {"overdue_agreements": []})

    assert "Geen afspraken over tijd." in html


def test_agreement_rows_are_counted_per_conversation(world):
    conversation = closed_conversation_of(world)
    _agreement(conversation)

    with scopes_disabled():
        assert Agreement.objects.filter(conversation=conversation).count() == 1


def test_student_sees_their_overdue_agreements_on_their_conversations_page(login, world):
    with scopes_disabled():
        f.AgreementFactory(
            conversation=f.ConversationFactory(student=world.student, mentor=world.users["mentor"]),
            action__what="Drie opleidingen opzoeken",
            action__due_on=timezone.localdate() - dt.timedelta(days=2),
        )

    page = login("student").get(reverse("conversations:mine")).content.decode()

    assert "Drie opleidingen opzoeken" in page
