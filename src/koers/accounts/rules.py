"""Who may manage what around logging in. Mentors print and revoke login cards for the students of the groups
they mentor now; admins for every student of their school. Only admins set the school's login policy."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from koers.schools.models import Group, Role, RoleKind, Student
from koers.schools.queries import mentored_groups, visible_students

CARD_MANAGERS = (RoleKind.MENTOR, RoleKind.ADMIN)


def card_groups(role: Role) -> QuerySet[Group]:
    """The groups whose cards this role may print: this year's groups (admin) or the mentored ones."""
    if role.kind == RoleKind.ADMIN:
        today = timezone.localdate()
        return Group.objects.filter(
            school_id=role.school_id, school_year__starts_on__lte=today, school_year__ends_on__gte=today
        )
    if role.kind == RoleKind.MENTOR:
        return mentored_groups(role)
    return Group.objects.none()


def card_students(role: Role) -> QuerySet[Student]:
    if role.kind == RoleKind.ADMIN:
        return Student.objects.filter(school_id=role.school_id)
    if role.kind == RoleKind.MENTOR:
        return visible_students(role)
    return Student.objects.none()


def get_card_group_for(role: Role, pk: int) -> Group:
    group = card_groups(role).select_related("school_year").filter(pk=pk).first()
    if group is None:
        raise Http404
    return group


def get_card_student_for(role: Role, pk: int) -> Student:
    student = card_students(role).select_related("user").filter(pk=pk).first()
    if student is None:
        raise Http404
    return student
