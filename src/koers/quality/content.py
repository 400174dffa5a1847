"""The shipped self-scan statements, tasks and question lists (``content/*.yaml``), and their copies into a
school. ``ensure_*`` copies what a school lacks (by key); they are registered with
``schools.content`` and run when a school is created and by ``koers load-content``, never by a page."""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from koers.access.tenancy import school_scope
from koers.quality.models import Audience, Questionnaire, ScanItem, Task
from koers.schools.models import School

CONTENT_DIR = Path(__file__).parent / "content"


@cache
def _load(name: str) -> Any:
    with (CONTENT_DIR / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def shipped_scan_items() -> list[dict[str, Any]]:
    return list(_load("scan.yaml"))


def shipped_tasks() -> list[dict[str, Any]]:
    return list(_load("tasks.yaml"))


def shipped_questionnaire(audience: str) -> dict[str, Any]:
    return copy.deepcopy(_load("questionnaires.yaml")[audience])


def ensure_scan_items(school: School) -> None:
    have = set(ScanItem.objects.filter(school=school).values_list("key", flat=True))
    missing = [
        ScanItem(
            school=school,
            key=item["key"],
            theme=item["theme"],
            text=item["text"],
            measure=item.get("measure", ""),
            shipped=True,
            order=index,
        )
        for index, item in enumerate(shipped_scan_items())
        if item["key"] not in have
    ]
    if missing:
        ScanItem.objects.bulk_create(missing)


def ensure_tasks(school: School) -> None:
    if Task.objects.filter(school=school).exists():
        return
    Task.objects.bulk_create(
        Task(school=school, key=item["key"], name=item["name"], shipped=True, order=index)
        for index, item in enumerate(shipped_tasks())
    )


def ensure_questionnaire(school: School, audience: str) -> Questionnaire:
    found = Questionnaire.objects.filter(school=school, audience=audience).first()
    if found is not None:
        return found
    shipped = shipped_questionnaire(audience)
    questions = []
    for question in shipped["questions"]:
        question.setdefault("translations", {})
        question["nl"] = question["text"]  # the Dutch the translations were made from
        questions.append(question)
    return Questionnaire.objects.create(
        school=school, audience=Audience(audience), title=shipped["title"], questions=questions
    )


def copy_into(school: School) -> None:
    """The school's own copies of the statements, the tasks and the question lists (``schools.content``)."""
    with school_scope(school):
        ensure_scan_items(school)
        ensure_tasks(school)
        for audience in Audience.values:
            ensure_questionnaire(school, audience)


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
