"""Evaluation verbs: edit a question list, open and close a round, answer it anonymously (once).

Anonymity: the answer (``EvaluationResponse``) holds no person and no time, only the group it counts in; a
separate ``EvaluationTicket`` says that someone answered, with no answer. Both are written in one transaction
so an answer is never half-saved and nobody answers twice.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.common.versions import save_unless_changed
from koers.quality import family_texts as texts
from koers.quality.models import (
    Audience,
    EvaluationResponse,
    EvaluationRound,
    EvaluationTicket,
    Questionnaire,
)
from koers.quality.rules import (
    can_answer_staff_evaluation,
    can_answer_student_evaluation,
    can_run_quality,
)
from koers.schools.models import Role, SchoolYear

OPEN_PREFIX = "open:"


def questions_as_text(questions: list[dict[str, Any]]) -> str:
    return "\n".join(
        (OPEN_PREFIX + " " if question["kind"] == "text" else "") + question["text"] for question in questions
    )


def parse_questions(text: str, current: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One question per line; a line starting with ``open:`` is an open question. A line whose text is
    unchanged keeps its key and translations, so earlier rounds and translations still match."""
    by_text = {question["text"]: question for question in current}
    used = {question["key"] for question in current}
    questions = []
    for number, line in enumerate(line.strip() for line in (text or "").splitlines()):
        if not line:
            continue
        kind = "scale"
        if line.lower().startswith(OPEN_PREFIX):
            kind, line = "text", line[len(OPEN_PREFIX) :].strip()
        if not line:
            continue
        known = by_text.get(line)
        if known is not None and known["kind"] == kind:
            questions.append(known)
            continue
        key = re.sub(r"[^a-z0-9]+", "_", line.lower())[:30].strip("_") or f"q{number}"
        while key in used:
            key += "_"
        used.add(key)
        questions.append({"key": key, "kind": kind, "text": line, "translations": {}})
    return questions


QUESTIONNAIRE_FIELDS = ("title", "questions")  # what the questionnaire form changes, and its version covers


@transaction.atomic
def update_questionnaire(
    *, by: Role, questionnaire: Questionnaire, title: str, questions: str, version: str | None = None
) -> Questionnaire:
    """Change the title and questions; against a changed ``version`` (someone else saved since)
    ``EditConflict``."""
    require(by, can_run_quality, questionnaire)
    title = (title or "").strip()
    errors = {}
    if not title:
        errors["title"] = _("Geef de vragenlijst een titel.")
    parsed = parse_questions(questions, questionnaire.questions)
    if not parsed:
        errors["questions"] = _("Schrijf minstens één vraag op.")
    if errors:
        raise ValidationError(errors)
    questionnaire.title, questionnaire.questions = title, parsed
    save_unless_changed(questionnaire, fields=QUESTIONNAIRE_FIELDS, version=version)
    return questionnaire


@transaction.atomic
def open_evaluation(
    *, by: Role, questionnaire: Questionnaire, name: str, school_year: SchoolYear
) -> EvaluationRound:
    require(by, can_run_quality, questionnaire)
    require(by, can_run_quality, school_year)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Geef de ronde een naam, bijvoorbeeld 'Evaluatie voorjaar 2026'.")})
    if EvaluationRound.objects.filter(
        school_id=by.school_id, audience=questionnaire.audience, closed_at__isnull=True
    ).exists():
        raise ValidationError(_("Voor deze groep loopt al een ronde. Sluit die eerst af."))
    return EvaluationRound.objects.create(
        school_id=by.school_id,
        audience=questionnaire.audience,
        school_year=school_year,
        name=name,
        questions=questionnaire.questions,
    )


@transaction.atomic
def close_evaluation(*, by: Role, round: EvaluationRound) -> EvaluationRound:
    require(by, can_run_quality, round)
    locked = EvaluationRound.objects.select_for_update().get(pk=round.pk)
    if locked.closed_at is None:
        locked.closed_at = timezone.now()
        locked.save(update_fields=["closed_at"])
    return locked


def may_answer(role: Role, evaluation: EvaluationRound) -> bool:
    if evaluation.audience == Audience.STUDENT:
        return bool(can_answer_student_evaluation(role, evaluation))
    if evaluation.audience == Audience.STAFF:
        return bool(can_answer_staff_evaluation(role, evaluation))
    return False


def clean_answers(evaluation: EvaluationRound, data: Any) -> dict[str, Any]:
    """The form's ``q-<key>`` fields as stored answers: a score 1-4, or a text of at most 1000 characters."""
    answers: dict[str, Any] = {}
    for question in evaluation.questions:
        raw = (data.get(f"q-{question['key']}") or "").strip()
        if not raw:
            continue
        if question["kind"] == "scale":
            if raw not in {"1", "2", "3", "4"}:
                raise ValidationError(texts.BAD_SCORE)
            answers[question["key"]] = int(raw)
        else:
            answers[question["key"]] = raw[:1000]
    return answers


@transaction.atomic
def answer_evaluation(*, by: Role, evaluation: EvaluationRound, data: Any, group: str) -> EvaluationResponse:
    if not may_answer(by, evaluation):
        raise PermissionDenied
    locked = EvaluationRound.objects.select_for_update().get(pk=evaluation.pk)
    if locked.closed_at is not None:
        raise ValidationError(texts.CLOSED)
    answers = clean_answers(locked, data)
    if not answers:
        raise ValidationError(texts.EMPTY)
    try:
        with transaction.atomic():
            EvaluationTicket.objects.create(school_id=by.school_id, round=locked, user_id=by.user_id)
    except IntegrityError as error:
        raise ValidationError(texts.ANSWERED) from error
    return EvaluationResponse.objects.create(
        school_id=by.school_id, round=locked, group=group, answers=answers
    )
