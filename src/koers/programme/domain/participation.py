"""Registering who took part in a planned activity: the whole group at once, then the absent ones marked.

Who may register: a counsellor and a teacher for every group of the activity, a mentor for the groups of the
activity they mentor. Teachers and mentors register from the day before the activity until the school's set
number of days after it (``queries/registration.py``); the counsellor keeps the register and may correct it
later. Registering again replaces the earlier answer for that group (one row per student,
never two), so the verb is safe to repeat.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from koers.access.rules import is_counsellor, is_mentor
from koers.programme.models import Activity, Participation
from koers.programme.queries.registration import registration_window
from koers.programme.rules import can_register_participation
from koers.schools.models import Group, Membership, Role, Student
from koers.schools.queries import mentored_groups


def groups_of_activity(activity: Activity) -> list[Group]:
    """The activity's groups; none chosen means every group of its track and year level in its school year."""
    chosen = list(activity.groups.order_by("name"))
    if chosen:
        return chosen
    return list(
        Group.objects.filter(
            school_year_id=activity.school_year_id, track=activity.track, year_level=activity.year_level
        ).order_by("name")
    )


def registrable_groups(role: Role, activity: Activity) -> list[Group]:
    """The groups of the activity this role may register participation for."""
    if not can_register_participation(role, activity):
        return []
    groups = groups_of_activity(activity)
    if is_mentor(role):
        mine = set(mentored_groups(role).values_list("pk", flat=True))
        groups = [group for group in groups if group.pk in mine]
    return groups


def members_of(group: Group, day: dt.date | None = None) -> list[Student]:
    """The students in the group on ``day`` (today by default), by name."""
    memberships = (
        Membership.objects.current(day)
        .filter(group=group)
        .select_related("student__user")
        .order_by("student__user__last_name", "student__user__first_name", "student_id")
    )
    students: dict[int, Student] = {}
    for membership in memberships:
        students.setdefault(membership.student_id, membership.student)
    return list(students.values())


@dataclass(frozen=True)
class Registered:
    present: int
    absent: int
    created: int
    changed: int


def register_participation(
    *, by: Role, activity: Activity, group: Group, absent: Collection[int] = ()
) -> Registered:
    """Every student in ``group`` today took part in ``activity``, except those whose ids are in ``absent``.

    Writes one row per student: new rows for students without one, changed rows where the answer differs;
    rows that already say the same are left alone."""
    if group.pk not in {g.pk for g in registrable_groups(by, activity)}:
        raise PermissionDenied
    today = timezone.localdate()
    window = registration_window(activity, by.school.registration_days_after)
    if today < window.opens:
        raise ValidationError(
            {
                "present": _(
                    "Deze activiteit is nog niet geweest. Je kunt de deelname registreren vanaf %(day)s."
                )
                % {"day": date_format(window.opens, "j E Y")}
            }
        )
    if today > window.closes and not is_counsellor(by):
        raise ValidationError(
            {
                "present": _(
                    "De deelname kon geregistreerd worden tot en met %(day)s. "
                    "Vraag de decaan om het aan te passen."
                )
                % {"day": date_format(window.closes, "j E Y")}
            }
        )
    students = members_of(group, today)
    if not students:
        raise ValidationError({"present": _("Er zitten op dit moment geen leerlingen in deze groep.")})
    ids = {student.pk for student in students}
    strangers = set(absent) - ids
    if strangers:
        raise ValidationError({"present": _("Je kunt alleen leerlingen uit deze groep afwezig melden.")})
    now = timezone.now()
    with transaction.atomic():
        existing = {
            row.student_id: row
            for row in Participation.objects.select_for_update().filter(activity=activity, student_id__in=ids)
        }
        new, changed = [], []
        for student in students:
            present = student.pk not in absent
            row = existing.get(student.pk)
            if row is None:
                new.append(
                    Participation(
                        school_id=activity.school_id,
                        activity=activity,
                        student=student,
                        present=present,
                        noted_by_id=by.user_id,
                        noted_at=now,
                    )
                )
            elif row.present != present:
                row.present, row.noted_by_id, row.noted_at = present, by.user_id, now
                changed.append(row)
        Participation.objects.bulk_create(new)
        Participation.objects.bulk_update(changed, ["present", "noted_by", "noted_at"])
    absent_count = len(ids & set(absent))
    return Registered(
        present=len(ids) - absent_count, absent=absent_count, created=len(new), changed=len(changed)
    )
