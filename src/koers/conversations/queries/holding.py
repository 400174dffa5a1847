"""Reads for the conversation hub, the guide mode and student-chair mode, each in a fixed number of queries.

The mentor's preparation view shows everything needed on one screen: the preparations, the agreements of the
previous closed conversation with their status, what the student experienced and reflected on since, the
qualities and motives so far and the notes of last time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from koers.common.versions import version_of
from koers.conversations.models import (
    Agreement,
    Conversation,
    ConversationStatus,
    ConversationTag,
    PhaseNote,
    Preparation,
    PrivateNote,
    TagKind,
)
from koers.conversations.rules import (
    can_hold_conversation,
    can_prepare,
    can_read_conversation_goal,
    guardian_reads_summary,
    is_guardian_of,
    is_participant_student,
)
from koers.dossier.models import Experience, Reflection, StudentTrait
from koers.language.content import pick_text
from koers.lob.models import Trait
from koers.lob.vocabulary import Phase, TraitKind
from koers.schools.models import Role

RECENT_LIMIT: Final = 12

# Shown in guide mode when the type's guide has no reminders of its own.
DEFAULT_REMINDERS: Final = (
    _("Luister vooral; laat stiltes even bestaan."),
    _("Vat af en toe samen wat je hoort, in de woorden van de leerling."),
    _("Vraag door: hoe, wat precies, wat deed jij toen?"),
    _("Vul niet in voor de leerling; het antwoord is van hen."),
    _("Houd je oordeel en advies nog even voor je."),
    _("Controleer of je het goed begrepen hebt voordat je verder gaat."),
)

# Student-chair mode: one short prompt per phase, in simple words, so the student can lead.
CHAIR_PROMPTS: Final = {
    Phase.GOAL: pgettext_lazy("chair prompt", "Zeg waarover je wilt praten en wat je wilt weten."),
    Phase.EXPERIENCE: pgettext_lazy("chair prompt", "Vertel over iets wat je hebt gedaan of meegemaakt."),
    Phase.QUALITIES: pgettext_lazy("chair prompt", "Wat ging goed? Waar ben jij goed in?"),
    Phase.MOTIVES: pgettext_lazy("chair prompt", "Wat vond je leuk of belangrijk? Wat juist niet?"),
    Phase.WORK_EXPLORATION: pgettext_lazy("chair prompt", "Welk werk past daarbij? Wat wil je nog weten?"),
    Phase.CAREER_STEERING: pgettext_lazy("chair prompt", "Wat is je volgende stap? Wat kies je?"),
    Phase.NETWORKING: pgettext_lazy("chair prompt", "Wie kan je helpen? Wie ga je iets vragen?"),
    Phase.CLOSING: pgettext_lazy("chair prompt", "Wat ga je doen, wanneer, en hoe weet je dat het lukte?"),
}


def _texts(items: Any) -> list[str]:
    """Guide questions may be plain strings or a text per language."""
    found: list[str] = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            text = pick_text({k: v for k, v in item.items() if isinstance(v, str)})
        else:
            text = str(item)
        if text:
            found.append(text)
    return found


@dataclass
class GuidePhase:
    key: str
    label: str
    questions: list[str]
    deeper: list[str]
    note: str = ""
    prompt: str = ""

    @property
    def version(self) -> str:
        return note_version(self.note)


def note_version(text: str) -> str:
    """The version of a note: what an editor started from, so a save against a changed note is noticed
    (the domain refuses it and shows both texts) instead of silently overwriting someone else's words.
    The same version as every edit form's (``common.versions``) of a ``text`` field."""
    return version_of({"text": text})


def guide_phases(conversation: Conversation, notes: dict[str, str] | None = None) -> list[GuidePhase]:
    """The phases in their usual order with the type's questions (no query: the type is already loaded)."""
    guide = conversation.type.guide if isinstance(conversation.type.guide, dict) else {}
    found = guide.get("phases")
    phases: dict[str, Any] = found if isinstance(found, dict) else {}
    notes = notes or {}
    result = []
    for phase in Phase:
        entry = phases.get(phase.value) or {}
        if not isinstance(entry, dict):
            entry = {}
        result.append(
            GuidePhase(
                key=phase.value,
                label=str(phase.label),
                questions=_texts(entry.get("questions")),
                deeper=_texts(entry.get("deeper")),
                note=notes.get(phase.value, ""),
                prompt=str(CHAIR_PROMPTS[phase]),
            )
        )
    return result


def reminders_of(conversation: Conversation) -> list[str]:
    guide = conversation.type.guide if isinstance(conversation.type.guide, dict) else {}
    return _texts(guide.get("reminders")) or [str(r) for r in DEFAULT_REMINDERS]


def _notes_by_phase(conversation: Conversation) -> dict[str, str]:
    return dict(PhaseNote.objects.filter(conversation=conversation).values_list("phase", "text"))


def _tags(conversation: Conversation) -> list[ConversationTag]:
    return list(ConversationTag.objects.filter(conversation=conversation).select_related("trait"))


def _private_note(role: Role, conversation: Conversation) -> str:
    note = PrivateNote.objects.filter(conversation=conversation, author_id=role.user_id).first()
    return note.text if note else ""


