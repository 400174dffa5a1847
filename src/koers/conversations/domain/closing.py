"""Closing a conversation: agreements for every party, looking back at earlier agreements, the evaluation.

Every agreement becomes a dossier ``Action`` of the student (so the dossier, the guardian's view and the next
conversation read the same row) plus an ``Agreement`` row that says in which conversation it was made and for
which party. Each verb validates everything before it writes, runs in one transaction and refreshes the
conversation mirror at the end, so the mirror never lags behind what was recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.access.audit import leaves_trace, record_change
from koers.access.gate import require
from koers.common.versions import save_unless_changed
from koers.conversations.mirror import refresh_mirror
from koers.conversations.models import Agreement, Conversation, ConversationStatus, Party
from koers.conversations.queries.closing import open_agreements_before
from koers.conversations.rules import can_evaluate, can_hold_conversation
from koers.dossier.models import Action, ActionStatus, Doer
from koers.schools.models import Role

WHAT_MAX: Final = 200
WHO_MAX: Final = 120
DONE_WHEN_MAX: Final = 200
# The evaluation scale: 1 = no, 2 = a bit, 3 = yes.
EVALUATION_VALUES: Final = (1, 2, 3)


@dataclass(frozen=True)
class AgreementInput:
    """One agreement as typed on the closing form. ``supervisor_name`` only matters for a supervisor."""

    party: str
    what: str
    due_on: dt.date | None
    done_when: str = ""
    supervisor_name: str = ""


@dataclass(frozen=True)
class RevisitInput:
    """An earlier agreement looked back at, with the status it has now (open = not yet)."""

    agreement: Agreement
    status: str


# --- helpers ----------------------------------------------------------------------------------------------


def _guardian_names(conversation: Conversation) -> str:
    names = [str(user) for user in conversation.guardians.all()]
    if not names and conversation.student is not None:
        names = [str(g.guardian) for g in conversation.student.guardianships.select_related("guardian")]
    return ", ".join(names) or str(Party.GUARDIAN.label)


def _doer(conversation: Conversation, item: AgreementInput) -> dict[str, Any]:
    """Who carries the agreement out, as the dossier action's doer fields: the student themself, the
    mentor (linked, so it is on their list), the guardians (linked when there is one), or the supervisor
    by name."""
    match item.party:
        case Party.STUDENT:
            return {"doer": Doer.SELF, "who": ""}
        case Party.MENTOR:
            mentor = conversation.mentor
            return {"doer": Doer.MENTOR, "doer_user": mentor, "who": str(mentor)[:WHO_MAX]}
        case Party.GUARDIAN:
            guardians = list(conversation.guardians.all())
            if not guardians and conversation.student is not None:
                guardians = [
                    g.guardian for g in conversation.student.guardianships.select_related("guardian")
                ]
            linked = guardians[0] if len(guardians) == 1 else None
            return {
                "doer": Doer.GUARDIAN,
                "doer_user": linked,
                "who": _guardian_names(conversation)[:WHO_MAX],
            }
        case _:
            return {"doer": Doer.OTHER, "who": item.supervisor_name.strip()[:WHO_MAX]}


def _check_agreements(
    conversation: Conversation, agreements: Sequence[AgreementInput], today: dt.date
) -> list[AgreementInput]:
    errors: list[str] = []
    cleaned: list[AgreementInput] = []
    for number, item in enumerate(agreements, start=1):
        what = (item.what or "").strip()
        done_when = (item.done_when or "").strip()
        supervisor = (item.supervisor_name or "").strip()
        if item.party not in Party.values:
            errors.append(_("Afspraak %(n)d: kies voor wie de afspraak is.") % {"n": number})
        if not what:
            errors.append(_("Afspraak %(n)d: schrijf op wat er gaat gebeuren.") % {"n": number})
        elif len(what) > WHAT_MAX:
            errors.append(_("Afspraak %(n)d: maak de afspraak korter.") % {"n": number})
        if item.due_on is None:
            errors.append(_("Afspraak %(n)d: vul in wanneer het klaar is.") % {"n": number})
        elif item.due_on < today:
            errors.append(_("Afspraak %(n)d: die datum is al voorbij.") % {"n": number})
        if item.party == Party.SUPERVISOR and not supervisor:
            errors.append(_("Afspraak %(n)d: schrijf de naam van de stagebegeleider op.") % {"n": number})
        cleaned.append(
            AgreementInput(
                party=item.party,
                what=what,
                due_on=item.due_on,
                done_when=done_when[:DONE_WHEN_MAX],
                supervisor_name=supervisor,
            )
        )
    if conversation.student_id is None:
        if cleaned:
            errors.append(_("Een groepsgesprek heeft geen afspraken per leerling. Noteer het vervolg."))
    elif not any(a.party == Party.STUDENT and a.due_on is not None for a in cleaned) and not (
        Agreement.objects.filter(conversation=conversation, party=Party.STUDENT).exists()
    ):
        # An agreement made during the conversation (an open point of a choice, in guide mode) counts.
        errors.append(missing_student_agreement_message())
    if errors:
        raise ValidationError({"agreements": errors})
    return cleaned


def missing_student_agreement_message() -> str:
    return _(
        "Maak minstens één afspraak voor de leerling, met een datum. "
        "Zonder zo'n afspraak kan het gesprek niet worden afgerond."
    )


def _check_revisits(conversation: Conversation, revisits: Sequence[RevisitInput]) -> None:
    allowed = {agreement.pk for agreement in open_agreements_before(conversation)}
    for revisit in revisits:
        if revisit.agreement.pk not in allowed:
            raise ValidationError({"revisits": _("Deze afspraak hoort niet bij een eerder gesprek.")})
        if revisit.status not in ActionStatus.values:
            raise ValidationError({"revisits": _("Kies gedaan, nog niet of vervalt.")})


def _revisit(conversation: Conversation, agreement: Agreement, status: str) -> None:
    if agreement.revisited_in_id != conversation.pk:
        agreement.revisited_in = conversation
        agreement.save(update_fields=["revisited_in"])
    action = agreement.action
    if action.status != status:
        action.status = status
        action.save(update_fields=["status", "updated_at"])


def _closed_by_someone_else() -> str:
    return _(
        "Iemand anders heeft dit gesprek net afgerond. Wat jij invulde is niet bewaard; het staat hieronder "
        "nog, zodat je het kunt overnemen bij het gesprek of in het dossier."
    )


# --- verbs ------------------------------------------------------------------------------------------------


@transaction.atomic
@leaves_trace
def close_conversation(
    *,
    by: Role,
    conversation: Conversation,
    agreements: Sequence[AgreementInput],
    summary: str = "",
    next_topics: str = "",
    shared_with_guardians: bool = False,
    mentor_reflection: str = "",
    revisits: Sequence[RevisitInput] = (),
    now: dt.datetime | None = None,
) -> Conversation:
    """Record the agreements, the summary and the look back, and mark the conversation as closed.

    A conversation with one student needs at least one dated agreement for the student; nothing is written
    when anything is wrong.
    """
    require(by, can_hold_conversation, conversation)
    if conversation.status == ConversationStatus.CLOSED:
        raise ValidationError(_closed_by_someone_else())
    if conversation.status != ConversationStatus.PLANNED:
        raise ValidationError(_("Dit gesprek is al afgerond of geannuleerd."))
    now = now or timezone.now()
    cleaned = _check_agreements(conversation, agreements, timezone.localdate(now))
    _check_revisits(conversation, revisits)

    # Closing is a conditional state change that only one request can win: when mentor and counsellor close
    # at once, the second finds the conversation no longer planned (PostgreSQL waits for the first one's
    # row lock; SQLite's IMMEDIATE transactions wait for its write), and nothing of theirs is written.
    claimed = Conversation.objects.filter(pk=conversation.pk, status=ConversationStatus.PLANNED).update(
        status=ConversationStatus.CLOSED, closed_at=now
    )
    if claimed != 1:
        raise ValidationError(_closed_by_someone_else())

    student = conversation.student
    for item in cleaned:
        assert student is not None and item.due_on is not None
        action = Action.objects.create(
            school_id=conversation.school_id,
            student=student,
            what=item.what,
            **_doer(conversation, item),
            due_on=item.due_on,
            done_when=item.done_when,
            shared_with_guardians=shared_with_guardians,
        )
        Agreement.objects.create(
            school_id=conversation.school_id, conversation=conversation, action=action, party=item.party
        )
    for revisit in revisits:
        _revisit(conversation, revisit.agreement, revisit.status)

    conversation.summary = (summary or "").strip()
    conversation.next_topics = (next_topics or "").strip()
    conversation.shared_with_guardians = shared_with_guardians
    conversation.mentor_reflection = (mentor_reflection or "").strip()
    conversation.status = ConversationStatus.CLOSED
    conversation.closed_at = now
    conversation.save(
        update_fields=[
            "summary",
            "next_topics",
            "shared_with_guardians",
            "mentor_reflection",
            "status",
            "closed_at",
        ]
    )
    refresh_mirror(conversation)
    record_change(by=by, student=conversation.student, change="conversation.closed")
    return conversation


@leaves_trace
@transaction.atomic
def revisit_agreement(
    *, by: Role, conversation: Conversation, agreement: Agreement, status: str
) -> Agreement:
    """Look back at an earlier agreement in this conversation and record how far it got."""
    require(by, can_hold_conversation, conversation)
    _check_revisits(conversation, [RevisitInput(agreement=agreement, status=status)])
    _revisit(conversation, agreement, status)
    refresh_mirror(conversation)
    record_change(by=by, student=conversation.student, change="conversation.agreement")
    return agreement


def evaluation_is_open(conversation: Conversation, now: dt.datetime | None = None) -> bool:
    """The student evaluates once the conversation is closed or its time has come."""
    if conversation.status == ConversationStatus.CLOSED:
        return True
    return conversation.status == ConversationStatus.PLANNED and conversation.scheduled_at <= (
        now or timezone.now()
    )


@leaves_trace
@transaction.atomic
def record_evaluation(
    *, by: Role, conversation: Conversation, useful: int, room: int, comment: str = ""
) -> Conversation:
    """The student's one-minute evaluation; it may be changed later."""
    require(by, can_evaluate, conversation)
    if not evaluation_is_open(conversation):
        raise ValidationError(_("Je kunt het gesprek pas beoordelen als het geweest is."))
    errors: dict[str, str] = {}
    if useful not in EVALUATION_VALUES:
        errors["useful"] = _("Kies nee, een beetje of ja.")
    if room not in EVALUATION_VALUES:
        errors["room"] = _("Kies nee, een beetje of ja.")
    if errors:
        raise ValidationError(errors)
    conversation.evaluation_useful = useful
    conversation.evaluation_room = room
    conversation.evaluation_comment = (comment or "").strip()
    conversation.save(update_fields=["evaluation_useful", "evaluation_room", "evaluation_comment"])
    refresh_mirror(conversation)
    record_change(by=by, student=conversation.student, change="conversation.evaluated")
    return conversation


MENTOR_REFLECTION_FIELDS = ("mentor_reflection",)  # what the note form changes, and its version covers


@transaction.atomic
def record_mentor_reflection(
    *, by: Role, conversation: Conversation, text: str, version: str | None = None
) -> Conversation:
    """What the mentor noticed worked well in this conversation. Against a changed ``version`` (the other
    holder saved it since) ``EditConflict``."""
    require(by, can_hold_conversation, conversation)
    conversation.mentor_reflection = (text or "").strip()
    save_unless_changed(conversation, fields=MENTOR_REFLECTION_FIELDS, version=version, touch=())
    refresh_mirror(conversation)
    return conversation
