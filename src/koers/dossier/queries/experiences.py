"""Reads for experiences, evidence, reflections and remarks. Lookups answer 404 for what a role may not see.

Who sees an experience: the student; mentors and counsellors who follow the student; a guardian with
parental authority when the student shares it. Evidence and voice notes have the visibility of their
experience (and, for voice notes, of their reflection).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from koers.access.rules import is_follower, is_guardian, is_student
from koers.dossier.models import (
    Action,
    Evidence,
    EvidenceKind,
    Experience,
    Reflection,
    ReflectionAnswer,
    Remark,
    StudentTrait,
)
from koers.dossier.rules import can_answer_remark, can_edit_dossier, can_remark, can_see_everything
from koers.language.content import pick_text
from koers.lob.models import ReflectionPrompt, Trait
from koers.lob.vocabulary import Competence, TraitKind, competence_pictogram
from koers.schools.family_rules import hidden_dossier_q
from koers.schools.models import Guardianship, Role, Student
from koers.schools.queries import visible_students

COMPETENCE_ORDER = {value: index for index, value in enumerate(Competence.values)}


def _guardian_with_authority(role: Role) -> Exists:
    return Exists(
        Guardianship.objects.filter(
            student_id=OuterRef("student_id"), guardian_id=role.user_id, has_authority=True
        )
    )


def visible_experiences(role: Role | None) -> QuerySet[Experience]:
    if role is None:
        return Experience.objects.none()
    experiences = Experience.objects.filter(student__in=visible_students(role))
    if is_guardian(role):
        return experiences.filter(_guardian_with_authority(role), shared_with_guardians=True).exclude(
            hidden_dossier_q()
        )
    if not (is_student(role) or is_follower(role)):
        return experiences.none()
    return experiences


def get_experience_for(role: Role | None, pk: int) -> Experience:
    """The experience with its student, if this role may see it; otherwise 404."""
    experience = visible_experiences(role).select_related("student__user").filter(pk=pk).first()
    if experience is None:
        raise Http404
    return experience


def get_editable_experience(role: Role | None, pk: int) -> Experience:
    """Only the student changes their own dossier; anyone else gets 404, as if it did not exist."""
    experience = get_experience_for(role, pk)
    if role is None or not can_edit_dossier(role, experience.student):
        raise Http404
    return experience


def get_evidence_for(role: Role | None, pk: int) -> Evidence:
    evidence = (
        Evidence.objects.filter(pk=pk, experience__in=visible_experiences(role))
        .select_related("experience__student")
        .first()
    )
    if evidence is None:
        raise Http404
    return evidence


def get_editable_evidence_for(role: Role | None, pk: int) -> Evidence:
    """Evidence the role may remove: only the student, from their own experience; anyone else gets 404."""
    evidence = get_evidence_for(role, pk)
    if role is None or not can_edit_dossier(role, evidence.experience.student):
        raise Http404
    return evidence


def get_voice_answer_for(role: Role | None, pk: int) -> ReflectionAnswer:
    answers = ReflectionAnswer.objects.filter(
        pk=pk, reflection__experience__in=visible_experiences(role)
    ).exclude(voice="")
    if role is not None and is_guardian(role):
        answers = answers.filter(reflection__shared_with_guardians=True)
    answer = answers.select_related("reflection__student", "reflection__experience").first()
    if answer is None:
        raise Http404
    return answer


def _visible_reflections(role: Role) -> QuerySet[Reflection]:
    reflections = Reflection.objects.all()
    if is_guardian(role):
        reflections = reflections.filter(shared_with_guardians=True)
    return reflections.prefetch_related(
        Prefetch(
            "answers", queryset=ReflectionAnswer.objects.select_related("prompt").order_by("prompt__order")
        )
    )


def remark_thread(*, experience: Experience | None = None, action: Action | None = None) -> list[Remark]:
    remarks = (
        Remark.objects.filter(experience=experience) if experience else Remark.objects.filter(action=action)
    )
    return list(remarks.select_related("author").order_by("created_at", "pk"))


@dataclass
class ExperienceDetail:
    """Everything the experience page shows, read in a fixed number of queries."""

    experience: Experience
    full: bool
    editable: bool
    photos: list[Evidence] = field(default_factory=list)
    videos: list[Evidence] = field(default_factory=list)
    voice_notes: list[Evidence] = field(default_factory=list)
    documents: list[Evidence] = field(default_factory=list)
    reflections: list[Reflection] = field(default_factory=list)
    remarks: list[Remark] = field(default_factory=list)

    @property
    def student(self) -> Student:
        return self.experience.student

    @property
    def has_evidence(self) -> bool:
        return bool(self.photos or self.videos or self.voice_notes or self.documents)

    @property
    def reflected_competences(self) -> set[str]:
        return {r.competence for r in self.reflections}

    @property
    def reflection_items(self) -> list[tuple[str, Reflection]]:
        """Each reflection with the pictogram of its competence."""
        return [(competence_pictogram(r.competence), r) for r in self.reflections]


def experience_detail(role: Role | None, pk: int) -> ExperienceDetail:
    """The experience page: evidence, reflections with answers and, for those in the dialogue, remarks.

    Costs one query for the experience and one per related list, whatever their sizes.
    """
    if role is None:
        raise Http404
    prefetches: list[Prefetch] = [
        Prefetch("evidence", queryset=Evidence.objects.order_by("created_at", "pk")),
        Prefetch("reflections", queryset=_visible_reflections(role)),
    ]
    is_dialogue_party = is_student(role) or is_follower(role)
    if is_dialogue_party:
        prefetches.append(
            Prefetch("remarks", queryset=Remark.objects.select_related("author").order_by("created_at", "pk"))
        )
    experience = (
        visible_experiences(role)
        .select_related("student__user")
        .prefetch_related(*prefetches)
        .filter(pk=pk)
        .first()
    )
    if experience is None:
        raise Http404
    student = experience.student
    evidence = list(experience.evidence.all())
    return ExperienceDetail(
        experience=experience,
        full=can_see_everything(role, student),
        editable=can_edit_dossier(role, student),
        photos=[e for e in evidence if e.kind == EvidenceKind.PHOTO],
        videos=[e for e in evidence if e.kind == EvidenceKind.VIDEO],
        voice_notes=[e for e in evidence if e.kind == EvidenceKind.AUDIO],
        documents=[e for e in evidence if e.kind == EvidenceKind.DOCUMENT],
        reflections=sorted(
            experience.reflections.all(), key=lambda r: COMPETENCE_ORDER.get(r.competence, 99)
        ),
        remarks=list(experience.remarks.all()) if is_dialogue_party else [],
    )


def _names_quality(trait: Trait, text: str) -> bool:
    """Whether ``text`` names the quality: its Dutch name, its simple-language sentence or its name in the
    reader's language, as a whole word (a Dutch adjective may carry an -e: "geduldige")."""
    names = {trait.texts.get("nl"), trait.texts.get("nl_simple"), pick_text(trait.texts)}
    return any(
        re.search(rf"(?<!\w){re.escape(name.lower())}e?(?!\w)", text)
        for name in names
        if isinstance(name, str) and name.strip()
    )


