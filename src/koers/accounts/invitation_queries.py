"""Reads for the invitations page: the guardians a role may invite, with where each one stands."""

from __future__ import annotations

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from koers.accounts.invitations import invitable_guardianships
from koers.accounts.models import GuardianInvitation
from koers.schools.models import Guardianship, Role


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
