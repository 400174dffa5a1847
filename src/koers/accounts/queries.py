"""Reads for the login-card pages, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch

from koers.accounts.models import LoginCard
from koers.accounts.rules import card_groups
from koers.schools.models import Group, Membership, Role, Student


@dataclass(frozen=True)
class GroupRow:
    group: Group
    students: int
    with_card: int


def card_overview(role: Role) -> list[GroupRow]:
    """The groups whose cards this role may print, with how many current students have a working card."""
    current = Membership.objects.current()
    active_card = LoginCard.objects.filter(student_id=OuterRef("student_id"), revoked_at__isnull=True)
    memberships = current.annotate(has_card=Exists(active_card))
    groups = (
        card_groups(role)
        .select_related("school_year")
        .prefetch_related(Prefetch("memberships", queryset=memberships, to_attr="current_memberships"))
        .order_by("year_level", "name")
    )
    rows = []
    for g in groups:
        members: list[Any] = getattr(g, "current_memberships", [])
        rows.append(GroupRow(group=g, students=len(members), with_card=sum(1 for m in members if m.has_card)))
    return rows


@dataclass(frozen=True)
class StudentRow:
    student: Student
    card: LoginCard | None


def group_cards(group: Group) -> list[StudentRow]:
    students = (
        Student.objects.filter(pk__in=Membership.objects.current().filter(group=group).values("student_id"))
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "login_cards",
                queryset=LoginCard.objects.filter(revoked_at__isnull=True),
                to_attr="active_cards",
            )
        )
        .order_by("user__last_name", "user__first_name")
    )
    return [StudentRow(student=s, card=next(iter(getattr(s, "active_cards", [])), None)) for s in students]
