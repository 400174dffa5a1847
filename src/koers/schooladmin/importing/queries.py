"""Reads of the import pages: one import of the admin's school (or 404), the latest imports, the staff
with their codes, the import keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.http import Http404

from koers.common.lookups import one_or_404
from koers.schools.models import STAFF_KINDS, ImportRun, ImportToken, Role, RoleKind


def get_import_run_for(role: Role, pk: int) -> ImportRun:
    run = ImportRun.objects.filter(pk=pk, school_id=role.school_id).select_related("school").first()
    if run is None:
        raise Http404
    return run


def recent_runs(role: Role, count: int = 10) -> list[ImportRun]:
    return list(
        ImportRun.objects.filter(school_id=role.school_id)
        .select_related("by", "token")
        .defer("content", "summary", "mapping")
        .annotate(has_file=~Q(content=""))
        .order_by("-created_at")[:count]
    )


@dataclass(frozen=True)
class StaffRow:
    user_id: int
    name: str
    email: str
    kinds: str
    code: str


def staff_rows(role: Role) -> list[StaffRow]:
    """Every staff member of the admin's school, once, with their roles and code (one query)."""
    people: dict[int, dict[str, Any]] = {}
    for staff in (
        Role.objects.filter(school_id=role.school_id, kind__in=STAFF_KINDS)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user_id", "pk")
    ):
        person = people.setdefault(staff.user_id, {"user": staff.user, "kinds": [], "code": ""})
        person["kinds"].append(str(RoleKind(staff.kind).label))
        person["code"] = person["code"] or staff.staff_code
    return [
        StaffRow(user_id, str(p["user"]), p["user"].email, ", ".join(p["kinds"]), p["code"])
        for user_id, p in people.items()
    ]


def all_runs(role: Role, limit: int = 500) -> list[ImportRun]:
    """Every import of the school, newest first, with who or which key ran it (one query)."""
    return list(
        ImportRun.objects.filter(school_id=role.school_id)
        .select_related("by", "token")
        .defer("content", "mapping")
        .annotate(has_file=~Q(content=""))
        .order_by("-created_at", "-pk")[:limit]
    )


def import_tokens(role: Role) -> list[ImportToken]:
    """The school's import keys, revoked ones last, with who made them (one query)."""
    return list(
        ImportToken.objects.filter(school_id=role.school_id)
        .select_related("created_by")
        .order_by("revoked_at", "-created_at", "-pk")
    )


def get_import_token_for(role: Role, pk: int) -> ImportToken:
    return one_or_404(ImportToken.objects.all(), pk=pk, school_id=role.school_id)
