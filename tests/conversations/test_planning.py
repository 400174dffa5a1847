"""Planning a conversation: the rules of ``plan_conversation``, rescheduling, cancelling and invitations."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.conversations.domain.planning import (
    cancel_conversation,
    plan_conversation,
    reschedule_conversation,
)
from koers.conversations.models import Conversation, ConversationStatus
from koers.schools.models import RoleKind
from tests import factories as f
from tests.conversations.ics_parse import parse
from tests.conversations.planning_setup import ics_of, in_days, role_of, types_of


@pytest.fixture
def types(world):
    return types_of(world)


def plan(world, types, *, persona="mentor", key="kennismaking", **kwargs):
    kwargs.setdefault("student", world.student)
    kwargs.setdefault("scheduled_at", in_days(3))
    kwargs.setdefault("place", "Lokaal 12")
    return plan_conversation(by=role_of(world, persona), type=types[key], **kwargs)


def count_conversations(world):
    with scopes_disabled():
        return Conversation.objects.filter(school=world.school).count()


# --- the rules of planning ---


def test_plan_creates_a_planned_conversation_held_by_the_planner(world, types, in_school):
    conversation = plan(world, types)

    assert conversation.status == ConversationStatus.PLANNED
    assert conversation.mentor == world.users["mentor"]
    assert conversation.student == world.student


def test_plan_defaults_the_round_to_the_one_covering_the_date_for_the_year_level(world, types, in_school):
    school_year = world.group.school_year
    f.ConversationRoundFactory(school_year=school_year, year_level=2, name="Leerjaar 2")
    covering = f.ConversationRoundFactory(school_year=school_year, year_level=3, name="Ronde herfst")

    conversation = plan(world, types)

    assert conversation.round == covering


def test_plan_keeps_no_round_when_none_covers_the_date(world, types, in_school):
    f.ConversationRoundFactory(
        school_year=world.group.school_year,
        year_level=3,
        starts_on=timezone.localdate() - dt.timedelta(days=60),
        ends_on=timezone.localdate() - dt.timedelta(days=30),
    )

    conversation = plan(world, types)

    assert conversation.round is None


def test_plan_refuses_a_round_of_another_year_level(world, types, in_school):
    other_level = f.ConversationRoundFactory(school_year=world.group.school_year, year_level=1)

    with pytest.raises(ValidationError) as refused:
        plan(world, types, round=other_level)

    assert "round" in refused.value.message_dict


def test_plan_refuses_a_slot_in_the_past_with_a_message_on_the_date(world, types, in_school):
    with pytest.raises(ValidationError) as refused:
        plan(world, types, scheduled_at=in_days(-1))

    assert "verleden" in refused.value.message_dict["scheduled_at"][0]
    assert count_conversations(world) == 0


def test_plan_needs_a_place_or_a_video_link(world, types, in_school):
    with pytest.raises(ValidationError) as refused:
        plan(world, types, place="", video_url="")

    assert "place" in refused.value.message_dict


def test_plan_accepts_a_video_link_instead_of_a_place(world, types, in_school):
    conversation = plan(world, types, place="", video_url="https://meet.example/abc")

    assert conversation.video_url == "https://meet.example/abc"


def test_plan_driegesprek_invites_a_linked_guardian(world, types, in_school):
    conversation = plan(world, types, key="driegesprek", guardians=[world.users["guardian"]])

    assert list(conversation.guardians.all()) == [world.users["guardian"]]


def test_plan_refuses_a_guardian_not_linked_to_the_student(world, types, in_school):
    stranger = f.RoleFactory(school=world.school, kind=RoleKind.GUARDIAN, user__first_name="Kees").user
    f.GuardianshipFactory(student=world.classmate, guardian=stranger)

    with pytest.raises(ValidationError) as refused:
        plan(world, types, key="driegesprek", guardians=[world.users["guardian"], stranger])

    message = refused.value.message_dict["guardians"][0]
    assert "niet als ouder of verzorger" in message and "Kees" in message
    assert count_conversations(world) == 0


def test_plan_driegesprek_needs_at_least_one_guardian(world, types, in_school):
    with pytest.raises(ValidationError) as refused:
        plan(world, types, key="driegesprek")

    assert "guardians" in refused.value.message_dict


def test_plan_refuses_a_switched_off_type(world, types, in_school):
    types["stage"].active = False
    types["stage"].save(update_fields=["active"])

    with pytest.raises(ValidationError) as refused:
        plan(world, types, key="stage")

    assert "type" in refused.value.message_dict


def test_plan_refuses_a_student_the_mentor_does_not_follow(world, types, in_school):
    elsewhere = f.StudentFactory(school=world.school)

    with pytest.raises(PermissionDenied):
        plan(world, types, student=elsewhere)


@pytest.mark.parametrize("persona", ["teacher", "student", "guardian", "leader"])
def test_plan_is_refused_for_roles_that_do_not_hold_conversations(world, types, in_school, persona):
    with pytest.raises(PermissionDenied):
        plan(world, types, persona=persona)


def test_counsellor_may_plan_too(world, types, in_school):
    conversation = plan(world, types, persona="counsellor")

    assert conversation.mentor == world.users["counsellor"]


def test_plan_group_conversation_for_the_whole_group(world, types, in_school):
    conversation = plan(world, types, key="groepsgesprek", student=None, group=world.group)

    assert conversation.group == world.group and conversation.student is None


def test_plan_refuses_a_one_to_one_type_for_a_group(world, types, in_school):
    with pytest.raises(ValidationError) as refused:
        plan(world, types, key="stage", student=None, group=world.group)

    assert "type" in refused.value.message_dict


def test_plan_refuses_a_group_the_mentor_does_not_mentor(world, types, in_school):
    other_group = f.GroupFactory(school=world.school, school_year=world.group.school_year)

    with pytest.raises(PermissionDenied):
        plan(world, types, key="groepsgesprek", student=None, group=other_group)


# --- invitations ---


def test_planning_emails_the_student_an_ics_invitation(
    world, types, in_school, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        conversation = plan(world, types)

    (message,) = mail.outbox
    assert message.to == [world.student.user.email]
    props = parse(ics_of(message))
    assert props["METHOD"] == "REQUEST"
    assert props["UID"] == f"gesprek-{conversation.pk}@koers"
    assert props["LOCATION"] == "Lokaal 12"
    assert props["DTSTART"] == conversation.scheduled_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def test_planning_a_driegesprek_emails_the_chosen_guardians_too(
    world, types, in_school, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan(world, types, key="driegesprek", guardians=[world.users["guardian"]])

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.student.user.email, world.users["guardian"].email]
    )


def test_invitation_is_written_in_the_receivers_language(
    world, types, in_school, django_capture_on_commit_callbacks
):
    guardian = world.users["guardian"]
    guardian.preferred_language = "en"
    guardian.save(update_fields=["preferred_language"])
    monday = in_days((7 - timezone.localdate().weekday()) % 7 or 7)

    with django_capture_on_commit_callbacks(execute=True):
        plan(world, types, key="driegesprek", guardians=[guardian], scheduled_at=monday)

    by_receiver = {m.to[0]: m for m in mail.outbox}
    english, dutch = by_receiver[guardian.email], by_receiver[world.student.user.email]
    assert english.extra_headers["Content-Language"] == "en"
    assert "Monday" in english.body
    assert dutch.extra_headers["Content-Language"] == "nl"
    assert "maandag" in dutch.body


def test_invitation_skips_people_without_an_email_address(
    world, types, in_school, django_capture_on_commit_callbacks
):
    world.student.user.email = ""
    world.student.user.save(update_fields=["email"])

    with django_capture_on_commit_callbacks(execute=True):
        plan(world, types, key="driegesprek", guardians=[world.users["guardian"]])

    assert [m.to for m in mail.outbox] == [[world.users["guardian"].email]]


def test_group_conversation_invites_every_current_student_of_the_group(
    world, types, in_school, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plan(world, types, key="groepsgesprek", student=None, group=world.group)

    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.student.user.email, world.classmate.user.email]
    )


def test_a_refused_plan_sends_no_mail(world, types, in_school, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        plan(world, types, scheduled_at=in_days(-2))

    assert mail.outbox == []


# --- reschedule and cancel ---


def test_reschedule_sends_an_update_with_the_same_uid_and_a_higher_sequence(
    world, types, in_school, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        conversation = plan(world, types)
    with django_capture_on_commit_callbacks(execute=True):
        reschedule_conversation(
            by=role_of(world, "mentor"),
            conversation=conversation,
            scheduled_at=in_days(5, 14),
            duration_minutes=30,
            place="Lokaal 3",
        )

    first, update = (parse(ics_of(m)) for m in mail.outbox)
    assert update["UID"] == first["UID"]
    assert int(update["SEQUENCE"]) > int(first["SEQUENCE"])
    assert update["LOCATION"] == "Lokaal 3"
    conversation.refresh_from_db()
    assert conversation.duration_minutes == 30


def test_reschedule_refuses_a_moment_in_the_past_and_keeps_the_old_one(world, types, in_school):
    conversation = plan(world, types)
    planned_at = conversation.scheduled_at

    with pytest.raises(ValidationError) as refused:
        reschedule_conversation(
            by=role_of(world, "mentor"),
            conversation=conversation,
            scheduled_at=in_days(-1),
            duration_minutes=20,
            place="Lokaal 3",
        )

    assert "scheduled_at" in refused.value.message_dict
    conversation.refresh_from_db()
    assert conversation.scheduled_at == planned_at


def test_cancel_sends_a_cancellation(world, types, in_school, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        conversation = plan(world, types)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_conversation(by=role_of(world, "mentor"), conversation=conversation)

    cancellation = parse(ics_of(mail.outbox[-1]))
    assert cancellation["METHOD"] == "CANCEL"
    assert cancellation["STATUS"] == "CANCELLED"
    assert int(cancellation["SEQUENCE"]) > 0
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.CANCELLED


def test_a_closed_conversation_cannot_be_moved(world, types, in_school):
    conversation = plan(world, types)
    Conversation.objects.filter(pk=conversation.pk).update(status=ConversationStatus.CLOSED)
    conversation.refresh_from_db()

    with pytest.raises(ValidationError):
        cancel_conversation(by=role_of(world, "mentor"), conversation=conversation)


def test_another_mentor_cannot_cancel(world, types, in_school):
    conversation = plan(world, types)
    other = f.RoleFactory(school=world.school, kind=RoleKind.MENTOR)

    with pytest.raises(PermissionDenied):
        cancel_conversation(by=other, conversation=conversation)