@dataclass
class Hub:
    """Everything the hub page shows to one role."""

    conversation: Conversation
    is_holder: bool = False
    is_student: bool = False
    is_guardian: bool = False
    may_prepare: bool = False
    preparations: list[Preparation] = field(default_factory=list)
    own_preparation: Preparation | None = None
    phases: list[GuidePhase] = field(default_factory=list)
    show_notes: bool = False
    agreements: list[Agreement] = field(default_factory=list)
    show_summary: bool = False
    show_goal: bool = True
    tags: list[ConversationTag] = field(default_factory=list)
    private_note: str = ""
    # The preparation view for the holder.
    previous: Conversation | None = None
    previous_agreements: list[Agreement] = field(default_factory=list)
    previous_notes: list[PhaseNote] = field(default_factory=list)
    experiences: list[Experience] = field(default_factory=list)
    reflections: list[Reflection] = field(default_factory=list)
    qualities: list[StudentTrait] = field(default_factory=list)
    motives: list[StudentTrait] = field(default_factory=list)

    @property
    def is_closed(self) -> bool:
        return self.conversation.status == ConversationStatus.CLOSED

    @property
    def is_planned(self) -> bool:
        return self.conversation.status == ConversationStatus.PLANNED


def previous_conversation(conversation: Conversation) -> Conversation | None:
    """The student's last closed conversation before this one, with its agreements and notes."""
    if conversation.student_id is None:
        return None
    return (
        Conversation.objects.filter(
            student_id=conversation.student_id,
            status=ConversationStatus.CLOSED,
            scheduled_at__lt=conversation.scheduled_at,
        )
        .exclude(pk=conversation.pk)
        .select_related("type")
        .prefetch_related(
            Prefetch("agreements", queryset=Agreement.objects.select_related("action").order_by("pk")),
            Prefetch("phase_notes", queryset=PhaseNote.objects.exclude(text="")),
        )
        .order_by("-scheduled_at")
        .first()
    )


def _agreements(conversation: Conversation) -> list[Agreement]:
    return list(Agreement.objects.filter(conversation=conversation).select_related("action").order_by("pk"))


def hub_for(role: Role, conversation: Conversation) -> Hub:
    """The hub of one conversation as ``role`` may see it."""
    hub = Hub(
        conversation=conversation,
        is_holder=can_hold_conversation(role, conversation),
        is_student=is_participant_student(role, conversation),
        is_guardian=is_guardian_of(role, conversation),
    )
    hub.may_prepare = hub.is_planned and can_prepare(role, conversation)
    hub.show_goal = can_read_conversation_goal(role, conversation)
    preparations = Preparation.objects.filter(conversation=conversation).select_related(
        "experience", "author"
    )
    if hub.is_holder:
        hub.preparations = _preparations(conversation)
    else:
        hub.own_preparation = preparations.filter(author_id=role.user_id).first()
    if hub.is_holder or hub.is_student:
        hub.show_notes = True
        hub.phases = guide_phases(conversation, _notes_by_phase(conversation))
        hub.agreements = _agreements(conversation)
        hub.tags = _tags(conversation)
        hub.show_summary = True
    elif hub.is_guardian and guardian_reads_summary(role, conversation):
        hub.agreements = _agreements(conversation)
        hub.show_summary = True
    if hub.is_holder:
        hub.private_note = _private_note(role, conversation)
        _fill_preparation_view(hub)
    return hub


def _fill_preparation_view(hub: Hub) -> None:
    conversation = hub.conversation
    if conversation.student_id is None:
        return
    previous = previous_conversation(conversation)
    hub.previous = previous
    since = None
    if previous is not None:
        hub.previous_agreements = list(previous.agreements.all())
        order = {phase.value: index for index, phase in enumerate(Phase)}
        hub.previous_notes = sorted(previous.phase_notes.all(), key=lambda n: order.get(n.phase, 99))
        since = previous.closed_at or previous.scheduled_at
    experiences = Experience.objects.filter(student_id=conversation.student_id)
    reflections = Reflection.objects.filter(student_id=conversation.student_id).select_related("experience")
    if since is not None:
        experiences = experiences.filter(created_at__gte=since)
        reflections = reflections.filter(created_at__gte=since)
    hub.experiences = list(experiences.order_by("-happened_on", "-created_at")[:RECENT_LIMIT])
    hub.reflections = list(reflections.order_by("-created_at")[:RECENT_LIMIT])
    traits = list(StudentTrait.objects.filter(student_id=conversation.student_id).select_related("trait"))
    hub.qualities = [t for t in traits if t.kind == TraitKind.QUALITY]
    hub.motives = [t for t in traits if t.kind == TraitKind.MOTIVE]


@dataclass
class GuideMode:
    conversation: Conversation
    phases: list[GuidePhase]
    reminders: list[str]
    tags: list[ConversationTag]
    qualities: list[Trait]
    motives: list[Trait]
    private_note: str
    private_version: str = ""  # what the note editor starts from (note_version)
    private_theirs: str | None = None  # a stored note shown beside the editor's after a refused save
    # What the student (and guardians) prepared, so the holder sees it without leaving guide mode.
    preparations: list[Preparation] = field(default_factory=list)


def _preparations(conversation: Conversation) -> list[Preparation]:
    return list(
        Preparation.objects.filter(conversation=conversation)
        .select_related("experience", "author")
        .order_by("author_role", "pk")
    )


def guide_mode_for(role: Role, conversation: Conversation) -> GuideMode:
    catalogue = list(Trait.objects.all())
    return GuideMode(
        preparations=_preparations(conversation),
        conversation=conversation,
        phases=guide_phases(conversation, _notes_by_phase(conversation)),
        reminders=reminders_of(conversation),
        tags=_tags(conversation),
        qualities=[t for t in catalogue if t.kind == TraitKind.QUALITY],
        motives=[t for t in catalogue if t.kind == TraitKind.MOTIVE],
        private_note=(note := _private_note(role, conversation)),
        private_version=note_version(note),
    )


def tags_of(conversation: Conversation) -> list[ConversationTag]:
    return _tags(conversation)


def chair_phases(conversation: Conversation) -> list[GuidePhase]:
    return guide_phases(conversation, _notes_by_phase(conversation))


TAG_KIND_LABELS: Final = dict(TagKind.choices)
