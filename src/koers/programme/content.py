"""Activity types shipped as content (``content/activity_types.yaml``) and their copy into a school.

The shipped file and its translation overlays (``content/i18n/<lang>.yaml``: ``activity_types: {key: {name,
description}}``) are read once per process. ``ensure_activity_types`` copies every shipped type a school does
not have yet (matched by key); a type the school already has keeps its name, description and switch, so a
name the school changed or a type it switched off stays as the school left it. Only the translations of its
shipped copies follow new releases; a field whose Dutch text the school changed is shown in Dutch.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from koers.access.tenancy import school_scope
from koers.language.content import (
    build_translations,
    copy_shipped,
    localised,
    read_overlays,
    read_yaml_file,
)
from koers.pictograms import catalogue as pictograms
from koers.pictograms.labels import label_for
from koers.programme.models import ActivityType
from koers.schools.models import School

CONTENT_DIR = Path(__file__).with_name("content")
TYPES_FILE = CONTENT_DIR / "activity_types.yaml"


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    return read_yaml_file(TYPES_FILE)


@lru_cache(maxsize=1)
def _overlays() -> dict[str, dict[str, Any]]:
    return read_overlays(CONTENT_DIR)


@lru_cache(maxsize=1)
def shipped_activity_types() -> list[dict[str, Any]]:
    """Every shipped type as the fields of an ActivityType, in catalogue order."""
    found = []
    for order, entry in enumerate(_raw()["types"], start=1):
        icon = str(entry.get("icon", ""))
        if icon and not pictograms.exists(icon):
            raise ValueError(f"activity type {entry['key']!r}: {icon!r} is not a pictogram of the catalogue")
        found.append(
            {
                "key": entry["key"],
                "name": entry["name"],
                "description": entry.get("description", ""),
                "icon": icon,
                "translations": build_translations(
                    dutch={"name": entry["name"], "description": entry.get("description", "")},
                    inline=dict(entry.get("translations") or {}),
                    overlays=_overlays(),
                    section="activity_types",
                    key=entry["key"],
                ),
                "order": order * 10,
            }
        )
    return found


def type_pictogram_choices() -> list[tuple[str, object]]:
    """The pictograms a school may give an activity type, each with a word for it in the reader's language:
    those of the shipped types (named after the type) and the sectors of work."""
    shipped = {entry["icon"]: entry for entry in shipped_activity_types() if entry["icon"]}
    choices: list[tuple[str, object]] = [
        (name, localised(entry["name"], entry["translations"], "name"))
        for name in pictograms.names("activity")
        if (entry := shipped.get(name))
    ]
    return choices + [(name, label_for(name)) for name in pictograms.names("sector")]


def ensure_activity_types(school: School) -> int:
    """Copy the shipped types the school lacks and refresh the translations of its shipped copies; returns
    how many were added. Runs when a school is created and on
    `koers load-content` (see ``schools.content``); one query when nothing is missing or behind."""
    with school_scope(school):
        return copy_shipped(ActivityType, school, shipped_activity_types())
