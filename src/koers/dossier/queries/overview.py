"""What a role sees of a dossier, the experience cards, who looked, and the lookup of an own item.

The overview page, which also lists conversations, is composed above the areas in ``overview/``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Count, Q, QuerySet, Value
from django.http import Http404

from koers.access.models import AuditEntry
from koers.access.rules import is_guardian
from koers.common.lookups import one_or_404
from koers.dossier.models import (
    SHAREABLE,
    Action,
    Ambition,
    AmbitionStep,
    Contact,
    Experience,
    Reflection,
    SharedItem,
    StudentTrait,
)
from koers.dossier.rules import can_keep_dossier, can_see_everything
from koers.lob.vocabulary import feeling_pictogram, kind_pictogram
from koers.schools.models import Role, Student
from koers.schools.queries import guardian_sees_dossier_of

ACCESS_LOG_LIMIT = 200


class Visibility(enum.Enum):
    """How much of a dossier a role sees."""

    FULL = "full"  # the student, and mentors and counsellors who follow them
    SHARED = "shared"  # a guardian with parental authority: only what the student shares
    NONE = "none"  # a guardian without authority, or of a 16+ student who hid the dossier: nothing


def visibility_for(role: Role, student: Student) -> Visibility:
    if can_see_everything(role, student):
        return Visibility.FULL
    if is_guardian(role) and guardian_sees_dossier_of(role, student):
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
    # A GROUP BY drops the model's default ordering (Django does not apply Meta.ordering to aggregate
    # queries), so the order is given here: without it the page showed the *oldest* experiences.
    ordering = queryset.query.order_by or ("-happened_on", "-created_at", "-pk")
    annotated = queryset.annotate(
        n_evidence=Count("evidence", distinct=True), n_reflections=n_reflections
    ).order_by(*ordering)
    if limit is not None:
        annotated = annotated[:limit]
    return [ExperienceCard(e, e.n_evidence, e.n_reflections) for e in annotated]


def access_log_of(student: Student) -> list[AuditEntry]:
    """Who looked at this dossier, newest first."""
    return list(AuditEntry.objects.filter(student=student).select_related("actor")[:ACCESS_LOG_LIMIT])


def access_log_for_guardian(student: Student) -> list[AuditEntry]:
    """Who looked, when and how, without what: a subject may name an item the child does not share (an
    experience, an action point, a conversation), or the dossier a student of 16 hid. The rows leave the
    database without their subject, so no page can show it to a guardian by mistake."""
    entries = AuditEntry.objects.filter(student=student).select_related("actor").defer("subject")
    found = list(entries[:ACCESS_LOG_LIMIT])
    for entry in found:
        entry.subject = ""  # fills the deferred field in memory (the rows are append-only and never saved)
    return found


def own_experiences(student: Student) -> QuerySet[Experience]:
    """The student's experiences, newest first, for choosing which ones show a trait or lead to an action."""
    return Experience.objects.filter(student=student).order_by("-happened_on", "-created_at")


Item = TypeVar("Item", StudentTrait, Ambition, Contact, Action, AmbitionStep, SharedItem)


def own_item(queryset: QuerySet[Item], role: Role, pk: int, student_path: str = "student") -> Item:
    """An item of the dossier the role keeps (a student's own), with the student; otherwise 404."""
    if not can_keep_dossier(role):
        raise Http404
    owned = {f"{student_path}__user_id": role.user_id}
    return one_or_404(queryset.select_related(f"{student_path}__user"), pk=pk, **owned)


def get_shared_item_for(role: Role, kind: str, pk: int) -> SharedItem:
    """An item the student may show to guardians or hide (``kind`` as ``SHAREABLE`` names it)."""
    model = SHAREABLE.get(kind)
    if model is None:
        raise Http404
    return own_item(model.objects.all(), role, pk)
