"""Reads for the dossier overview and the small portfolio pages, each in a fixed number of queries."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Count, Prefetch, Q, QuerySet, Value

from koers.common.models import AuditEntry
from koers.conversations.models import Conversation, ConversationStatus, ConversationTag, TagKind
from koers.dossier.models import (
    Action,
    ActionStatus,
    Ambition,
    AmbitionStep,
    Compliment,
    Contact,
    Experience,
    Reflection,
    StudentTrait,
)
from koers.dossier.rules import can_see_everything
from koers.lob.vocabulary import TraitKind, feeling_pictogram, kind_pictogram
from koers.schools.models import Group, Role, RoleKind, Student
from koers.schools.queries import current_group_of, guardian_sees_dossier_of

RECENT_EXPERIENCES = 5
RECENT_COMPLIMENTS = 12
RECENT_CLOSED_ACTIONS = 5
ACCESS_LOG_LIMIT = 200
RECENT_CONVERSATIONS = 6


class Visibility(enum.Enum):
    """How much of a dossier a role sees."""

    FULL = "full"  # the student, and mentors and counsellors who follow them
    SHARED = "shared"  # a guardian with parental authority: only what the student shares
    NONE = "none"  # a guardian without authority, or of a 16+ student who hid the dossier: nothing


def visibility_for(role: Role, student: Student) -> Visibility:
    if can_see_everything(role, student):
        return Visibility.FULL
    if role.kind == RoleKind.GUARDIAN and guardian_sees_dossier_of(role, student):
        return Visibility.SHARED
    return Visibility.NONE


M = TypeVar("M", Experience, Reflection, StudentTrait, Ambition, Contact, Action)


def shared_only(queryset: QuerySet[M], visibility: Visibility) -> QuerySet[M]:
    """Narrow a queryset of dossier items to what this visibility may see."""
    if visibility is Visibility.FULL:
        return queryset
    if visibility is Visibility.SHARED:
        return queryset.filter(shared_with_guardians=True)
    return queryset.none()


@dataclass
class ExperienceCard:
    """An experience as a list shows it: pictograms and how much hangs under it."""

    experience: Experience
    evidence_count: int
    reflection_count: int

    @property
    def kind_icon(self) -> str:
        return kind_pictogram(self.experience.kind)

    @property
    def feeling_icon(self) -> str:
        return feeling_pictogram(self.experience.feeling)


def experience_cards(
    queryset: QuerySet[Experience], visibility: Visibility, *, limit: int | None = None
) -> list[ExperienceCard]:
    """Cards for ``queryset`` (at most ``limit``), with the number of evidence files and visible reflections.

    The counts join the experience's own rows (no school filter inside the join), so SQLite looks them up
    on the experience index; a correlated subquery carried the scope's school filter and let SQLite pick
    the school index, reading every reflection of the school for each card.
    """
    if visibility is Visibility.NONE:
        n_reflections: Any = Value(0)
    elif visibility is Visibility.SHARED:
        n_reflections = Count("reflections", distinct=True, filter=Q(reflections__shared_with_guardians=True))
    else:
        n_reflections = Count("reflections", distinct=True)
    annotated = queryset.annotate(n_evidence=Count("evidence", distinct=True), n_reflections=n_reflections)
    if limit is not None:
        annotated = annotated[:limit]
    return [ExperienceCard(e, e.n_evidence, e.n_reflections) for e in annotated]


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


def traits_of(student: Student, visibility: Visibility) -> list[StudentTrait]:
    # The student's own experiences only (the domain links no others): this also lets SQLite find them on
    # the student index instead of walking every experience of the school.
    linked = shared_only(Experience.objects.filter(student=student).order_by("-happened_on"), visibility)
    return list(
        shared_only(StudentTrait.objects.filter(student=student), visibility)
        .select_related("trait")
        .prefetch_related(Prefetch("experiences", queryset=linked))
    )


def ambitions_of(student: Student, visibility: Visibility) -> list[Ambition]:
    return list(
        shared_only(Ambition.objects.filter(student=student), visibility).prefetch_related(
            Prefetch("steps", queryset=AmbitionStep.objects.order_by("order", "pk"))
        )
    )


def dossier_overview(*, role: Role, student: Student) -> Overview:
    """The dossier page of ``student`` as ``role`` may see it."""
    visibility = visibility_for(role, student)
    overview = Overview(student=student, visibility=visibility, group=current_group_of(student))
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


def access_log_of(student: Student) -> list[AuditEntry]:
    """Who looked at this dossier, newest first."""
    return list(AuditEntry.objects.filter(student=student).select_related("actor")[:ACCESS_LOG_LIMIT])


def own_experiences(student: Student) -> QuerySet[Experience]:
    """The student's experiences, newest first, for choosing which ones show a trait or lead to an action."""
    return Experience.objects.filter(student=student).order_by("-happened_on", "-created_at")
