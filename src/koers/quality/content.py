"""The shipped self-scan statements, tasks and question lists (``content/*.yaml``), and their copies into a
school. ``ensure_*`` copies what a school lacks (by key); they are registered with
``schools.content`` and run when a school is created and by ``koers load-content``, never by a page."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

from django.db import transaction

from koers.access.tenancy import school_scope
from koers.language.content import insert_copies, read_yaml_file
from koers.quality.models import Audience, Questionnaire, ScanItem, Task
from koers.schools.models import School

CONTENT_DIR = Path(__file__).parent / "content"


@cache
def _load(name: str) -> Any:
    return read_yaml_file(CONTENT_DIR / name)


def shipped_scan_items() -> list[dict[str, Any]]:
    return list(_load("scan.yaml"))


def shipped_tasks() -> list[dict[str, Any]]:
    return list(_load("tasks.yaml"))


def shipped_questionnaire(audience: str) -> dict[str, Any]:
    return copy.deepcopy(_load("questionnaires.yaml")[audience])


@cache
def _scan_item_rows() -> list[dict[str, Any]]:
    return [
        {
            "key": item["key"],
            "theme": item["theme"],
            "text": item["text"],
            "measure": item.get("measure", ""),
            "order": index,
        }
        for index, item in enumerate(shipped_scan_items())
    ]


@cache
def _task_rows() -> list[dict[str, Any]]:
    return [
        {"key": item["key"], "name": item["name"], "order": index}
        for index, item in enumerate(shipped_tasks())
    ]


@cache
def _questionnaire_rows() -> list[dict[str, Any]]:
    rows = []
    for audience in Audience.values:
        shipped = shipped_questionnaire(audience)
        questions = []
        for question in shipped["questions"]:
            question.setdefault("translations", {})
            question["nl"] = question["text"]  # the Dutch the translations were made from
            questions.append(question)
        rows.append({"audience": audience, "title": shipped["title"], "questions": questions})
    return rows


def ensure_scan_items(school: School) -> None:
    have = set(ScanItem.objects.filter(school=school).values_list("key", flat=True))
    insert_copies(
        ScanItem, school, [row for row in _scan_item_rows() if row["key"] not in have], shipped=True
    )


def ensure_tasks(school: School) -> None:
    if Task.objects.filter(school=school).exists():
        return
    insert_copies(Task, school, _task_rows(), shipped=True)


def ensure_questionnaires(school: School) -> None:
    have = set(Questionnaire.objects.filter(school=school).values_list("audience", flat=True))
    insert_copies(
        Questionnaire, school, [row for row in _questionnaire_rows() if row["audience"] not in have]
    )


def copy_into(school: School) -> None:
    """The school's own copies of the statements, the tasks and the question lists (``schools.content``)."""
    with school_scope(school), transaction.atomic():
        ensure_scan_items(school)
        ensure_tasks(school)
        ensure_questionnaires(school)


def question_text(question: dict[str, Any], language: str) -> tuple[str, str]:
    """The question in ``language`` and the language it is in: the translation while the Dutch text is the
    one it was made from, else the school's own Dutch."""
    if language != "nl" and question.get("nl") == question.get("text"):
        translated = (question.get("translations") or {}).get(language)
        if translated:
            return translated, language
    return question["text"], "nl"


def questions_in(questions: list[dict[str, Any]], language: str, values: Any) -> list[dict[str, Any]]:
    """The questions as an answer form shows them: each in ``language`` where it can be, and the value
    given before (``values`` is the posted data when the form comes back with an error, else empty)."""
    shown = []
    for question in questions:
        text, text_language = question_text(question, language)
        shown.append(
            {
                "key": question["key"],
                "kind": question["kind"],
                "text": text,
                "lang": text_language,
                "value": values.get(f"q-{question['key']}", ""),
            }
        )
    return shown
