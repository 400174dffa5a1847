"""Shared arrangement for the planning tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from koers.access.tenancy import school_scope
from koers.conversations.content import ensure_conversation_types
from koers.conversations.domain.planning import plan_conversation
from koers.conversations.models import Conversation, ConversationType
from koers.schools.models import Role
from tests.conftest import World


def types_of(world: World) -> dict[str, ConversationType]:
    ensure_conversation_types(world.school)
    with scopes_disabled():
        return {t.key: t for t in ConversationType.objects.filter(school=world.school)}


def role_of(world: World, persona: str) -> Role:
    with scopes_disabled():
        return Role.objects.select_related("school").get(user=world.users[persona], school=world.school)


def in_days(days: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def ics_of(message: Any) -> str:
    (attachment,) = [a for a in message.attachments if a[2].startswith("text/calendar")]
    content = attachment[1]
    return content.decode() if isinstance(content, bytes) else content


def plan_as_mentor(world: World, *, key: str = "kennismaking", days: int = 3, **kwargs: Any) -> Conversation:
    """The mentor plans a conversation with world.student in ``days`` days (in the school's scope)."""

    types = types_of(world)
    with school_scope(world.school):
        return plan_conversation(
            by=role_of(world, "mentor"),
            type=types[key],
            student=world.student,
            scheduled_at=in_days(days),
            place="Lokaal 12",
            **kwargs,
        )
