"""The dossier overview of one student: everything the dossier page shows, conversations included, in a fixed
number of queries. It reads the dossier and conversations, so it lives above both (docs/architecture.md)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from koers.conversations.models import Conversation, ConversationStatus, ConversationTag, TagKind
from koers.dossier.models import Action, ActionStatus, Ambition, Compliment, Contact, Experience, StudentTrait
from koers.dossier.queries.ambitions import ambitions_of
from koers.dossier.queries.overview import (
    ExperienceCard,
    Visibility,
    experience_cards,
    shared_only,
    visibility_for,
)
from koers.dossier.queries.traits import traits_of
from koers.lob.vocabulary import TraitKind
from koers.schools.models import Group, Role, Student
from koers.schools.queries import current_group_of

RECENT_EXPERIENCES = 5
RECENT_COMPLIMENTS = 12
RECENT_CLOSED_ACTIONS = 5
RECENT_CONVERSATIONS = 6


@dataclass
class ConversationCard:
    """A conversation as the dossier lists it. Everyone who sees the dossier sees that it took place (date,
    type, status); the summary only shows to the student and staff, and to guardians when it was shared."""

    conversation: Conversation
    show_summary: bool

    @property
    def upcoming(self) -> bool:
        return self.conversation.status == ConversationStatus.PLANNED

    @property
    def occupations(self) -> list[ConversationTag]:
        return getattr(self.conversation, "occupation_tags", [])


def conversation_cards(student: Student, visibility: Visibility, *, limit: int) -> list[ConversationCard]:
    """The student's latest one-to-one conversations (not the cancelled ones), newest first: one query, plus
    one for occupation tags when there are conversations at all."""
    if visibility is Visibility.NONE:
        return []
    occupations = ConversationTag.objects.filter(kind=TagKind.OCCUPATION).order_by("created_at", "pk")
    conversations = (
        Conversation.objects.filter(student=student)
        .exclude(status=ConversationStatus.CANCELLED)
        .select_related("type", "mentor")
        .prefetch_related(Prefetch("tags", queryset=occupations, to_attr="occupation_tags"))
        .order_by("-scheduled_at", "-pk")[:limit]
    )
    return [
        ConversationCard(c, show_summary=visibility is Visibility.FULL or c.shared_with_guardians)
        for c in conversations
    ]


@dataclass(frozen=True)
class NextStep:
    kind: str  # "prepare", "action" or "experience"
    conversation: Conversation | None = None
    action: Action | None = None


@dataclass
class Overview:
    """Everything the dossier page shows, read in a fixed number of queries."""

    student: Student
    visibility: Visibility
    group: Group | None = None
    experiences: list[ExperienceCard] = field(default_factory=list)
    experience_total: int = 0
    qualities: list[StudentTrait] = field(default_factory=list)
    motives: list[StudentTrait] = field(default_factory=list)
    compliments: list[Compliment] = field(default_factory=list)
    ambitions: list[Ambition] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    open_actions: list[Action] = field(default_factory=list)
    closed_actions: list[Action] = field(default_factory=list)
    conversations: list[ConversationCard] = field(default_factory=list)

    @property
    def upcoming_conversations(self) -> list[ConversationCard]:
        # Soonest first: the next one is what the student wants to see.
        return sorted(
            (c for c in self.conversations if c.upcoming), key=lambda c: c.conversation.scheduled_at
        )

    @property
    def recent_conversations(self) -> list[ConversationCard]:
        return [c for c in self.conversations if not c.upcoming]

    @property
    def next_step(self) -> NextStep:
        """What the student's own page leads with: the next conversation to prepare, else the open action
        due first (overdue ones come first), else writing down an experience."""
        upcoming = self.upcoming_conversations
        if upcoming:
            return NextStep(kind="prepare", conversation=upcoming[0].conversation)
        if self.open_actions:
            return NextStep(kind="action", action=self.open_actions[0])
        return NextStep(kind="experience")

    @property
    def overdue_count(self) -> int:
        return sum(1 for a in self.open_actions if a.is_overdue())

    @property
    def is_empty(self) -> bool:
        return not (
            self.experiences
            or self.qualities
            or self.motives
            or self.compliments
            or self.ambitions
            or self.contacts
            or self.open_actions
            or self.closed_actions
            or self.conversations
        )


def dossier_overview(*, role: Role, student: Student, with_group: bool = True) -> Overview:
    """The dossier page of ``student`` as ``role`` may see it; without the current group (a query) when the
    page does not show it (the student's own)."""
    visibility = visibility_for(role, student)
    group = current_group_of(student) if with_group else None
    overview = Overview(student=student, visibility=visibility, group=group)
    if visibility is Visibility.NONE:
        return overview

    experiences = shared_only(Experience.objects.filter(student=student), visibility)
    overview.experience_total = experiences.count()
    overview.experiences = experience_cards(experiences, visibility, limit=RECENT_EXPERIENCES)

    traits = traits_of(student, visibility)
    overview.qualities = [t for t in traits if t.kind == TraitKind.QUALITY]
    overview.motives = [t for t in traits if t.kind == TraitKind.MOTIVE]

    compliments = Compliment.objects.filter(student=student).select_related("trait", "given_by")
    if visibility is Visibility.SHARED:
        # Compliments are not the guardian's to see unless they gave them themselves.
        compliments = compliments.filter(given_by_id=role.user_id)
    overview.compliments = list(compliments[:RECENT_COMPLIMENTS])

    overview.ambitions = ambitions_of(student, visibility)
    overview.contacts = list(shared_only(Contact.objects.filter(student=student), visibility))

    actions = shared_only(Action.objects.filter(student=student), visibility).select_related("experience")
    overview.open_actions = list(actions.filter(status=ActionStatus.OPEN).order_by("due_on", "pk"))
    overview.closed_actions = list(
        actions.exclude(status=ActionStatus.OPEN).order_by("-updated_at")[:RECENT_CLOSED_ACTIONS]
    )
    overview.conversations = conversation_cards(student, visibility, limit=RECENT_CONVERSATIONS)
    return overview
