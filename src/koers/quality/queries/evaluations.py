"""Reads for evaluations: the lists, the answer form, and a round's results per question and group compared
with the round before. No group, question or download shows a figure or an open answer for fewer than
``MIN_GROUP`` respondents, and nothing here reads who answered: results come from the anonymous responses.

``evaluation_results`` costs three queries whatever the number of responses: the previous round and the
responses of both rounds (the round itself is read by the caller).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from koers.common.lookups import one_or_404
from koers.quality.domain.evaluations import may_answer
from koers.quality.models import (
    Audience,
    EvaluationResponse,
    EvaluationRound,
    EvaluationTicket,
    Questionnaire,
)
from koers.quality.rules import can_run_quality, can_see_quality
from koers.schools.models import Membership, Role, RoleKind

MIN_GROUP = 5


def get_evaluation_for(role: Role, pk: int) -> EvaluationRound:
    """A round this role may answer (its audience) or read the results of (counsellor, leader)."""
    found = one_or_404(EvaluationRound.objects.filter(school_id=role.school_id), pk=pk)
    if not (can_see_quality(role) or may_answer(role, found)):
        raise Http404
    return found


def get_questionnaire_for(role: Role, audience: str) -> Questionnaire:
    if not can_run_quality(role) or audience not in Audience.values:
        raise Http404
    return one_or_404(Questionnaire.objects.filter(school_id=role.school_id), audience=audience)


def questionnaires_of(role: Role) -> dict[str, Questionnaire]:
    """The school's question list per audience (copied into the school when it was created)."""
    return {q.audience: q for q in Questionnaire.objects.filter(school_id=role.school_id)}


def rounds_of(role: Role) -> list[EvaluationRound]:
    return list(EvaluationRound.objects.filter(school_id=role.school_id))


def open_rounds_for(role: Role, audience: str) -> list[EvaluationRound]:
    """Open rounds for this audience that this person has not answered yet. One query."""
    answered = EvaluationTicket.objects.filter(user_id=role.user_id).values("round_id")
    return list(
        EvaluationRound.objects.filter(
            school_id=role.school_id, audience=audience, closed_at__isnull=True
        ).exclude(pk__in=answered)
    )


def has_answered(role: Role, evaluation: EvaluationRound) -> bool:
    return EvaluationTicket.objects.filter(round=evaluation, user_id=role.user_id).exists()


def group_of(role: Role) -> str:
    """The group an answer counts in: a student's current year level, a member of staff's role."""
    if role.kind == RoleKind.STUDENT:
        level = (
            Membership.objects.current()
            .filter(student__user_id=role.user_id, school_id=role.school_id)
            .values_list("group__year_level", flat=True)
            .first()
        )
        return f"leerjaar {level}" if level else ""
    return str(role.kind)


@dataclass
class GroupLine:
    label: str
    count: int
    mean: float | None  # None: fewer than MIN_GROUP answered, not shown
    distribution: list[int] = field(default_factory=list)  # answers 1..4, only when shown

    @property
    def hidden(self) -> bool:
        return self.mean is None


@dataclass
class QuestionResult:
    key: str
    kind: str
    text: str
    overall: GroupLine
    groups: list[GroupLine]
    previous_mean: float | None
    texts: list[str]

    @property
    def difference(self) -> float | None:
        if self.overall.mean is None or self.previous_mean is None:
            return None
        return round(self.overall.mean - self.previous_mean, 1)


@dataclass
class EvaluationResults:
    round: EvaluationRound
    previous: EvaluationRound | None
    respondents: int
    shown: bool  # False: fewer than MIN_GROUP responses, nothing is shown
    questions: list[QuestionResult]


def _line(label: str, scores: list[int]) -> GroupLine:
    if len(scores) < MIN_GROUP:
        return GroupLine(label=label, count=len(scores), mean=None)
    counts = Counter(scores)
    return GroupLine(
        label=label,
        count=len(scores),
        mean=round(sum(scores) / len(scores), 1),
        distribution=[counts.get(value, 0) for value in (1, 2, 3, 4)],
    )


def _group_label(group: str) -> str:
    if group in RoleKind.values:
        return str(RoleKind(group).label)
    return group or _("onbekend")


def evaluation_results(evaluation: EvaluationRound) -> EvaluationResults:
    previous = (
        EvaluationRound.objects.filter(
            school_id=evaluation.school_id,
            audience=evaluation.audience,
            closed_at__isnull=False,
            opened_at__lt=evaluation.opened_at,
        )
        .order_by("-opened_at")
        .first()
    )
    rows = list(
        EvaluationResponse.objects.filter(round_id__in=[evaluation.pk] + ([previous.pk] if previous else []))
        .order_by("group", "answers")
        .values_list("round_id", "group", "answers")
    )
    this = [(group, answers) for round_id, group, answers in rows if round_id == evaluation.pk]
    before = [answers for round_id, _group, answers in rows if previous and round_id == previous.pk]
    shown = len(this) >= MIN_GROUP
    questions = []
    for question in evaluation.questions:
        key = question["key"]
        per_group: dict[str, list[int]] = defaultdict(list)
        everyone: list[int] = []
        written: list[str] = []
        for group, answers in this:
            value = answers.get(key)
            if isinstance(value, int):
                per_group[group].append(value)
                everyone.append(value)
            elif isinstance(value, str) and value:
                written.append(value)
        earlier = [a[key] for a in before if isinstance(a.get(key), int)]
        questions.append(
            QuestionResult(
                key=key,
                kind=question["kind"],
                text=question["text"],
                overall=_line(_("Iedereen"), everyone),
                groups=[_line(_group_label(group), per_group[group]) for group in sorted(per_group)],
                previous_mean=_line("", earlier).mean,
                texts=sorted(written) if len(written) >= MIN_GROUP and shown else [],
            )
        )
    return EvaluationResults(
        round=evaluation, previous=previous, respondents=len(this), shown=shown, questions=questions
    )


def results_as_rows(results: EvaluationResults) -> tuple[list[str], list[list[Any]]]:
    """Scale questions per group, with the same threshold as the page; open answers are not exported."""
    header = ["vraag", "groep", "aantal", "gemiddelde", "1", "2", "3", "4", "vorige ronde"]
    rows: list[list[Any]] = []
    if not results.shown:
        return header, rows
    for question in results.questions:
        if question.kind != "scale":
            continue
        for line in [question.overall, *question.groups]:
            counts: list[Any] = list(line.distribution) or [None] * 4
            rows.append(
                [
                    question.text,
                    line.label,
                    line.count if not line.hidden else f"< {MIN_GROUP}",
                    line.mean,
                    *counts,
                    question.previous_mean if line is question.overall else None,
                ]
            )
    return header, rows
