"""The role predicates every area's rules are built from.

Each takes the active ``Role`` and optionally an object; with an object it also demands that the object
belongs to the role's school, so a rule built from them never lets one school act on another's rows. They
only read the role and the object in hand: a rule made of them costs no query. Areas combine them with
``|`` and ``&`` into named rules in their own ``rules.py`` (``can_plan_programme = is_counsellor``) and add
object predicates of their own where a rule is about more than the kind of role (``is_the_student``).

Rules are checked with ``access.gate.permit`` (views: 404) and ``access.gate.require`` (domain verbs:
``PermissionDenied``), never through Django's ``has_perm``: a Koers user acts as one role at one school at a
time, so the question is always "may this role", not "may this user".
"""

from __future__ import annotations

from typing import Any

import rules

from koers.schools.models import Role, RoleKind, School
from koers.schools.queries import mentored_groups


def school_of(thing: Any) -> int:
    """The school a thing belongs to: a ``School`` itself, or anything with a ``school_id``."""
    if isinstance(thing, School):
        return thing.pk
    school_id = getattr(thing, "school_id", None)
    if school_id is None:
        raise TypeError(f"{type(thing).__name__} belongs to no school; a rule cannot judge it")
    return int(school_id)


def in_school(role: Role, thing: Any = None) -> bool:
    """No object, or an object of the role's own school."""
    return thing is None or school_of(thing) == role.school_id


def _role_is(kind: RoleKind) -> rules.Predicate:
    def check(role: Role, thing: Any = None) -> bool:
        return role.kind == kind and in_school(role, thing)

    return rules.predicate(check, name=f"is_{kind.value}")


is_student = _role_is(RoleKind.STUDENT)
is_mentor = _role_is(RoleKind.MENTOR)
is_counsellor = _role_is(RoleKind.COUNSELLOR)
is_teacher = _role_is(RoleKind.TEACHER)
is_guardian = _role_is(RoleKind.GUARDIAN)
is_leader = _role_is(RoleKind.LEADER)
is_admin = _role_is(RoleKind.ADMIN)

# Mentors and counsellors follow students' dossiers and hold conversations with them.
is_follower = is_mentor | is_counsellor
is_staff = is_mentor | is_counsellor | is_teacher | is_leader | is_admin
# Students and guardians: the people Koers speaks to in their own language.
is_family = is_student | is_guardian
is_anyone = is_family | is_staff


@rules.predicate
def leads_group(role: Role, group: Any) -> bool:
    """A counsellor, for any group of the school; a mentor, for the groups they mentor now (one query)."""
    if is_counsellor(role, group):
        return True
    return is_mentor(role, group) and mentored_groups(role).filter(pk=group.pk).exists()


@rules.predicate
def is_the_student(role: Role, student: Any) -> bool:
    """The role is this very student (a ``schools.Student``), acting at their own school."""
    return (
        role.kind == RoleKind.STUDENT
        and student is not None
        and role.user_id == student.user_id
        and in_school(role, student)
    )
