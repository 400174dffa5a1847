"""Closing a conversation: agreements for every party become dossier actions.

Without a dated agreement for the student, nothing is closed and nothing is written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.conversations.domain.closing import AgreementInput, close_conversation
from koers.conversations.models import Agreement, Conversation, ConversationStatus
from koers.dossier.models import Action
from tests import factories as f
from tests.conversations.closing_helpers import (
    close_data,
    closed_conversation_of,
    conversation_of,
    in_days,
    role_of,
    student_role,
)


def _close_url(conversation: Conversation) -> str:
    return reverse("conversations:close", args=[conversation.pk])


def _rows() -> list[dict[str, object]]:
    return [
        {
            "party": "student",
            "what": "Twee open dagen bezoeken",
            "due_on": in_days(21).isoformat(),
            "done_when": "Ik heb van elke open dag drie dingen opgeschreven.",
        },
        {"party": "mentor", "what": "Adres van de garage opzoeken", "due_on": in_days(7).isoformat()},
        {
            "party": "supervisor",
            "what": "Stageplek bevestigen",
            "due_on": in_days(14).isoformat(),
            "supervisor_name": "Kees Bakker",
        },
        {"party": "student"},  # an untouched row is skipped
    ]


def test_close_turns_every_agreement_into_a_dossier_action(login, world):
    conversation = conversation_of(world)

    response = login("mentor").post(_close_url(conversation), close_data(_rows()))

    assert response.status_code == 302
    with scopes_disabled():
        agreements = list(Agreement.objects.filter(conversation=conversation).select_related("action"))
        by_party = {a.party: a.action for a in agreements}
        assert sorted(by_party) == ["mentor", "student", "supervisor"]
        student_action = by_party["student"]
        assert student_action.student == world.student
        assert student_action.what == "Twee open dagen bezoeken"
        assert student_action.due_on == in_days(21)
        assert student_action.done_when == "Ik heb van elke open dag drie dingen opgeschreven."
        assert (student_action.doer, student_action.who) == ("self", "")
        assert by_party["mentor"].who == str(world.users["mentor"])
        # The mentor is linked, so the agreement is on their list (issue 12, item 21).
        assert (by_party["mentor"].doer, by_party["mentor"].doer_user) == ("mentor", world.users["mentor"])
        assert (by_party["supervisor"].doer, by_party["supervisor"].who) == ("other", "Kees Bakker")
        assert all(a.student == world.student for a in by_party.values())


def test_close_marks_the_conversation_closed_with_summary(login, world):
    conversation = conversation_of(world)

    login("mentor").post(_close_url(conversation), close_data(_rows()))

    with scopes_disabled():
        conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.CLOSED
    assert conversation.closed_at is not None
    assert conversation.summary == "We spraken over de stage bij de garage."
    assert conversation.next_topics == "Open dagen mbo"


def test_close_refreshes_the_mirror(login, world):
    conversation = conversation_of(world)

    login("mentor").post(_close_url(conversation), close_data(_rows()))

    with scopes_disabled():
        conversation.refresh_from_db()
    assert conversation.mirror.get("smart_agreements") is True


def test_close_shares_agreements_with_guardians_when_chosen(login, world):
    conversation = conversation_of(world)

    login("mentor").post(_close_url(conversation), close_data(_rows(), shared_with_guardians="on"))

    with scopes_disabled():
        conversation.refresh_from_db()
        shared = set(
            Action.objects.filter(agreement__conversation=conversation).values_list(
                "shared_with_guardians", flat=True
            )
        )
    assert conversation.shared_with_guardians is True
    assert shared == {True}


def test_close_keeps_agreements_private_when_not_shared(login, world):
    conversation = conversation_of(world)

    login("mentor").post(_close_url(conversation), close_data(_rows()))

    with scopes_disabled():
        shared = set(
            Action.objects.filter(agreement__conversation=conversation).values_list(
                "shared_with_guardians", flat=True
            )
        )
    assert shared == {False}


def test_close_form_shares_by_default_when_the_school_does(login, world):
    with scopes_disabled():
        world.school.guardian_sharing_defaults = {"action": True}
        world.school.save()
    conversation = conversation_of(world)

    body = login("mentor").get(_close_url(conversation)).content.decode()

    assert 'name="shared_with_guardians" id="id_shared_with_guardians" checked' in body


def test_close_form_offers_four_empty_agreement_rows(login, world):
    conversation = conversation_of(world)

    body = login("mentor").get(_close_url(conversation)).content.decode()

    assert 'name="afspraken-TOTAL_FORMS" value="4"' in body
    assert "Afspraak 4" in body


def test_close_without_student_agreement_is_refused_and_keeps_the_rows(login, world):
    conversation = conversation_of(world)
    rows = [{"party": "mentor", "what": "Adres van de garage opzoeken", "due_on": in_days(7).isoformat()}]

    response = login("mentor").post(_close_url(conversation), close_data(rows))

    body = response.content.decode()
    assert response.status_code == 200
    assert "minstens één afspraak voor de leerling, met een datum" in body
    assert "Adres van de garage opzoeken" in body
    with scopes_disabled():
        conversation.refresh_from_db()
        assert not Action.objects.filter(student=world.student).exists()
        assert not Agreement.objects.exists()
    assert conversation.status == ConversationStatus.PLANNED


def test_close_with_undated_student_agreement_says_so_at_the_date(login, world):
    conversation = conversation_of(world)
    rows = [{"party": "student", "what": "Een stageplek zoeken"}]

    response = login("mentor").post(_close_url(conversation), close_data(rows))

    body = response.content.decode()
    assert "Vul in wanneer het klaar is." in body
    assert "Een stageplek zoeken" in body
    with scopes_disabled():
        assert not Agreement.objects.exists()


def test_close_with_a_past_date_is_refused(login, world):
    conversation = conversation_of(world)
    rows = [{"party": "student", "what": "Een stageplek zoeken", "due_on": in_days(-1).isoformat()}]

    body = login("mentor").post(_close_url(conversation), close_data(rows)).content.decode()

    assert "Deze datum is al voorbij" in body
    with scopes_disabled():
        assert not Agreement.objects.exists()


def test_close_supervisor_agreement_needs_a_name(login, world):
    conversation = conversation_of(world)
    rows = [
        {"party": "student", "what": "Cv sturen", "due_on": in_days(5).isoformat()},
        {"party": "supervisor", "what": "Stageplek bevestigen", "due_on": in_days(9).isoformat()},
    ]

    body = login("mentor").post(_close_url(conversation), close_data(rows)).content.decode()

    assert "Schrijf de naam van de stagebegeleider op." in body
    with scopes_disabled():
        assert not Agreement.objects.exists()


def test_close_add_row_shows_one_more_row_and_keeps_what_was_typed(login, world):
    conversation = conversation_of(world)
    rows = [{"party": "guardian", "what": "Meegaan naar de open dag"}, {}, {}, {}]

    response = login("mentor").post(_close_url(conversation), close_data(rows, add_row="1"))

    body = response.content.decode()
    assert 'name="afspraken-TOTAL_FORMS" value="5"' in body
    assert "Meegaan naar de open dag" in body
    assert '<option value="guardian" selected>' in body
    assert "Vul in wanneer het klaar is." not in body
    with scopes_disabled():
        conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.PLANNED


def test_close_guardian_agreement_is_carried_by_the_guardian(login, world):
    conversation = conversation_of(world)
    rows = [
        {"party": "student", "what": "Cv sturen", "due_on": in_days(5).isoformat()},
        {"party": "guardian", "what": "Meegaan naar de open dag", "due_on": in_days(9).isoformat()},
    ]

    login("mentor").post(_close_url(conversation), close_data(rows))

    with scopes_disabled():
        action = Agreement.objects.get(party="guardian").action
    assert action.who == str(world.users["guardian"])
    assert (action.doer, action.doer_user) == ("guardian", world.users["guardian"])


def test_close_of_a_closed_conversation_goes_to_its_result(login, world):
    conversation = closed_conversation_of(world)

    response = login("mentor").get(_close_url(conversation))

    assert response.status_code == 302
    assert response.headers["Location"] == reverse("conversations:reflect", args=[conversation.pk])


def test_close_group_conversation_needs_no_agreements(login, world):
    with scopes_disabled():
        conversation = f.ConversationFactory(
            student=None,
            group=world.group,
            school=world.school,
            mentor=world.users["mentor"],
            scheduled_at=timezone.now() - dt.timedelta(days=1),
        )

    response = login("mentor").post(_close_url(conversation), close_data([]))

    assert response.status_code == 302
    with scopes_disabled():
        conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.CLOSED


@pytest.mark.parametrize("persona", ["student", "classmate", "guardian", "teacher", "leader", "outsider"])
def test_close_is_hidden_from_everyone_but_mentor_and_counsellor(login, world, persona):
    conversation = conversation_of(world)

    response = login(persona).post(_close_url(conversation), close_data(_rows()))

    assert response.status_code == 404
    with scopes_disabled():
        assert not Agreement.objects.exists()


def test_close_conversation_verb_refuses_a_student(world):
    conversation = conversation_of(world)

    with scopes_disabled(), pytest.raises(PermissionDenied):
        close_conversation(
            by=student_role(world),
            conversation=conversation,
            agreements=[AgreementInput(party="student", what="Cv sturen", due_on=in_days(3))],
        )


def test_close_conversation_verb_writes_nothing_when_one_row_is_wrong(world):
    conversation = conversation_of(world)
    mentor = role_of(world, "mentor")

    with scopes_disabled():
        with pytest.raises(ValidationError) as refused:
            close_conversation(
                by=mentor,
                conversation=conversation,
                agreements=[
                    AgreementInput(party="student", what="Cv sturen", due_on=in_days(3)),
                    AgreementInput(party="mentor", what="", due_on=in_days(3)),
                ],
            )
        assert not Action.objects.exists()
    assert "agreements" in refused.value.message_dict
    assert conversation.status == ConversationStatus.PLANNED


@pytest.mark.parametrize("earlier", [1, 6])
def test_close_form_costs_a_fixed_number_of_queries(login, world, django_assert_num_queries, earlier):
    for _ in range(earlier):
        previous = closed_conversation_of(world)
        with scopes_disabled():
            f.AgreementFactory(conversation=previous)
            f.AgreementFactory(conversation=previous, party="mentor")
    conversation = conversation_of(world)
    client = login("mentor")
    client.get(_close_url(conversation))  # warm up session and role lookups

    with django_assert_num_queries(CLOSE_FORM_QUERIES):
        response = client.get(_close_url(conversation))

    assert response.status_code == 200


# Session, user+role, conversation, the audit row (the page shows the student's agreements), the agreements
# already made in this conversation (guide mode), earlier agreements with their actions, the previous
# conversation.
CLOSE_FORM_QUERIES = 7


def test_an_agreement_made_during_the_conversation_counts_at_closing_and_is_listed(login, world):
    conversation = conversation_of(world)
    with scopes_disabled():
        made = f.AgreementFactory(conversation=conversation, party="student")
    client = login("mentor")

    page = client.get(_close_url(conversation)).content.decode()

    assert "Al gemaakt tijdens het gesprek" in page
    assert made.action.what in page
