"""``{% conversation_mirror conversation %}`` renders the mirror checklist of one conversation."""

from __future__ import annotations

from typing import Any

from django import template

from koers.conversations.mirror import mirror_items
from koers.conversations.models import Conversation, ConversationStatus

register = template.Library()


@register.inclusion_tag("conversations/_mirror.html")
def conversation_mirror(conversation: Conversation) -> dict[str, Any]:
    closed = conversation.status == ConversationStatus.CLOSED and conversation.student_id is not None
    return {"mirror_items": mirror_items(conversation.mirror) if closed and conversation.mirror else []}
