"""Carry out a plan: every write in bulk, in one transaction, so an import applies completely or not at all.

Dossiers are never touched: a student who left only gets ``left_on`` and the end of their memberships.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.db import transaction

from koers.common.memory import collector_paused
from koers.schooladmin.importing.plan import GroupKey, PersonKey, Plan, StudentKey
from koers.schools.changes import mark_school_changed
from koers.schools.models import (
    Group,
    Guardianship,
    Membership,
    Mentorship,
    Role,
    RoleKind,
    Student,
    User,
)

_NOT_IN_USERNAME = re.compile(r"[^\w.@+-]")


def _usernames(wanted: dict[str, str]) -> dict[str, str]:
    """A free username for each key, starting from the wanted one (``-2``, ``-3`` ... on a clash)."""
    result: dict[str, str] = {}
    pending = {
        key: (_NOT_IN_USERNAME.sub("-", name.lower())[:140] or "gebruiker", 1) for key, name in wanted.items()
    }
    while pending:
        candidates = {key: base if n == 1 else f"{base}-{n}" for key, (base, n) in pending.items()}
        taken = set(
            User.objects.filter(username__in=set(candidates.values())).values_list("username", flat=True)
        )
        given = set(result.values())
        still: dict[str, tuple[str, int]] = {}
        for key, candidate in candidates.items():
            base, n = pending[key]
            if candidate in taken or candidate in given:
                still[key] = (base, n + 1)
            else:
                result[key] = candidate
                given.add(candidate)
        pending = still
    return result


def _unusable_password() -> str:
    """What ``make_password(None)`` stores (an unusable password with a random tail), without its 40 calls
    to ``secrets.choice``: 6,000 new people took a third of an apply."""
    return UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)


@transaction.atomic
def apply_plan(plan: Plan) -> None:
    """Write everything ``plan`` describes. Call it inside the school's scope."""
    with collector_paused():
        _apply(plan)


def _apply(plan: Plan) -> None:
    school, today = plan.school, plan.today
    # Bulk writes send no model signals: tell the cached school figures (koers.home.queries.overview).
    mark_school_changed(school.pk)
    yesterday = today - dt.timedelta(days=1)
    if plan.year_is_new:
        plan.year.save()
    for group in plan.new_groups.values():
        group.school_year = plan.year
    Group.objects.bulk_create(list(plan.new_groups.values()))
    groups: dict[GroupKey, int] = {key: g.pk for key, g in {**plan.groups, **plan.new_groups}.items()}

    # People: students get "<school>-<number>", staff and guardians their e-mail address as username (a
    # guardian without one "<school>-ouder-<number>").
    wanted = {f"s:{s.number}": f"{school.slug}-{s.number}" for s in plan.new_students.values()}
    wanted |= {f"p:{p.key}": p.username or p.email for p in plan.new_people.values()}
    usernames = _usernames(wanted)
    users: dict[str, User] = {}
    for s in plan.new_students.values():
        users[f"s:{s.number}"] = User(
            username=usernames[f"s:{s.number}"],
            first_name=s.first_name,
            last_name=s.last_name,
            email=s.email,
            password=_unusable_password(),
        )
    for p in plan.new_people.values():
        users[f"p:{p.key}"] = User(
            username=usernames[f"p:{p.key}"],
            first_name=p.first_name,
            last_name=p.last_name,
            email=p.email,
            password=_unusable_password(),
        )
    User.objects.bulk_create(list(users.values()))
    roles = [
        Role(school=school, user=users[f"s:{s.number}"], kind=RoleKind.STUDENT)
        for s in plan.new_students.values()
    ]
    roles += [
        Role(school=school, user=users[f"p:{p.key}"], kind=kind)
        for p in plan.new_people.values()
        for kind in sorted(p.roles)
    ]
    roles += [Role(school=school, user_id=user_pk, kind=kind) for user_pk, kind in sorted(plan.new_roles)]
    Role.objects.bulk_create(roles)

    new_students = {
        s.number: Student(
            school=school,
            user=users[f"s:{s.number}"],
            number=s.number,
            date_of_birth=s.date_of_birth,
            joined_on=today,
        )
        for s in plan.new_students.values()
    }
    Student.objects.bulk_create(list(new_students.values()))

    def student_pk(key: StudentKey) -> int:
        return int(key[1]) if key[0] == "student" else new_students[key[1]].pk

    def person_pk(key: PersonKey) -> int:
        return int(key[1]) if key[0] == "user" else users[f"p:{key[1]}"].pk

    # Changed names and dates; students who came back.
    changed_users = [c.student.user for c in plan.changes if c.user_fields]
    for change in plan.changes:
        for name, value in change.user_fields.items():
            setattr(change.student.user, name, value)
        for name, value in change.student_fields.items():
            setattr(change.student, name, value)
    if changed_users:
        User.objects.bulk_update(changed_users, ["first_name", "last_name", "email"])
    changed_students = [c.student for c in plan.changes if c.student_fields]
    if changed_students:
        Student.objects.bulk_update(changed_students, ["date_of_birth", "left_on"])

    # Memberships: the old one ends yesterday, the new one starts today.
    ending = [m for p in plan.placements for m in p.ending] + [m for _s, ms in plan.leavers for m in ms]
    _end(ending, yesterday)
    Membership.objects.bulk_create(
        [
            Membership(
                school=school, student_id=student_pk(p.student), group_id=groups[p.group], starts_on=today
            )
            for p in plan.placements
        ]
    )
    leavers = [student for student, _ms in plan.leavers]
    for student in leavers:
        student.left_on = today
    if leavers:
        Student.objects.bulk_update(leavers, ["left_on"])

    if plan.ended_mentorships:
        Mentorship.objects.filter(pk__in=[m.pk for m in plan.ended_mentorships]).delete()
    Mentorship.objects.bulk_create(
        [
            Mentorship(school=school, mentor_id=person_pk(person), group_id=groups[group])
            for person, group in sorted(plan.new_mentorships)
        ]
    )
    Guardianship.objects.bulk_create(
        [
            Guardianship(
                school=school,
                guardian_id=person_pk(person),
                student_id=student_pk(student),
                has_authority=authority,
            )
            for (person, student), authority in plan.new_guardianships.items()
        ]
    )
    for guardianship, authority in plan.changed_guardianships:
        guardianship.has_authority = authority
    if plan.changed_guardianships:
        Guardianship.objects.bulk_update([g for g, _a in plan.changed_guardianships], ["has_authority"])


def _end(memberships: list[Membership], yesterday: dt.date) -> None:
    """End memberships yesterday; one that only started today was never lived and is removed."""
    unborn = [m.pk for m in memberships if m.starts_on > yesterday]
    ended = [m for m in memberships if m.starts_on <= yesterday]
    for membership in ended:
        membership.ends_on = yesterday
    if ended:
        Membership.objects.bulk_update(ended, ["ends_on"])
    if unborn:
        Membership.objects.filter(pk__in=unborn).delete()
