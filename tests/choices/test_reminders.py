"""Reminders of choices: students who have not chosen hear it before the window closes (once); mentors and
counsellors hear in March who has not applied for follow-up education."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_scopes import scopes_disabled

from koers.access.tenancy import school_scope
from koers.choices.models import Application, MomentKind
from koers.notifications.models import Notification
from koers.notifications.queries import notifications_of
from koers.notifications.tasks import remind
from koers.schools.models import Role
from tests.choices.helpers import make_choice, make_moment


def kinds_of(world, persona: str) -> list[str]:
    with scopes_disabled():
        role = Role.objects.get(user=world.users[persona], school=world.school)
        return list(Notification.objects.filter(role=role).values_list("kind", flat=True))


def test_student_who_has_not_chosen_is_reminded_once_before_the_window_closes(world):
    today = timezone.localdate()
    moment = make_moment(world.group, closes_on=today + dt.timedelta(days=3), remind_days_before=5)
    make_choice(moment, world.classmate)

    with school_scope(world.school):
        remind(world.school, "daily", timezone.now())
        remind(world.school, "daily", timezone.now())

    assert kinds_of(world, "student") == ["choice_closing"]
    assert kinds_of(world, "classmate") == []
    with school_scope(world.school), scopes_disabled():
        role = Role.objects.get(user=world.users["student"], school=world.school)
        (shown,) = notifications_of(role)
    assert moment.title in shown.title


def test_no_reminder_while_the_window_is_far_from_closing(world):
    today = timezone.localdate()
    make_moment(world.group, closes_on=today + dt.timedelta(days=20), remind_days_before=5)

    with school_scope(world.school):
        remind(world.school, "daily", timezone.now())

    assert kinds_of(world, "student") == []


def test_mentor_and_counsellor_hear_in_march_who_has_not_applied(world):
    moment = make_moment(world.group, kind=MomentKind.FOLLOW_UP)
    make_choice(moment, world.classmate, application=Application.APPLIED)
    march = timezone.make_aware(dt.datetime(world.group.school_year.ends_on.year, 3, 15, 7, 0))  # noqa: DTZ001 - made aware on this line

    with school_scope(world.school):
        remind(world.school, "weekly", march)

    assert "follow_up_not_applied" in kinds_of(world, "mentor")
    assert "follow_up_not_applied" in kinds_of(world, "counsellor")
