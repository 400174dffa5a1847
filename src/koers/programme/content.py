"""Activity types shipped as content (``content/activity_types.yaml``) and their copy into a school.

The shipped file is read once per process. ``ensure_activity_types`` copies every shipped type a school does
not have yet (matched by key); a type the school already has is left alone, so a name the school changed or a
type it switched off stays as the school left it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from koers.common.tenancy import school_scope
from koers.programme.models import ActivityType
from koers.schools.models import School

TYPES_FILE = Path(__file__).with_name("content") / "activity_types.yaml"
ICON_MAX_LENGTH = 8


@lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    with TYPES_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def shipped_activity_types() -> list[dict[str, Any]]:
    """Every shipped type as the fields of an ActivityType, in catalogue order."""
    found = []
    for order, entry in enumerate(_raw()["types"], start=1):
        icon = str(entry.get("icon", ""))
        if len(icon) > ICON_MAX_LENGTH:
            raise ValueError(f"activity type {entry['key']!r}: the icon is longer than {ICON_MAX_LENGTH}")
        found.append(
            {
                "key": entry["key"],
                "name": entry["name"],
                "description": entry.get("description", ""),
                "icon": icon,
                "translations": dict(entry.get("translations", {})),
                "order": order * 10,
            }
        )
    return found


def ensure_activity_types(school: School) -> int:
    """Copy the shipped types the school lacks; returns how many were added. Safe to call on every page
    (one query when nothing is missing)."""
    with school_scope(school):
        present = set(ActivityType.objects.filter(school=school).values_list("key", flat=True))
        missing = [t for t in shipped_activity_types() if t["key"] not in present]
        if not missing:
            return 0
        with transaction.atomic():
            ActivityType.objects.bulk_create(
                [ActivityType(school=school, shipped=True, **fields) for fields in missing],
                ignore_conflicts=True,
            )
        return len(missing)
