"""Reads several quality pages share."""

from __future__ import annotations

from django.db.models import QuerySet

from koers.schools.models import Role, RoleKind, SchoolYear, User


def school_years(role: Role) -> QuerySet[SchoolYear]:
    return SchoolYear.objects.filter(school_id=role.school_id).order_by("-starts_on")


def staff_users(role: Role) -> QuerySet[User]:
    """People with a staff role at this school (owners of goals)."""
    return (
        User.objects.filter(
            roles__school_id=role.school_id,
            roles__kind__in=[RoleKind.COUNSELLOR, RoleKind.LEADER, RoleKind.MENTOR, RoleKind.TEACHER],
        )
        .distinct()
        .order_by("first_name", "last_name")
    )
