"""Reads for the login-card and invitation pages, each in a fixed number of queries, and the cards, groups,
students and invitations a role may manage (404 for anything else)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from koers.access.rules import is_admin, is_mentor
from koers.accounts.models import GuardianInvitation, LoginCard
from koers.accounts.rules import can_invite_guardians
from koers.schools.models import Group, Guardianship, Membership, Role, Student
from koers.schools.queries import mentored_groups, visible_students


def card_groups(role: Role) -> QuerySet[Group]:
    """The groups whose cards this role may print: this year's groups (admin) or the mentored ones."""
    if is_admin(role):
        today = timezone.localdate()
        return Group.objects.filter(
            school_id=role.school_id, school_year__starts_on__lte=today, school_year__ends_on__gte=today
        )
    if is_mentor(role):
        return mentored_groups(role)
    return Group.objects.none()


def card_students(role: Role) -> QuerySet[Student]:
    if is_admin(role):
        return Student.objects.filter(school_id=role.school_id)
    if is_mentor(role):
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


def get_card_for(role: Role, pk: int) -> LoginCard:
    """A card of a student whose cards this role manages; anything else is a 404."""
    cards = LoginCard.objects.filter(pk=pk, student__in=card_students(role))
    card = cards.select_related("student__user").first()
    if card is None:
        raise Http404
    return card


def confirmed_device(user: Any) -> TOTPDevice | None:
    """The person's working second-factor device (an authenticator app), if they set one up."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


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


# --- guardian invitations: who may invite whom, and where each invitation stands ---------------------


def invitable_students(role: Role) -> QuerySet[Student]:
    """The current students whose guardians this role may invite: every student for admins and
    counsellors, the students a mentor follows for a mentor."""
    if not can_invite_guardians(role):
        return Student.objects.none()
    # An admin is not among those ``visible_students`` serves (they open no dossiers), but invites for all.
    students = Student.objects.filter(school_id=role.school_id) if is_admin(role) else visible_students(role)
    return students.filter(left_on__isnull=True)


def invitable_guardianships(role: Role) -> QuerySet[Guardianship]:
    return Guardianship.objects.filter(student__in=invitable_students(role))


def get_invitation_for(role: Role, pk: int) -> GuardianInvitation:
    found = (
        GuardianInvitation.objects.filter(pk=pk, school_id=role.school_id)
        .filter(
            Exists(
                Guardianship.objects.filter(
                    guardian_id=OuterRef("guardian_id"),
                    student_id=OuterRef("student_id"),
                    student__in=invitable_students(role),
                )
            )
        )
        .select_related("guardian")
        .first()
    )
    if found is None:
        raise Http404
    return found


def invitation_overview(role: Role) -> list[Guardianship]:
    """Each guardianship with ``open_invitation`` (pk), ``open_kind``, ``open_until`` and ``has_account``
    (the guardian set a password). One query, whatever the number of guardians."""
    now = timezone.now()
    open_ones = GuardianInvitation.objects.filter(
        guardian_id=OuterRef("guardian_id"),
        school_id=role.school_id,
        used_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=now,
    ).order_by("-created_at")
    rows: list[Guardianship] = list(
        invitable_guardianships(role)
        .select_related("guardian", "student__user")
        .annotate(
            open_invitation=Subquery(open_ones.values("pk")[:1]),
            open_kind=Subquery(open_ones.values("kind")[:1]),
            open_until=Subquery(open_ones.values("expires_at")[:1]),
        )
        .order_by("student__user__last_name", "student__user__first_name", "guardian__last_name", "pk")
    )
    for row in rows:
        password = row.guardian.password or ""
        row.has_account = bool(password) and not password.startswith("!")  # type: ignore[attr-defined]
    return rows
