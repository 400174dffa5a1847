"""Reminders of internships: mentors and the counsellor hear who has no place before the internships begin,
the mentor hears when the supervisor's end assessment is due, and a student hears when a week's log is
empty. Each only once per week or per internship."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django_scopes import scopes_disabled

from koers.access.tenancy import school_scope
from koers.notifications.models import Notification
from koers.notifications.queries import notifications_of
from koers.notifications.tasks import remind
from koers.partners.models import FeedbackKind, InternshipStatus, SupervisorFeedback
from koers.schools.models import Role
from tests.partners import factories as pf


def kinds_of(world, persona: str) -> list[str]:
    with scopes_disabled():
        role = Role.objects.get(user=world.users[persona], school=world.school)
        found = Notification.objects.filter(role=role, kind__startswith="internship_")
        return list(found.values_list("kind", flat=True))


def titles_of(world, persona: str) -> list[str]:
    with school_scope(world.school), scopes_disabled():
        role = Role.objects.get(user=world.users[persona], school=world.school)
        ours = set(
            Notification.objects.filter(role=role, kind__startswith="internship_").values_list(
                "pk", flat=True
            )
        )
        return [n.title for n in notifications_of(role) if n.pk in ours]


def run(world, cadence: str, now: dt.datetime | None = None) -> None:
    with school_scope(world.school):
        remind(world.school, cadence, now or timezone.now())


def place(world, starts_in: int, length: int = 10, **kwargs):
    today = timezone.localdate()
    with scopes_disabled():
        return pf.PlaceFactory(
            partner__school=world.school,
            partner__name="Bakkerij Jansen",
            starts_on=today + dt.timedelta(days=starts_in),
            ends_on=today + dt.timedelta(days=starts_in + length),
            **kwargs,
        )


# --- students without a place ---


def test_mentor_and_counsellor_hear_who_has_no_place_when_the_internships_are_near(world):
    soon = place(world, starts_in=14)
    with scopes_disabled():
        pf.InternshipFactory(place=soon, student=world.classmate, status=InternshipStatus.PROPOSED)

    run(world, "weekly")
    run(world, "weekly")

    assert kinds_of(world, "mentor") == ["internship_without_place"]
    assert kinds_of(world, "counsellor") == ["internship_without_place"]
    (title,) = titles_of(world, "mentor")
    assert "1 leerlingen hebben nog geen stageplek" in title


def test_no_reminder_when_the_internships_are_far_off_or_everyone_has_a_place(world):
    far = place(world, starts_in=60)
    with scopes_disabled():
        pf.WishFactory(student=world.classmate, place=far, rank=1)
    near = place(world, starts_in=10)
    with scopes_disabled():
        pf.InternshipFactory(place=near, student=world.student, status=InternshipStatus.APPROVED)
        pf.InternshipFactory(place=near, student=world.classmate, status=InternshipStatus.PROPOSED)

    run(world, "weekly")

    assert kinds_of(world, "mentor") == []
    assert kinds_of(world, "counsellor") == []


# --- the end assessment ---


def test_mentor_hears_once_when_the_end_assessment_is_due(world):
    ending = place(world, starts_in=-20, length=21)  # the last day is tomorrow
    with scopes_disabled():
        internship = pf.InternshipFactory(place=ending, student=world.student)

    run(world, "daily")
    run(world, "daily")

    assert kinds_of(world, "mentor") == ["internship_final_due"]
    (title,) = titles_of(world, "mentor")
    assert world.student.name in title and "Bakkerij Jansen" in title
    assert internship.pk


def test_no_end_assessment_reminder_once_it_is_given_or_long_before_the_end(world):
    ending = place(world, starts_in=-20, length=21)
    running = place(world, starts_in=-5, length=30)
    with scopes_disabled():
        done = pf.InternshipFactory(place=ending, student=world.student)
        SupervisorFeedback.objects.create(
            school=world.school, internship=done, kind=FeedbackKind.FINAL, text="Goed", supervisor_name="H"
        )
        pf.InternshipFactory(place=running, student=world.classmate)

    run(world, "daily")

    assert kinds_of(world, "mentor") == []


# --- the log ---


def test_student_hears_when_the_past_week_of_the_log_is_empty(world):
    running = place(world, starts_in=-10, length=20)
    with scopes_disabled():
        pf.InternshipFactory(place=running, student=world.student)

    run(world, "weekly")
    run(world, "weekly")

    assert kinds_of(world, "student") == ["internship_log_missing"]
    (title,) = titles_of(world, "student")
    assert "stagelogboek" in title


def test_no_log_reminder_after_a_logged_day_or_before_a_full_week(world):
    running = place(world, starts_in=-10, length=20)
    fresh = place(world, starts_in=-3, length=20)
    with scopes_disabled():
        logged = pf.InternshipFactory(place=running, student=world.student)
        pf.LogDayFactory(internship=logged, day=timezone.localdate() - dt.timedelta(days=2), hours=Decimal(6))
        pf.InternshipFactory(place=fresh, student=world.classmate)

    run(world, "weekly")

    assert kinds_of(world, "student") == []
    assert kinds_of(world, "classmate") == []
