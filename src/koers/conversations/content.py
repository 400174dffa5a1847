"""Conversation types shipped as content (``content/types.yaml``) and their copy into a school.

The shipped file is read once per process. ``ensure_conversation_types`` copies every shipped type a school
does not have yet (matched by key); a type the school already has is left alone, so a guide the school
adapted, renamed or switched off stays as the school left it.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from koers.common.tenancy import school_scope
from koers.conversations.models import ConversationType
from koers.lob.vocabulary import Phase
from koers.schools.models import School

TYPES_FILE = Path(__file__).with_name("content") / "types.yaml"


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    with TYPES_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def shipped_types() -> list[dict[str, Any]]:
    """Every shipped type as the fields of a ConversationType, with its full guide (all phases, in order)."""
    raw = _raw()
    common_phases: dict[str, Any] = raw["common_phases"]
    common_reminders: list[str] = raw["common_reminders"]
    found = []
    for entry in raw["types"]:
        own_phases = entry.get("phases", {})
        phases = {
            phase.value: copy.deepcopy(own_phases.get(phase.value) or common_phases[phase.value])
            for phase in Phase
        }
        found.append(
            {
                "key": entry["key"],
                "name": entry["name"],
                "purpose": entry.get("purpose", ""),
                "with_guardians": bool(entry.get("with_guardians", False)),
                "is_group": bool(entry.get("is_group", False)),
                "order": int(entry.get("order", 0)),
                "guide": {
                    "phases": phases,
                    "reminders": [*common_reminders, *entry.get("reminders", [])],
                },
            }
        )
    return found


def ensure_conversation_types(school: School) -> int:
    """Copy the shipped types the school lacks; returns how many were added. Safe to call on every page."""
    with school_scope(school):
        present = set(ConversationType.objects.filter(school=school).values_list("key", flat=True))
        missing = [t for t in shipped_types() if t["key"] not in present]
        if not missing:
            return 0
        with transaction.atomic():
            ConversationType.objects.bulk_create(
                [ConversationType(school=school, shipped=True, **fields) for fields in missing],
                ignore_conflicts=True,
            )
        return len(missing)
