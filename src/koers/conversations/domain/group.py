"""Recording a group conversation (a class dialogue): the topic, what the class said and the follow-up."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.access.audit import leaves_trace, record_change
from koers.access.gate import require
from koers.conversations.models import Conversation, ConversationStatus
from koers.conversations.rules import can_record_group_conversation
from koers.schools.models import Role

TOPIC_MAX_LENGTH = 300
TEXT_MAX_LENGTH = 5000


@leaves_trace
def record_group_conversation(
    *, by: Role, conversation: Conversation, topic: str, class_said: str, follow_up: str
) -> Conversation:
    """Store the record of a class dialogue; recording it means it took place, so it is closed as well."""
    require(by, can_record_group_conversation, conversation)
    topic, class_said, follow_up = topic.strip(), class_said.strip(), follow_up.strip()
    errors: dict[str, str] = {}
    if conversation.status == ConversationStatus.CANCELLED:
        raise ValidationError(_("Dit groepsgesprek is geannuleerd; je kunt het niet meer vastleggen."))
    if not topic:
        errors["topic"] = _("Schrijf op waar het gesprek over ging.")
    elif len(topic) > TOPIC_MAX_LENGTH:
        errors["topic"] = _("Houd het onderwerp korter dan %(max)s tekens.") % {"max": TOPIC_MAX_LENGTH}
    if not class_said:
        errors["class_said"] = _("Schrijf kort op wat de klas inbracht.")
    for name, value in (("class_said", class_said), ("follow_up", follow_up)):
        if len(value) > TEXT_MAX_LENGTH and name not in errors:
            errors[name] = _("Deze tekst is te lang (meer dan %(max)s tekens).") % {"max": TEXT_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        conversation.goal = topic
        conversation.summary = class_said
        conversation.next_topics = follow_up
        fields = ["goal", "summary", "next_topics"]
        if conversation.status != ConversationStatus.CLOSED:
            conversation.status = ConversationStatus.CLOSED
            conversation.closed_at = timezone.now()
            fields += ["status", "closed_at"]
        conversation.save(update_fields=fields)
        # A class dialogue is about no one student: its trace is the conversation record itself.
        record_change(by=by, student=None, change="conversation.closed")
    return conversation