def named_qualities(detail: ExperienceDetail, competence: str) -> list[Trait]:
    """The catalogue qualities the student named in their reflection on ``competence`` that are not in
    their dossier yet: offered to add with one tap, never added by themselves. Two queries."""
    text = " ".join(
        answer.text
        for reflection in detail.reflections
        if reflection.competence == competence
        for answer in reflection.answers.all()
    ).lower()
    if not text.strip():
        return []
    claimed = set(
        StudentTrait.objects.filter(student=detail.student, trait__isnull=False).values_list(
            "trait_id", flat=True
        )
    )
    catalogue = Trait.objects.filter(kind=TraitKind.QUALITY).exclude(pk__in=claimed).order_by("order", "pk")
    return [trait for trait in catalogue if _names_quality(trait, text)]


def prompts_for(competence: str) -> list[ReflectionPrompt]:
    return list(ReflectionPrompt.objects.filter(competence=competence).order_by("order", "pk"))


def reflection_with_answers(experience: Experience, competence: str) -> Reflection | None:
    return (
        Reflection.objects.filter(experience=experience, competence=competence)
        .prefetch_related(Prefetch("answers", queryset=ReflectionAnswer.objects.select_related("prompt")))
        .first()
    )


class RemarkEntry:
    """The query parameter that names the entry of a thread: ``?experience=<pk>`` or ``?action=<pk>``."""

    EXPERIENCE = "experience"
    ACTION = "action"


@dataclass(frozen=True)
class RemarkTarget:
    student: Student
    experience: Experience | None = None
    action: Action | None = None


def get_remark_target(role: Role | None, entry: str, pk: int) -> RemarkTarget:
    """The entry a role wants to remark on, if it takes part in that dialogue; otherwise 404."""
    if role is None:
        raise Http404
    if entry == RemarkEntry.EXPERIENCE:
        experience = get_experience_for(role, pk)
        target = RemarkTarget(student=experience.student, experience=experience)
    elif entry == RemarkEntry.ACTION:
        action = (
            Action.objects.filter(pk=pk, student__in=visible_students(role))
            .select_related("student__user")
            .first()
        )
        if action is None:
            raise Http404
        target = RemarkTarget(student=action.student, action=action)
    else:
        raise Http404
    if not (can_remark(role, target.student) or can_answer_remark(role, target.student)):
        raise Http404
    return target
