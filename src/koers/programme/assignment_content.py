"""Assignments shipped as content (``content/assignments.yaml``) and their copy into a school's bank.

The shipped file is read once per process. ``ensure_assignments`` copies each shipped assignment a school does
not have yet (matched by key); an assignment the school already has is left alone, so one the school changed
or archived stays as the school left it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from koers.common.tenancy import school_scope
from koers.lob.vocabulary import Competence, Element
from koers.programme.models import Assignment, AssignmentFormat, Audience
from koers.schools.models import School

ASSIGNMENTS_FILE = Path(__file__).with_name("content") / "assignments.yaml"


@lru_cache(maxsize=1)
def _raw() -> list[dict[str, Any]]:
    with ASSIGNMENTS_FILE.open(encoding="utf-8") as handle:
        return list(yaml.safe_load(handle)["assignments"])


def shipped_assignments() -> list[dict[str, Any]]:
    """Every shipped assignment as the fields of an Assignment (checked against the vocabulary)."""
    found = []
    for entry in _raw():
        competences = [c for c in entry.get("competences", []) if c in Competence.values]
        elements = [e for e in entry.get("elements", []) if e in Element.values]
        if entry["audience"] not in Audience.values or entry["format"] not in AssignmentFormat.values:
            raise ValueError(f"assignment {entry['key']!r}: unknown audience or format")
        english = entry.get("en") or {}
        found.append(
            {
                "key": entry["key"],
                "title": entry["title"],
                "goal": entry["goal"].strip(),
                "steps": list(entry.get("steps", [])),
                "questions": list(entry.get("questions") or []),
                "audience": entry["audience"],
                "format": entry["format"],
                "competences": competences,
                "elements": elements,
                "translations": {"en": english} if english else {},
            }
        )
    return found


def ensure_assignments(school: School) -> int:
    """Copy the shipped assignments the school lacks; returns how many were added. Safe on every page."""
    with school_scope(school):
        present = set(Assignment.objects.filter(school=school).values_list("key", flat=True))
        missing = [a for a in shipped_assignments() if a["key"] not in present]
        if not missing:
            return 0
        with transaction.atomic():
            Assignment.objects.bulk_create(
                [Assignment(school=school, shipped=True, **fields) for fields in missing],
                ignore_conflicts=True,
            )
        return len(missing)
