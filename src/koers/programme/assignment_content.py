"""Assignments shipped as content (``content/assignments.yaml``) and their copy into a school's bank.

The shipped file and its translation overlays (``content/i18n/<lang>.yaml``: ``assignments: {key: {title,
goal, steps, questions}}``) are read once per process. ``ensure_assignments`` copies each shipped assignment a
school does not have yet (matched by key); an assignment the school already has keeps its texts, so one the
school changed or archived stays as the school left it. Only the translations of its shipped copies follow new
releases; a field whose Dutch text the school changed is shown in Dutch.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from koers.access.tenancy import school_scope
from koers.language.content import build_translations, copy_shipped, read_overlays, read_yaml_file
from koers.lob.vocabulary import Competence, Element
from koers.programme.models import Assignment, AssignmentFormat, Audience
from koers.schools.models import School

CONTENT_DIR = Path(__file__).with_name("content")
ASSIGNMENTS_FILE = CONTENT_DIR / "assignments.yaml"


@lru_cache(maxsize=1)
def _raw() -> list[dict[str, Any]]:
    return list(read_yaml_file(ASSIGNMENTS_FILE)["assignments"])


@lru_cache(maxsize=1)
def _overlays() -> dict[str, dict[str, Any]]:
    return read_overlays(CONTENT_DIR)


@lru_cache(maxsize=1)
def shipped_assignments() -> list[dict[str, Any]]:
    """Every shipped assignment as the fields of an Assignment (checked against the vocabulary)."""
    found = []
    for entry in _raw():
        competences = [c for c in entry.get("competences", []) if c in Competence.values]
        elements = [e for e in entry.get("elements", []) if e in Element.values]
        if entry["audience"] not in Audience.values or entry["format"] not in AssignmentFormat.values:
            raise ValueError(f"assignment {entry['key']!r}: unknown audience or format")
        dutch = {
            "title": entry["title"],
            "goal": entry["goal"].strip(),
            "steps": list(entry.get("steps", [])),
            "questions": list(entry.get("questions") or []),
        }
        found.append(
            {
                "key": entry["key"],
                **dutch,
                "audience": entry["audience"],
                "format": entry["format"],
                "competences": competences,
                "elements": elements,
                "translations": build_translations(
                    dutch=dutch,
                    inline={"en": entry["en"]} if entry.get("en") else {},
                    overlays=_overlays(),
                    section="assignments",
                    key=entry["key"],
                ),
            }
        )
    return found


def ensure_assignments(school: School) -> int:
    """Copy the shipped assignments the school lacks and refresh the translations of its shipped copies;
    returns how many were added. Runs when a school is created and on
    `koers load-content` (see ``schools.content``); one query when nothing is missing or behind."""
    with school_scope(school):
        return copy_shipped(Assignment, school, shipped_assignments())
