"""After an open day the student said they would go to, they are asked once how it was; a visit already
reflected on, an open day still to come or one long gone asks nothing."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from koers.access.tenancy import school_scope
from koers.careers.models import OpenDayVisit
from koers.notifications.models import Notification
from koers.notifications.queries import link_of, notifications_of
from koers.notifications.registry import KINDS
from koers.notifications.tasks import remind
from koers.schools.models import Role
from tests.careers.factories import OpenDayFactory


def visit(world, student, days_ago: int, reflection: str = "") -> OpenDayVisit:
    with scopes_disabled():
        day = OpenDayFactory(
            school=world.school,
            institution=f"ROC {days_ago}",
            date=timezone.localdate() - dt.timedelta(days=days_ago),
        )
        return OpenDayVisit.objects.create(
            school=world.school, student=student, open_day=day, reflection=reflection
        )


def reminded(world, persona: str) -> list[dict]:
    with scopes_disabled():
        role = Role.objects.get(user=world.users[persona], school=world.school)
        return list(
            Notification.objects.filter(role=role, kind="open_day_reflect").values_list("params", flat=True)
        )


def run_twice(world) -> None:
    with school_scope(world.school):
        remind(world.school, "daily", timezone.now())
        remind(world.school, "daily", timezone.now())


def test_the_day_after_the_open_day_the_student_is_asked_once_to_reflect(world, login):
    went = visit(world, world.student, days_ago=1)

    run_twice(world)

    assert reminded(world, "student") == [{"visit": went.pk, "institution": "ROC 1"}]
    with school_scope(world.school), scopes_disabled():
        role = Role.objects.get(user=world.users["student"], school=world.school)
        (shown,) = notifications_of(role)
        link = link_of(Notification.objects.get(pk=shown.pk))
    assert "ROC 1" in shown.title
    assert link == reverse("careers:visit_reflect", args=[went.pk])
    assert login("student").get(link).status_code == 200


def test_no_question_before_the_day_after_nor_when_reflected_or_long_ago(world):
    visit(world, world.student, days_ago=0)
    visit(world, world.student, days_ago=-3)
    visit(world, world.student, days_ago=2, reflection="Leuk, veel gezien")
    visit(world, world.student, days_ago=30)

    run_twice(world)

    assert reminded(world, "student") == []


def test_only_the_student_who_went_is_asked(world):
    visit(world, world.classmate, days_ago=3)

    run_twice(world)

    assert reminded(world, "student") == []
    assert len(reminded(world, "classmate")) == 1


def test_the_question_reads_in_the_students_language(world):
    went = visit(world, world.student, days_ago=1)

    with translation.override("ar"):
        title = KINDS["open_day_reflect"].title({"visit": went.pk, "institution": "ROC 1"})
    assert "ROC 1" in title
    assert "open dag" not in title
