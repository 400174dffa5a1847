"""Reminders of choices (registered with notifications' ``@reminder``, found by its autodiscovery): a student
who has not chosen hears it the set number of days before the window closes; from March, mentors and
counsellors hear each week how many students have not applied for follow-up education before 1 April."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.choices.models import Application, Choice, ChoiceMoment, MomentKind
from koers.notifications.queries import roles_by_user
from koers.notifications.registry import New, Params, day_text, notification_kind, reminder
from koers.schools.models import Membership, Mentorship, Role, RoleKind, School

APPLY_BEFORE = (4, 1)  # 1 April: the mbo's application deadline
WARN_FROM = (3, 1)


@notification_kind(
    "choice_closing", link=lambda p: reverse("choices:choose", kwargs={"moment_pk": p["moment"]})
)
def choice_closing(p: Params) -> str:
    return _("Kies op tijd: “%(title)s” kan tot en met %(day)s.") % {
        "title": p["title"],
        "day": day_text(p["closes_on"]),
    }


@notification_kind("follow_up_not_applied", link=lambda p: reverse("choices:overview"))
def follow_up_not_applied(p: Params) -> str:
    return _("Nog niet aangemeld voor een vervolgopleiding (uiterlijk 1 april): %(n)d leerlingen.") % {
        "n": p["n"]
    }


def _students_of(moment: ChoiceMoment, day: dt.date) -> dict[int, int]:
    """student id -> user id, for the current students of the moment's track and year level."""
    return dict(
        Membership.objects.current(day)
        .filter(
            group__school_year_id=moment.school_year_id,
            group__track=moment.track,
            group__year_level=moment.year_level,
        )
        .values_list("student_id", "student__user_id")
    )


@reminder("choice_closing", cadence="daily")
def remind_closing(school: School, now: dt.datetime) -> list[New]:
    today = timezone.localtime(now).date()
    found = []
    for moment in ChoiceMoment.objects.filter(school=school, opens_on__lte=today, closes_on__gte=today):
        if (moment.closes_on - today).days > moment.remind_days_before:
            continue
        students = _students_of(moment, today)
        chosen = set(Choice.objects.filter(moment=moment).values_list("student_id", flat=True))
        roles = roles_by_user(school, RoleKind.STUDENT, [u for s, u in students.items() if s not in chosen])
        params = {"moment": moment.pk, "title": moment.title, "closes_on": moment.closes_on.isoformat()}
        found += [
            New(role_id=role, kind="choice_closing", params=params, key=f"choice-closing:{moment.pk}")
            for role in roles.values()
        ]
    return found


@reminder("follow_up_not_applied", cadence="weekly")
def remind_not_applied(school: School, now: dt.datetime) -> list[New]:
    today = timezone.localtime(now).date()
    deadline = dt.date(today.year, *APPLY_BEFORE)
    if not dt.date(today.year, *WARN_FROM) <= today <= deadline:
        return []
    late: set[int] = set()
    for moment in ChoiceMoment.objects.filter(
        school=school,
        kind=MomentKind.FOLLOW_UP,
        school_year__starts_on__lte=today,
        school_year__ends_on__gte=today,
    ):
        students = _students_of(moment, today)
        applied = set(
            Choice.objects.filter(moment=moment)
            .exclude(application=Application.NONE)
            .values_list("student_id", flat=True)
        )
        late |= set(students) - applied
    if not late:
        return []
    per_mentor: dict[int, set[int]] = defaultdict(set)
    for mentor_id, student_id in Mentorship.objects.filter(
        group__memberships__student_id__in=late, group__memberships__ends_on__isnull=True
    ).values_list("mentor_id", "group__memberships__student_id"):
        per_mentor[mentor_id].add(student_id)
    week = today.isocalendar()
    key = f"follow-up-not-applied:{week[0]}-{week[1]}"
    found = [
        New(role_id=role, kind="follow_up_not_applied", params={"n": len(per_mentor[user])}, key=key)
        for user, role in roles_by_user(school, RoleKind.MENTOR, per_mentor).items()
    ]
    counsellors = Role.objects.filter(school=school, kind=RoleKind.COUNSELLOR).values_list("pk", flat=True)
    found += [
        New(role_id=role, kind="follow_up_not_applied", params={"n": len(late)}, key=key)
        for role in counsellors
    ]
    return found
