"""Builders shared by the closing, agreement and evaluation tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from koers.conversations.models import Conversation
from koers.schools.models import Role, RoleKind
from tests import factories as f
from tests.conftest import World

PREFIX = "afspraken"


def in_days(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def conversation_of(world: World, *, days_ago: int = 0, **kwargs: Any) -> Conversation:
    """A planned conversation of ``world.student`` held by the group's mentor."""
    with scopes_disabled():
        return f.ConversationFactory(
            student=kwargs.pop("student", world.student),
            mentor=world.users["mentor"],
            scheduled_at=timezone.now() - dt.timedelta(days=days_ago, hours=1),
            **kwargs,
        )


def closed_conversation_of(world: World, *, days_ago: int = 30, **kwargs: Any) -> Conversation:
    with scopes_disabled():
        return conversation_of(
            world,
            days_ago=days_ago,
            status="closed",
            closed_at=timezone.now() - dt.timedelta(days=days_ago),
            **kwargs,
        )


def role_of(world: World, persona: str, kind: str | None = None) -> Role:
    with scopes_disabled():
        roles = Role.objects.filter(user=world.users[persona])
        if kind:
            roles = roles.filter(kind=kind)
        return roles.get()


def student_role(world: World) -> Role:
    return role_of(world, "student", RoleKind.STUDENT)


def close_data(rows: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    """The POST of the closing form: agreement rows (party defaults to the student) plus plain fields."""
    data: dict[str, Any] = {
        f"{PREFIX}-TOTAL_FORMS": str(len(rows)),
        f"{PREFIX}-INITIAL_FORMS": str(len(rows)),
        f"{PREFIX}-MIN_NUM_FORMS": "0",
        f"{PREFIX}-MAX_NUM_FORMS": "20",
        "summary": "We spraken over de stage bij de garage.",
        "next_topics": "Open dagen mbo",
    }
    for i, row in enumerate(rows):
        values = {"party": "student", "what": "", "due_on": "", "done_when": "", "supervisor_name": ""}
        values.update(row)
        for name, value in values.items():
            data[f"{PREFIX}-{i}-{name}"] = str(value)
    data.update(fields)
    return data
