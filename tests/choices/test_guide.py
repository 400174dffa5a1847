"""Guide mode: from the conversation the mentor opens the student's choice, revises it with the student,
confirms it and turns an open point into an agreement of the conversation (which then counts at closing)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.choices.models import Choice
from koers.conversations.domain.closing import close_conversation
from koers.conversations.models import Agreement, ConversationStatus
from koers.schools.models import Role
from tests import factories as f
from tests.choices.helpers import make_choice, make_moment


@pytest.fixture
def talk(world):
    with scopes_disabled():
        return f.ConversationFactory(student=world.student, mentor=world.users["mentor"])


def test_guide_mode_loads_the_choices_panel_by_url(world, login, talk):
    make_choice(make_moment(world.group), world.student, still_to_find_out="Open dag ROC bezoeken")
    client = login("mentor")

    guide = client.get(reverse("conversations:guide", args=[talk.pk])).content.decode()
    panel = client.get(reverse("choices:guide", args=[talk.pk]), headers={"HX-Request": "true"})

    assert reverse("choices:guide", args=[talk.pk]) in guide
    html = panel.content.decode()
    assert "<html" not in html  # the fragment only
    assert "Zorg en welzijn" in html
    assert f"?gesprek={talk.pk}" in html
    assert "Open dag ROC bezoeken" in html  # offered as an agreement


def test_mentor_revises_the_choice_in_the_conversation_and_returns_to_guide_mode(world, login, talk):
    moment = make_moment(world.group)
    make_choice(moment, world.student)
    url = reverse("choices:record", args=[world.student.pk, moment.pk]) + f"?gesprek={talk.pk}"

    response = login("mentor").post(
        url, {"conversation": talk.pk, "chosen": "Techniek", "why": "Ik bouw graag dingen."}
    )

    assert response.url == reverse("conversations:guide", args=[talk.pk]) + "#choices"
    with scopes_disabled():
        choice = Choice.objects.get()
    assert (choice.chosen, choice.conversation_id) == ("Techniek", talk.pk)


def test_mentor_confirms_from_guide_mode(world, login, talk):
    choice = make_choice(make_moment(world.group, guardian_confirms=False), world.student)

    response = login("mentor").post(reverse("choices:confirm", args=[choice.pk]), {"gesprek": talk.pk})

    assert response.url.startswith(reverse("conversations:guide", args=[talk.pk]))
    with scopes_disabled():
        assert choice.confirmations.get().confirmer == "mentor"


def test_an_open_point_becomes_an_agreement_that_counts_at_closing(world, login, talk):
    choice = make_choice(make_moment(world.group), world.student, still_to_find_out="Open dag ROC bezoeken")
    due = timezone.localdate() + dt.timedelta(days=14)

    login("mentor").post(
        reverse("choices:agree", args=[talk.pk, choice.pk]),
        {f"c{choice.pk}-what": "Open dag ROC bezoeken", f"c{choice.pk}-due_on": due.isoformat()},
    )

    with scopes_disabled():
        agreement = Agreement.objects.get()
        assert (agreement.conversation_id, agreement.party) == (talk.pk, "student")
        assert agreement.action.what == "Open dag ROC bezoeken"
        assert list(choice.agreed_actions.all()) == [agreement.action]
        mentor = Role.objects.get(user=world.users["mentor"], school=world.school)
        # closing needs no second agreement for the student
        close_conversation(by=mentor, conversation=talk, agreements=[])
        talk.refresh_from_db()
        assert talk.status == ConversationStatus.CLOSED
    page = login("student").get(reverse("choices:mine")).content.decode()
    assert "Open dag ROC bezoeken" in page


def test_an_agreement_without_a_date_gets_a_message_and_nothing_is_saved(world, login, talk):
    choice = make_choice(make_moment(world.group), world.student, still_to_find_out="Open dag")

    response = login("mentor").post(
        reverse("choices:agree", args=[talk.pk, choice.pk]), {f"c{choice.pk}-what": "Open dag"}, follow=True
    )

    assert "Vul in wanneer het klaar is." in response.content.decode()
    with scopes_disabled():
        assert not Agreement.objects.exists()


def test_another_students_choice_cannot_become_an_agreement_of_this_conversation(world, login, talk):
    others = make_choice(make_moment(world.group), world.classmate, still_to_find_out="Iets")
    due = timezone.localdate() + dt.timedelta(days=7)

    login("mentor").post(
        reverse("choices:agree", args=[talk.pk, others.pk]),
        {f"c{others.pk}-what": "Iets", f"c{others.pk}-due_on": due.isoformat()},
    )

    with scopes_disabled():
        assert not Agreement.objects.exists()


@pytest.mark.parametrize("size", [2, 10])
def test_the_guide_panel_costs_a_fixed_number_of_queries(world, login, talk, size, django_assert_num_queries):
    for n in range(size):
        make_choice(
            make_moment(world.group, title=f"Keuze {n}"), world.student, still_to_find_out="Uitzoeken"
        )
    client = login("mentor")

    # session, user+roles, the conversation, audit row, group, moments, choices, confirmations, agreements,
    # route steps, six kinds of links
    with django_assert_num_queries(16):
        client.get(reverse("choices:guide", args=[talk.pk]), headers={"HX-Request": "true"})


def test_after_the_mentor_confirmed_guide_mode_no_longer_offers_the_mentor_to_confirm(world, login, talk):
    # The guardian still has to confirm; that is not the mentor's to do, so the button goes.
    choice = make_choice(make_moment(world.group), world.student)
    client = login("mentor")
    panel = reverse("choices:guide", args=[talk.pk])
    confirm = reverse("choices:confirm", args=[choice.pk])
    assert confirm in client.get(panel, headers={"HX-Request": "true"}).content.decode()

    client.post(confirm, {"gesprek": talk.pk})

    html = client.get(panel, headers={"HX-Request": "true"}).content.decode()
    assert "Nog te bevestigen door: ouder." in html
    assert confirm not in html


def test_a_counsellor_in_guide_mode_may_confirm_once(world, login):
    with scopes_disabled():
        talk = f.ConversationFactory(student=world.student, mentor=world.users["counsellor"])
    choice = make_choice(make_moment(world.group), world.student)
    client = login("counsellor")
    panel = reverse("choices:guide", args=[talk.pk])
    confirm = reverse("choices:confirm", args=[choice.pk])
    assert confirm in client.get(panel, headers={"HX-Request": "true"}).content.decode()

    client.post(confirm, {"gesprek": talk.pk})

    assert confirm not in client.get(panel, headers={"HX-Request": "true"}).content.decode()


def test_the_agreement_from_an_open_point_is_the_students_own_like_one_made_at_closing(world, login, talk):
    choice = make_choice(make_moment(world.group), world.student, still_to_find_out="Open dag ROC bezoeken")
    due = timezone.localdate() + dt.timedelta(days=14)

    login("mentor").post(
        reverse("choices:agree", args=[talk.pk, choice.pk]),
        {f"c{choice.pk}-what": "Open dag ROC bezoeken", f"c{choice.pk}-due_on": due.isoformat()},
    )

    with scopes_disabled():
        action = Agreement.objects.get().action
    assert (action.doer, action.who, action.who_label) == ("self", "", "ikzelf")


def test_the_guardian_does_not_read_an_agreement_the_student_did_not_share(world, login, talk):
    choice = make_choice(make_moment(world.group), world.student, still_to_find_out="Open dag ROC bezoeken")
    with scopes_disabled():
        kept = f.ActionFactory(student=world.student, what="Mijn eigen afspraak", shared_with_guardians=False)
        shared = f.ActionFactory(student=world.student, what="Samen kijken", shared_with_guardians=True)
        choice.agreed_actions.set([kept, shared])

    page = login("guardian").get(reverse("choices:child", args=[world.student.pk])).content.decode()

    assert "Samen kijken" in page
    assert "Mijn eigen afspraak" not in page
    assert "Mijn eigen afspraak" in login("student").get(reverse("choices:mine")).content.decode()
