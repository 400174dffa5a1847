"""Planning pages: plan/reschedule/cancel forms, .ics download, rounds and types, the mentor overview
(due/planned/done/overdue, fixed query count) and "Mijn gesprekken"."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.conversations.forms.planning import TypeForm
from koers.conversations.models import Conversation, ConversationRound, ConversationStatus, ConversationType
from koers.schools.models import RoleKind
from tests import factories as f
from tests.conversations.ics_parse import parse
from tests.conversations.planning_setup import in_days, types_of


@pytest.fixture
def types(world):
    return types_of(world)


def slot(days=3, **extra):
    moment = in_days(days)
    data = {
        "date": moment.date().isoformat(),
        "time": "10:30",
        "duration_minutes": "20",
        "place": "Lokaal 12",
        "video_url": "",
    }
    data.update(extra)
    return data


def conversations_of(world):
    with scopes_disabled():
        return list(Conversation.objects.filter(school=world.school))


# --- planning a slot ---


def test_plan_page_offers_only_the_guardians_linked_to_the_chosen_student(world, types, login):
    stranger = f.RoleFactory(school=world.school, kind=RoleKind.GUARDIAN, user__last_name="Onbekend").user
    f.GuardianshipFactory(student=world.classmate, guardian=stranger)

    page = login("mentor").get(reverse("conversations:plan") + f"?student={world.student.pk}")

    assert page.status_code == 200
    assert str(world.users["guardian"]) in page.content.decode()
    assert "Onbekend" not in page.content.decode()


def test_plan_page_fragment_for_htmx_holds_only_the_guardians(world, types, login):
    page = login("mentor").get(
        reverse("conversations:plan") + f"?student={world.student.pk}", headers={"HX-Request": "true"}
    )

    html = page.content.decode()
    assert 'id="guardians-field"' in html and "<form" not in html


def test_posting_a_plan_saves_it_and_sends_invitations(
    world, types, login, django_capture_on_commit_callbacks
):
    data = slot(
        type=types["driegesprek"].pk, student=world.student.pk, guardians=[world.users["guardian"].pk]
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = login("mentor").post(reverse("conversations:plan"), data)

    assert response.status_code == 302
    (conversation,) = conversations_of(world)
    assert timezone.localtime(conversation.scheduled_at).time() == dt.time(10, 30)
    assert len(mail.outbox) == 2


def test_a_slot_in_the_past_gets_a_message_next_to_the_date_and_keeps_the_input(world, types, login):
    data = slot(days=-2, type=types["stage"].pk, student=world.student.pk, place="Aula boven")

    page = login("mentor").post(reverse("conversations:plan"), data)

    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="id_date-error"' in html and "in het verleden" in html
    assert 'value="Aula boven"' in html
    assert conversations_of(world) == []


def test_an_unlinked_guardian_gets_a_clear_message_and_nothing_is_saved(world, types, login):
    stranger = f.RoleFactory(school=world.school, kind=RoleKind.GUARDIAN, user__first_name="Kees").user
    f.GuardianshipFactory(student=world.classmate, guardian=stranger)
    data = slot(type=types["driegesprek"].pk, student=world.student.pk, guardians=[stranger.pk])

    page = login("mentor").post(reverse("conversations:plan"), data)

    html = page.content.decode()
    assert 'id="id_guardians-error"' in html
    assert "niet als ouder of verzorger" in html
    assert conversations_of(world) == []


def test_a_student_of_another_school_cannot_be_chosen(world, types, login):
    data = slot(type=types["stage"].pk, student=world.other_student.pk)

    page = login("mentor").post(reverse("conversations:plan"), data)

    assert page.status_code == 200
    assert conversations_of(world) == []


# --- reschedule, cancel, download ---


def planned(world, types, **kwargs):
    with scopes_disabled():
        return f.ConversationFactory(
            student=world.student, type=types["kennismaking"], mentor=world.users["mentor"], **kwargs
        )


def test_reschedule_page_moves_the_conversation(world, types, login, django_capture_on_commit_callbacks):
    conversation = planned(world, types)

    with django_capture_on_commit_callbacks(execute=True):
        response = login("mentor").post(
            reverse("conversations:reschedule", args=[conversation.pk]), slot(days=6)
        )

    assert response.status_code == 302
    with scopes_disabled():
        conversation.refresh_from_db()
    assert timezone.localtime(conversation.scheduled_at).date() == in_days(6).date()
    assert len(mail.outbox) == 1


def test_reschedule_into_the_past_shows_the_message_and_keeps_the_old_moment(world, types, login):
    conversation = planned(world, types)
    before = conversation.scheduled_at

    page = login("mentor").post(reverse("conversations:reschedule", args=[conversation.pk]), slot(days=-3))

    assert "in het verleden" in page.content.decode()
    with scopes_disabled():
        conversation.refresh_from_db()
    assert conversation.scheduled_at == before


def test_cancel_page_cancels_after_confirmation(world, types, login, django_capture_on_commit_callbacks):
    conversation = planned(world, types)
    client = login("mentor")

    confirm = client.get(reverse("conversations:cancel", args=[conversation.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("conversations:cancel", args=[conversation.pk]))

    assert confirm.status_code == 200
    with scopes_disabled():
        conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.CANCELLED
    assert parse(mail.outbox[0].attachments[0][1])["METHOD"] == "CANCEL"


def test_student_downloads_the_ics_of_their_conversation(world, types, login):
    conversation = planned(world, types)

    response = login("student").get(reverse("conversations:ics", args=[conversation.pk]))

    assert response["Content-Type"].startswith("text/calendar")
    assert parse(response.content.decode())["UID"] == f"gesprek-{conversation.pk}@koers"


# --- rounds and types ---


def test_counsellor_creates_a_round(world, types, login):
    year = world.group.school_year
    data = {
        "name": "Ronde 1 (najaar)",
        "school_year": year.pk,
        "year_level": "3",
        "starts_on": year.starts_on.isoformat(),
        "ends_on": (year.starts_on + dt.timedelta(days=60)).isoformat(),
        "types": [types["kennismaking"].pk, types["driegesprek"].pk],
    }

    response = login("counsellor").post(reverse("conversations:round_new"), data)

    assert response.status_code == 302
    with scopes_disabled():
        created = ConversationRound.objects.get(school=world.school)
        assert {t.key for t in created.types.all()} == {"kennismaking", "driegesprek"}


def test_a_round_that_ends_before_it_starts_is_refused_next_to_the_end_date(world, types, login):
    year = world.group.school_year
    data = {
        "name": "Ronde 2",
        "school_year": year.pk,
        "year_level": "3",
        "starts_on": (year.starts_on + dt.timedelta(days=30)).isoformat(),
        "ends_on": year.starts_on.isoformat(),
    }

    page = login("counsellor").post(reverse("conversations:round_new"), data)

    assert 'id="id_ends_on-error"' in page.content.decode()
    with scopes_disabled():
        assert not ConversationRound.objects.filter(school=world.school).exists()


def test_counsellor_edits_a_round(world, types, login):
    with scopes_disabled():
        existing = f.ConversationRoundFactory(school_year=world.group.school_year, name="Oud")
    data = {
        "name": "Nieuw",
        "school_year": existing.school_year_id,
        "year_level": "4",
        "starts_on": existing.starts_on.isoformat(),
        "ends_on": existing.ends_on.isoformat(),
    }

    login("counsellor").post(reverse("conversations:round_edit", args=[existing.pk]), data)

    with scopes_disabled():
        existing.refresh_from_db()
    assert (existing.name, existing.year_level) == ("Nieuw", 4)


def test_types_page_lists_the_shipped_types(world, login):
    page = login("counsellor").get(reverse("conversations:types"))

    assert "Driegesprek met ouder(s)" in page.content.decode()


def type_data(conversation_type, **changes):

    data = {k: v for k, v in TypeForm.initial_for(conversation_type).items() if v not in (False, None)}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not False}


def test_counsellor_adapts_a_guide(world, types, login):
    stage = types["stage"]
    data = type_data(stage, goal_questions="Welke stage past bij jou?\nWaarom die?")

    login("counsellor").post(reverse("conversations:type_edit", args=[stage.pk]), data)

    with scopes_disabled():
        stage.refresh_from_db()
    assert stage.guide["phases"]["goal"]["questions"] == ["Welke stage past bij jou?", "Waarom die?"]


def test_counsellor_switches_a_type_off(world, types, login):
    stage = types["stage"]
    data = type_data(stage, active=False)

    login("counsellor").post(reverse("conversations:type_edit", args=[stage.pk]), data)

    with scopes_disabled():
        stage.refresh_from_db()
    assert stage.active is False


def test_counsellor_adds_an_own_type(world, types, login):
    data = {"name": "Terugblik op de snuffelstage", "active": "on", "goal_questions": "Hoe was het?"}

    response = login("counsellor").post(reverse("conversations:type_new"), data)

    assert response.status_code == 302
    with scopes_disabled():
        own = ConversationType.objects.get(school=world.school, name="Terugblik op de snuffelstage")
    assert own.key == "terugblik-op-de-snuffelstage" and not own.shipped


def test_a_switched_off_type_is_not_offered_when_planning(world, types, login):
    with scopes_disabled():
        ConversationType.objects.filter(pk=types["stage"].pk).update(active=False)

    page = login("mentor").get(reverse("conversations:plan"))

    assert types["stage"].name not in page.content.decode()


def test_planning_for_a_group_preselects_the_group_conversation_type(world, types, login):
    page = login("mentor").get(reverse("conversations:plan") + f"?group={world.group.pk}")

    html = page.content.decode()
    assert f'<option value="{types["groepsgesprek"].pk}" selected>' in html
