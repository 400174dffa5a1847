"""Reads: a role's notifications, rendered in the reader's language. One query for the list; the unread
count sits on the role, which every page loads already."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import Http404
from django_scopes import scopes_disabled

from koers.notifications.models import Notification
from koers.notifications.registry import KINDS
from koers.schools.models import Role, School, User

PAGE_SIZE = 100


@dataclass(frozen=True)
class Shown:
    pk: int
    title: str
    created_at: dt.datetime
    unread: bool


def notifications_of(role: Role, *, limit: int = PAGE_SIZE) -> list[Shown]:
    rows = Notification.objects.filter(role_id=role.pk).only("pk", "kind", "params", "created_at", "read_at")
    return [
        Shown(pk=n.pk, title=KINDS[n.kind].title(n.params), created_at=n.created_at, unread=n.read_at is None)
        for n in rows[:limit]
        if n.kind in KINDS
    ]


def get_own_notification_for(user: User, pk: int) -> Notification:
    """One of this person's notifications, whichever of their roles it is for (the link may switch role)."""
    with scopes_disabled():
        found = Notification.objects.filter(pk=pk, role__user_id=user.pk).select_related("role").first()
    if found is None:
        raise Http404
    return found


def link_of(notification: Notification) -> str:
    return KINDS[notification.kind].link(notification.params)


def roles_by_user(school: School, kind: str, user_ids: Iterable[int]) -> dict[int, int]:
    """user id -> role id of that kind at this school (one query)."""
    ids = set(user_ids)
    if not ids:
        return {}
    return dict(Role.objects.filter(school=school, kind=kind, user_id__in=ids).values_list("user_id", "pk"))
