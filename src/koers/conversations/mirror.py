"""The conversation mirror: which marks of a good career conversation were present in one conversation.

The marks are derived from what was recorded while preparing, holding and closing the conversation; nobody
fills them in. A mentor uses them to look at their own practice, the counsellor sees them summed per round and
year level. Only closed conversations with one student have a mirror: a group conversation or one that has not
taken place yet gets an empty one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from koers.conversations.models import (
    Agreement,
    Conversation,
    ConversationStatus,
    ConversationTag,
    Party,
    PhaseNote,
    Preparation,
    TagKind,
)
from koers.lob.vocabulary import Phase
from koers.schools.models import RoleKind


@dataclass(frozen=True)
class Mark:
    key: str
    label: Promise
    why: Promise
    icon: str  # the name of a pictogram
    short: Promise


MARKS: tuple[Mark, ...] = (
    Mark(
        "student_agenda",
        _("De leerling bracht een eigen onderwerp in"),
        _("Wie de agenda bepaalt, stuurt het gesprek: het werkt het best als de leerling het opent."),
        "action.lead",
        pgettext_lazy("conversation mirror", "Eigen agenda"),
    ),
    Mark(
        "from_experience",
        _("Begonnen bij iets wat de leerling echt heeft meegemaakt"),
        _("Een concrete gebeurtenis met een gevoel erbij maakt het gesprek persoonlijk en eerlijk."),
        "phase.experience",
        pgettext_lazy("conversation mirror", "Ervaring"),
    ),
    Mark(
        "qualities",
        _("Gepraat over waar de leerling goed in is"),
        _("Wie zijn sterke kanten kent, kan beter kiezen en zichzelf beter presenteren."),
        "competence.qualities",
        pgettext_lazy("conversation mirror", "Kwaliteiten"),
    ),
    Mark(
        "motives",
        _("Gepraat over wat de leerling belangrijk vindt"),
        _("Drijfveren laten zien welk werk en welke opleiding echt bij iemand passen."),
        "competence.motives",
        pgettext_lazy("conversation mirror", "Motieven"),
    ),
    Mark(
        "work",
        _("Werk of beroepen verkend"),
        _("Inzicht in jezelf krijgt pas richting als je het koppelt aan echt werk."),
        "competence.work_exploration",
        pgettext_lazy("conversation mirror", "Werk"),
    ),
    Mark(
        "smart_agreements",
        _("Duidelijke afspraak voor de leerling (wat, wanneer, hoe weet je dat het gelukt is)"),
        _("Een kleine, concrete stap met een datum wordt vaker echt gezet."),
        "phase.goal",
        pgettext_lazy("conversation mirror", "Heldere afspraak"),
    ),
    Mark(
        "revisited",
        _("Afspraken van de vorige keer besproken"),
        _("Terugkijken op eerdere stappen maakt van losse gesprekken één doorlopende lijn."),
        "thing.revisit",
        pgettext_lazy("conversation mirror", "Terugblik"),
    ),
    Mark(
        "positive_evaluation",
        _("De leerling vond het gesprek nuttig en kreeg ruimte"),
        _("Het gesprek is van de leerling; diens eigen oordeel zegt het meest over hoe het ging."),
        "rating.yes",
        pgettext_lazy("conversation mirror", "Oordeel leerling"),
    ),
)

MARK_KEYS: tuple[str, ...] = tuple(mark.key for mark in MARKS)

# Evaluation answers run 1 (no) .. 3 (yes); "a bit" already counts as positive.
POSITIVE_FROM = 2
# A phase counts as discussed when its note says something: a word or two is a heading, not a discussion.
NOTE_WORDS = 4


def _has_text(value: str | None) -> bool:
    return bool(value and value.strip())


def _says_something(value: str | None) -> bool:
    return len((value or "").split()) >= NOTE_WORDS


def _previous_closed(conversation: Conversation, student_id: int) -> Conversation | None:
    return (
        Conversation.objects.filter(
            student_id=student_id,
            status=ConversationStatus.CLOSED,
            scheduled_at__lt=conversation.scheduled_at,
        )
        .exclude(pk=conversation.pk)
        .order_by("-scheduled_at", "-pk")
        .first()
    )


def mirror_of(conversation: Conversation) -> dict[str, bool | None]:
    """The marks present in a closed conversation with one student; empty for any other conversation. A mark
    that cannot apply is None (revisiting agreements in a first conversation, or when none were made)."""
    if conversation.status != ConversationStatus.CLOSED or conversation.student_id is None:
        return {}
    student = conversation.student
    assert student is not None

    notes = {
        phase: text
        for phase, text in PhaseNote.objects.filter(conversation=conversation).values_list("phase", "text")
        if _says_something(text)
    }
    tag_kinds = set(ConversationTag.objects.filter(conversation=conversation).values_list("kind", flat=True))
    own = Preparation.objects.filter(
        conversation=conversation, author_id=student.user_id, author_role=RoleKind.STUDENT
    ).first()
    brought_experience = own is not None and own.experience_id is not None
    # The student set the agenda when their preparation brought their own topic (written or spoken).
    own_topic = own is not None and (_has_text(own.talk_about) or bool(own.voice))
    smart = any(
        _has_text(what) and due_on is not None and _has_text(done_when)
        for what, due_on, done_when in Agreement.objects.filter(
            conversation=conversation, party=Party.STUDENT
        ).values_list("action__what", "action__due_on", "action__done_when")
    )
    previous = _previous_closed(conversation, student.pk)
    revisited: bool | None = None
    if previous is not None:
        earlier = Agreement.objects.filter(conversation=previous)
        if earlier.exists():
            revisited = earlier.filter(revisited_in=conversation).exists()
    useful, room = conversation.evaluation_useful, conversation.evaluation_room

    return {
        "student_agenda": own_topic,
        "from_experience": brought_experience or Phase.EXPERIENCE.value in notes,
        "qualities": TagKind.QUALITY.value in tag_kinds or Phase.QUALITIES.value in notes,
        "motives": TagKind.MOTIVE.value in tag_kinds or Phase.MOTIVES.value in notes,
        "work": TagKind.OCCUPATION.value in tag_kinds or Phase.WORK_EXPLORATION.value in notes,
        "smart_agreements": smart,
        "revisited": revisited,
        "positive_evaluation": (
            useful is not None and room is not None and useful >= POSITIVE_FROM and room >= POSITIVE_FROM
        ),
    }


def refresh_mirror(conversation: Conversation) -> dict[str, bool | None]:
    """Derive the mirror again and store it on the conversation; called after every closing step."""
    conversation.mirror = mirror_of(conversation)
    conversation.save(update_fields=["mirror"])
    return conversation.mirror


def mirror_items(mirror: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The marks in their fixed order, each present or not, for ``conversations/_mirror.html``."""
    mirror = mirror or {}
    return [
        {
            "key": mark.key,
            "label": mark.label,
            "short": mark.short,
            "why": mark.why,
            "icon": mark.icon,
            "present": bool(mirror.get(mark.key)),
            "applies": mirror.get(mark.key, False) is not None,
        }
        for mark in MARKS
    ]
