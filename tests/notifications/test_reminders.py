"""Reminders: who is reminded of what and when, once per thing and period, in the reader's language."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core import mail
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from koers.access.tenancy import school_scope
from koers.notifications.models import Notification
from koers.notifications.queries import notifications_of
from koers.notifications.tasks import remind
from koers.programme.domain.giving import give_assignment
from koers.schools.models import Role
from tests import factories as f
from tests.conversations.planning_setup import plan_as_mentor


def role(world, persona: str, kind: str | None = None) -> Role:
    with scopes_disabled():
        roles = Role.objects.filter(user=world.users[persona], school=world.school)
        return roles.get(kind=kind) if kind else roles.get()


def at(days: int, hour: int = 10) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def kinds_of(some_role: Role) -> list[str]:
    with scopes_disabled():
        return list(Notification.objects.filter(role=some_role).values_list("kind", flat=True))


def run_daily(world) -> int:
    with school_scope(world.school):
        return remind(world.school, "daily", timezone.now())


def test_student_is_reminded_to_prepare_two_days_before_the_conversation(world):
    with scopes_disabled():
        soon = f.ConversationFactory(student=world.student, scheduled_at=at(2))
        f.ConversationFactory(student=world.classmate, scheduled_at=at(5))  # not yet

    run_daily(world)

    student = role(world, "student")
    assert kinds_of(student) == ["conversation_prepare"]
    assert kinds_of(role(world, "classmate")) == []
    with school_scope(world.school):
        (shown,) = notifications_of(student)
    assert soon.type.name in shown.title


def test_running_the_reminders_twice_notifies_nobody_twice(world, django_capture_on_commit_callbacks):
    with scopes_disabled():
        f.ConversationFactory(student=world.student, scheduled_at=at(2))
        f.ActionFactory(student=world.student, due_on=timezone.localdate() - dt.timedelta(days=1))

    with django_capture_on_commit_callbacks(execute=True):
        first = run_daily(world)
        second = run_daily(world)

    assert (first, second) == (2, 0)
    assert len(mail.outbox) == 2  # the student chose e-mail at once (the default): one each, never again
    student = role(world, "student")
    student.refresh_from_db()
    assert student.unread_notifications == 2


def test_a_moved_conversation_reminds_again_for_its_new_day(world):
    with scopes_disabled():
        conversation = f.ConversationFactory(student=world.student, scheduled_at=at(2))
    run_daily(world)
    with scopes_disabled():
        conversation.scheduled_at = at(3)
        conversation.save()

    with time_travel(days=1):
        run_daily(world)

    assert kinds_of(role(world, "student")) == ["conversation_prepare", "conversation_prepare"]


def time_travel(days: int):

    return time_machine.travel(timezone.now() + dt.timedelta(days=days), tick=False)


def test_driegesprek_guardian_is_reminded_in_their_own_language(world):
    with scopes_disabled():
        guardian = world.users["guardian"]
        guardian.preferred_language = "tr"
        guardian.save()
        kind = f.ConversationTypeFactory(school=world.school, with_guardians=True, name="Driegesprek")
        conversation = f.ConversationFactory(student=world.student, type=kind, scheduled_at=at(2))
        conversation.guardians.set([guardian])

    run_daily(world)

    guardian_role = role(world, "guardian")
    assert kinds_of(guardian_role) == ["conversation_prepare"]
    with school_scope(world.school), translation.override("tr"):
        (shown,) = notifications_of(guardian_role)
    assert "Driegesprek" in shown.title
    assert shown.title.startswith("İki gün sonra")  # Turkish: "in two days"


def test_overdue_actions_are_reminded_once_and_only_recent_open_ones(world):
    with scopes_disabled():
        late = f.ActionFactory(student=world.student, due_on=timezone.localdate() - dt.timedelta(days=1))
        f.ActionFactory(student=world.student, due_on=timezone.localdate() - dt.timedelta(days=40))
        f.ActionFactory(
            student=world.student, due_on=timezone.localdate() - dt.timedelta(days=1), status="done"
        )
        f.ActionFactory(student=world.student, due_on=timezone.localdate() + dt.timedelta(days=1))

    run_daily(world)

    with scopes_disabled():
        (notification,) = Notification.objects.filter(role=role(world, "student"))
    assert notification.params["action"] == late.pk
    assert notification.params["what"] == late.what


def test_a_home_assignment_notifies_the_guardians_of_the_group(world, django_capture_on_commit_callbacks):

    with scopes_disabled():
        home = f.AssignmentFactory(school=world.school, audience="home", title="Vraag thuis naar werk")
        for_student = f.AssignmentFactory(school=world.school, audience="student")
        mentor = role(world, "mentor")

    with school_scope(world.school), django_capture_on_commit_callbacks(execute=True):
        for assignment in (home, for_student):
            give_assignment(
                by=mentor,
                assignment=assignment,
                groups=[world.group],
                given_on=timezone.localdate(),
                due_on=timezone.localdate() + dt.timedelta(days=7),
            )

    guardian = role(world, "guardian")
    assert kinds_of(guardian) == ["home_assignment"]
    with school_scope(world.school):
        (shown,) = notifications_of(guardian)
    assert "Vraag thuis naar werk" in shown.title
    assert kinds_of(role(world, "student")) == []


def test_a_driegesprek_invitation_shows_in_the_guardians_notifications_without_a_second_mail(
    world, django_capture_on_commit_callbacks
):

    with django_capture_on_commit_callbacks(execute=True):
        plan_as_mentor(world, key="driegesprek", days=5, guardians=[world.users["guardian"]])

    assert kinds_of(role(world, "guardian")) == ["conversation_invited"]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.users["guardian"].email, world.student.user.email]
    )  # the invitations themselves, nothing more


def test_mentor_gets_a_weekly_overview_of_their_groups(world):
    with scopes_disabled():
        f.ActionFactory(student=world.student, due_on=timezone.localdate() - dt.timedelta(days=3))
        f.ExperienceFactory(student=world.classmate)

    with school_scope(world.school):
        made = remind(world.school, "weekly", timezone.now())
        again = remind(world.school, "weekly", timezone.now())

    with scopes_disabled():
        overview = Notification.objects.get(role=role(world, "mentor"), kind="weekly_groups")
        school_overview = Notification.objects.get(role=role(world, "counsellor"), kind="weekly_school")
    assert again == 0 and made == 2
    assert overview.params["overdue"] == 1
    assert overview.params["quiet"] == 1  # Samira wrote nothing new; her classmate did
    assert school_overview.params["overdue"] == 1
