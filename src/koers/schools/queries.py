"""Reads about people: who may see which student. Every student lookup goes through here."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from koers.schools.family_rules import guardian_sees_dossier
from koers.schools.models import (
    Group,
    Guardianship,
    Membership,
    Mentorship,
    Role,
    RoleKind,
    SchoolYear,
    Student,
)


def mentored_groups(role: Role, day: dt.date | None = None) -> QuerySet[Group]:
    return Group.objects.filter(
        mentorships__mentor_id=role.user_id, school_year__starts_on__lte=day or timezone.localdate()
    ).filter(school_year__ends_on__gte=day or timezone.localdate())


def visible_students(role: Role | None, day: dt.date | None = None) -> QuerySet[Student]:
    """The students whose dossier this role may open (fully or, for guardians, the shared part)."""
    if role is None:
        return Student.objects.none()
    day = day or timezone.localdate()
    students = Student.objects.filter(school_id=role.school_id)
    match role.kind:
        case RoleKind.STUDENT:
            return students.filter(user_id=role.user_id)
        case RoleKind.COUNSELLOR:
            return students
        case RoleKind.MENTOR:
            in_my_group = Membership.objects.current(day).filter(
                student_id=OuterRef("pk"), group__mentorships__mentor_id=role.user_id
            )
            mine_alone = Mentorship.objects.filter(student_id=OuterRef("pk"), mentor_id=role.user_id)
            return students.filter(Q(Exists(in_my_group)) | Q(Exists(mine_alone)))
        case RoleKind.GUARDIAN:
            return students.filter(
                Exists(Guardianship.objects.filter(student_id=OuterRef("pk"), guardian_id=role.user_id))
            )
        case _:
            return students.none()


def get_student_for(role: Role | None, pk: int) -> Student:
    """The student, if this role may open their dossier; otherwise 404 (never 403: no hint that it exists)."""
    student = visible_students(role).select_related("user").filter(pk=pk).first()
    if student is None:
        raise Http404
    return student


def own_student(role: Role | None) -> Student:
    if role is None or role.kind != RoleKind.STUDENT:
        raise Http404
    student = Student.objects.select_related("user").filter(user_id=role.user_id).first()
    if student is None:
        raise Http404
    return student


def complimentable_students(role: Role) -> QuerySet[Student]:
    """Students a role may compliment: those it can see, and for teachers every current student."""
    if role.kind == RoleKind.TEACHER:
        return Student.objects.filter(left_on__isnull=True)
    if role.kind in (RoleKind.MENTOR, RoleKind.COUNSELLOR, RoleKind.GUARDIAN):
        return visible_students(role)
    return Student.objects.none()


def current_group_of(student: Student, day: dt.date | None = None) -> Group | None:
    membership = (
        Membership.objects.current(day)
        .filter(student=student)
        .select_related("group")
        .order_by("-starts_on")
        .first()
    )
    return membership.group if membership else None


def guardianship_of(role: Role, student: Student) -> Guardianship | None:
    if role.kind != RoleKind.GUARDIAN:
        return None
    return Guardianship.objects.filter(guardian_id=role.user_id, student=student).first()


def guardian_sees_dossier_of(role: Role, student: Student) -> bool:
    """Whether this guardian sees the student's shared dossier items (schools/family_rules.py): parental
    authority, and no hidden dossier of a student of 16 or older."""
    return guardian_sees_dossier(guardianship_of(role, student), student)


def school_years(role: Role) -> QuerySet[SchoolYear]:
    """The school's years, newest first."""
    return SchoolYear.objects.filter(school_id=role.school_id).order_by("-starts_on")
