"""Reminders of internships (registered with notifications' ``@reminder``, found by its autodiscovery):

- every week, a mentor hears how many of their students still have no place when their group's internships
  begin within four weeks, and the counsellor the school's total;
- once per internship, the mentor hears when it ends (or has just ended) without the supervisor's end
  assessment;
- every week, a student on an internship that has run the past week hears it when that week's log is empty.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Exists, Min, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.notifications.queries import roles_by_user
from koers.notifications.registry import New, Params, day_text, notification_kind, reminder
from koers.partners.models import (
    FeedbackKind,
    Internship,
    InternshipStatus,
    LogDay,
    PlaceWish,
    SupervisorFeedback,
)
from koers.schools.models import Membership, Mentorship, Role, RoleKind, School

PERIOD_AHEAD = dt.timedelta(days=28)  # how long before the first day students without a place are counted
FINAL_DUE_BEFORE = dt.timedelta(days=2)  # the end assessment is asked for from two days before the last day
FINAL_DUE_AFTER = dt.timedelta(days=14)  # ... until two weeks after it
LOG_WEEK = dt.timedelta(days=7)


# Staff texts (the family's are in kinds.py, translated into every family language).


@notification_kind("internship_without_place", link=lambda p: reverse("partners:matching"))
def internship_without_place(p: Params) -> str:
    return _("De stages beginnen op %(day)s en %(n)d leerlingen hebben nog geen stageplek.") % {
        "day": day_text(p["day"]),
        "n": p["n"],
    }


@notification_kind(
    "internship_final_due", link=lambda p: reverse("partners:internship", kwargs={"pk": p["internship"]})
)
def internship_final_due(p: Params) -> str:
    return _(
        "De stage van %(student)s bij %(partner)s eindigt op %(day)s en de praktijkbegeleider gaf nog geen "
        "eindbeoordeling. Stuur de begeleider de link opnieuw, of maak een nieuwe."
    ) % {"student": p["student"], "partner": p["partner"], "day": day_text(p["day"])}


def _week_key(day: dt.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-{week}"


def _mentors_of(student_ids: set[int], day: dt.date) -> dict[int, set[int]]:
    """mentor user id -> those of ``student_ids`` in a group they mentor now."""
    in_group: dict[int, set[int]] = defaultdict(set)
    for student_id, group_id in (
        Membership.objects.current(day)
        .filter(student_id__in=student_ids)
        .values_list("student_id", "group_id")
    ):
        in_group[group_id].add(student_id)
    found: dict[int, set[int]] = defaultdict(set)
    for mentor_id, group_id in Mentorship.objects.filter(group_id__in=list(in_group)).values_list(
        "mentor_id", "group_id"
    ):
        found[mentor_id] |= in_group[group_id]
    return found


@reminder("internship_without_place", cadence="weekly")
def remind_without_place(school: School, now: dt.datetime) -> list[New]:
    today = timezone.localtime(now).date()
    # A group is in its internship period when one of its students wished for or got a place that begins
    # within four weeks; its first day is the earliest such start.
    soon = {"school": school, "place__starts_on__gte": today, "place__starts_on__lte": today + PERIOD_AHEAD}
    starting: dict[int, dt.date] = {}
    for chosen in (PlaceWish.objects.filter(**soon), Internship.objects.filter(**soon)):
        for student_id, day in (
            chosen.values("student_id").annotate(d=Min("place__starts_on")).values_list("student_id", "d")
        ):
            starting[student_id] = min(day, starting.get(student_id, day))
    if not starting:
        return []
    members = list(
        Membership.objects.current(today)
        .filter(school=school, student__left_on__isnull=True)
        .values_list("group_id", "student_id")
    )
    first_day: dict[int, dt.date] = {}
    for group_id, student_id in members:
        if student_id in starting:
            first_day[group_id] = min(starting[student_id], first_day.get(group_id, starting[student_id]))
    placed = set(
        Internship.objects.filter(school=school, place__ends_on__gte=today).values_list(
            "student_id", flat=True
        )
    )
    late = {s for g, s in members if g in first_day and s not in placed}
    if not late:
        return []
    week = _week_key(today)
    per_mentor = _mentors_of(late, today)
    student_day = {s: first_day[g] for g, s in members if s in late}
    found = []
    for user, role in roles_by_user(school, RoleKind.MENTOR, per_mentor).items():
        mine = per_mentor[user]
        day = min(student_day[s] for s in mine)
        found.append(
            New(
                role_id=role,
                kind="internship_without_place",
                params={"n": len(mine), "day": day.isoformat()},
                key=f"internship-without-place:{week}",
            )
        )
    day = min(student_day.values())
    found += [
        New(
            role_id=role,
            kind="internship_without_place",
            params={"n": len(late), "day": day.isoformat()},
            key=f"internship-without-place:{week}",
        )
        for role in Role.objects.filter(school=school, kind=RoleKind.COUNSELLOR).values_list("pk", flat=True)
    ]
    return found


@reminder("internship_final_due", cadence="daily")
def remind_final_due(school: School, now: dt.datetime) -> list[New]:
    today = timezone.localtime(now).date()
    final = SupervisorFeedback.objects.filter(internship=OuterRef("pk"), kind=FeedbackKind.FINAL)
    due = list(
        Internship.objects.filter(
            school=school,
            status=InternshipStatus.APPROVED,
            place__ends_on__lte=today + FINAL_DUE_BEFORE,
            place__ends_on__gte=today - FINAL_DUE_AFTER,
        )
        .exclude(Exists(final))
        .select_related("student__user", "place__partner")
    )
    if not due:
        return []
    by_student = {i.student_id: i for i in due}
    per_mentor = _mentors_of(set(by_student), today)
    found = []
    for user, role in roles_by_user(school, RoleKind.MENTOR, per_mentor).items():
        for student_id in per_mentor[user]:
            internship = by_student[student_id]
            found.append(
                New(
                    role_id=role,
                    kind="internship_final_due",
                    params={
                        "internship": internship.pk,
                        "student": internship.student.name,
                        "partner": internship.place.partner.name,
                        "day": internship.place.ends_on.isoformat(),
                    },
                    key=f"internship-final-due:{internship.pk}",
                )
            )
    return found


@reminder("internship_log_missing", cadence="weekly")
def remind_log_missing(school: School, now: dt.datetime) -> list[New]:
    today = timezone.localtime(now).date()
    week_ago = today - LOG_WEEK
    # Internships that ran the whole past week, with no day of it in the log.
    logged = LogDay.objects.filter(internship=OuterRef("pk"), day__gte=week_ago, day__lt=today)
    quiet = list(
        Internship.objects.filter(
            school=school,
            status=InternshipStatus.APPROVED,
            place__starts_on__lte=week_ago,
            place__ends_on__gte=today - dt.timedelta(days=1),
        )
        .exclude(Exists(logged))
        .select_related("student", "place__partner")
    )
    roles = roles_by_user(school, RoleKind.STUDENT, {i.student.user_id for i in quiet})
    week = _week_key(today)
    return [
        New(
            role_id=roles[i.student.user_id],
            kind="internship_log_missing",
            params={"internship": i.pk, "partner": i.place.partner.name},
            key=f"internship-log-missing:{i.pk}:{week}",
        )
        for i in quiet
        if i.student.user_id in roles
    ]
