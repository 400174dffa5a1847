"""Guide mode: an open point of a choice ("what I still want to find out") becomes an agreement of the
conversation in which the mentor discusses the choice. The agreement is the conversations area's own row
with its dossier action, so closing the conversation, the dossier and the next conversation read it as any
other."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.access.audit import leaves_trace, record_change
from koers.choices.models import Choice
from koers.choices.rules import can_follow_choices
from koers.conversations.models import Agreement, Conversation, ConversationStatus, Party
from koers.conversations.rules import can_hold_conversation
from koers.dossier.models import Action, Doer
from koers.schools.models import Role
from koers.schools.queries import visible_students

WHAT_MAX = 200


@leaves_trace
@transaction.atomic
def agree_on_open_point(
    *,
    by: Role,
    choice: Choice,
    conversation: Conversation,
    what: str,
    due_on: dt.date | None,
    day: dt.date | None = None,
) -> Agreement:
    """Record the open point as the student's agreement in this (planned) conversation about their choice."""
    day = day or timezone.localdate()
    if not (can_follow_choices(by, choice) and can_hold_conversation(by, conversation)):
        raise PermissionDenied
    if not visible_students(by).filter(pk=choice.student_id).exists():
        raise PermissionDenied
    if conversation.student_id != choice.student_id:
        raise PermissionDenied
    if conversation.status != ConversationStatus.PLANNED:
        raise ValidationError({"what": _("Dit gesprek is al afgerond of geannuleerd.")})
    what = (what or "").strip()
    if not what:
        raise ValidationError({"what": _("Schrijf op wat er gaat gebeuren.")})
    if len(what) > WHAT_MAX:
        raise ValidationError({"what": _("Maak de afspraak korter.")})
    if due_on is None:
        raise ValidationError({"due_on": _("Vul in wanneer het klaar is.")})
    if due_on < day:
        raise ValidationError({"due_on": _("Die datum is al voorbij.")})
    student = choice.student
    action = Action.objects.create(
        school_id=choice.school_id,
        student=student,
        what=what,
        doer=Doer.SELF,  # the student's own agreement, stored as closing stores one ("ikzelf", no name)
        due_on=due_on,
        done_when="",
        shared_with_guardians=student.school.shares_by_default("action"),
    )
    agreement = Agreement.objects.create(
        school_id=choice.school_id, conversation=conversation, action=action, party=Party.STUDENT
    )
    choice.agreed_actions.add(action)
    record_change(by=by, student=student, change="conversation.agreement")
    return agreement
