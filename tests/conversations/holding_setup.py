"""Shared arrangement for the preparing-and-holding tests: a driegesprek of ``world.student``."""

from __future__ import annotations

from typing import Any

from django_scopes import scopes_disabled

from tests import factories as f
from tests.conftest import World


def a_conversation(world: World, **kwargs: Any) -> Any:
    with scopes_disabled():
        conversation_type = f.ConversationTypeFactory(
            school=world.school,
            with_guardians=True,
            guide={
                "phases": {"goal": {"questions": ["Waar wil je het over hebben?"], "deeper": ["Waarom nu?"]}},
                "reminders": [],
            },
        )
        conversation = f.ConversationFactory(
            student=world.student, type=conversation_type, mentor=world.users["mentor"], **kwargs
        )
        conversation.guardians.add(world.users["guardian"])
    return conversation
