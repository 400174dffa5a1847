"""Conversation types shipped as content (``content/types.yaml``) and their copy into a school.

The shipped file and its translation overlays (``content/i18n/<lang>.yaml``: ``types: {key: {name,
purpose}}``) are read once per process. ``ensure_conversation_types`` copies every shipped type a school does
not have yet (matched by key); a type the school already has keeps its guide, name and switch, so a guide the
school adapted, renamed or switched off stays as the school left it. Only the translations of its shipped
copies follow new releases; a name the school changed is shown in Dutch.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Any

from koers.access.tenancy import school_scope
from koers.conversations.models import ConversationType
from koers.language.content import build_translations, copy_shipped, read_overlays, read_yaml_file
from koers.lob.vocabulary import Phase
from koers.schools.models import School

CONTENT_DIR = Path(__file__).with_name("content")
TYPES_FILE = CONTENT_DIR / "types.yaml"


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    return read_yaml_file(TYPES_FILE)


@lru_cache(maxsize=1)
def _overlays() -> dict[str, dict[str, Any]]:
    return read_overlays(CONTENT_DIR)


@lru_cache(maxsize=1)
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
                "translations": build_translations(
                    dutch={"name": entry["name"], "purpose": entry.get("purpose", "")},
                    inline=dict(entry.get("translations") or {}),
                    overlays=_overlays(),
                    section="types",
                    key=entry["key"],
                ),
                "guide": {
                    "phases": phases,
                    "reminders": [*common_reminders, *entry.get("reminders", [])],
                },
            }
        )
    return found


def ensure_conversation_types(school: School) -> int:
    """Copy the shipped types the school lacks and refresh the translations of its shipped copies; returns
    how many were added. Runs when a school is created and on
    `koers load-content` (see ``schools.content``); one query when nothing is missing or behind."""
    with school_scope(school):
        return copy_shipped(ConversationType, school, shipped_types())
