"""Loads the shipped content (YAML under lob/content/) into the catalogue tables, idempotently.

Each YAML entry has a stable ``key``; texts are given per language (``nl``, ``en``, ``nl_simple`` ...).
Running the loader again updates texts and adds new entries; it never removes what students refer to.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from koers.lob.models import ReflectionPrompt, Trait
from koers.lob.vocabulary import Competence, TraitKind

CONTENT_DIR = Path(__file__).resolve().parent / "content"
TEXT_KEYS = ("nl", "en", "nl_simple", "en_simple", "ar", "uk", "tr", "pl", "fa")


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0


def read_yaml(name: str) -> Any:
    with (CONTENT_DIR / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def texts_of(entry: dict[str, Any]) -> dict[str, str]:
    texts = {key: str(entry[key]).strip() for key in TEXT_KEYS if entry.get(key)}
    if "nl" not in texts:
        raise ValueError(f"content entry {entry.get('key')!r} has no Dutch text")
    return texts


@transaction.atomic
def load_content() -> LoadReport:
    report = LoadReport()
    for kind, filename in ((TraitKind.QUALITY, "qualities.yaml"), (TraitKind.MOTIVE, "motives.yaml")):
        for order, entry in enumerate(read_yaml(filename)):
            _, created = Trait.objects.update_or_create(
                kind=kind,
                key=entry["key"],
                defaults={"icon": entry["icon"], "texts": texts_of(entry), "order": order},
            )
            report.created += created
            report.updated += not created
    prompts = read_yaml("reflection_prompts.yaml")
    for competence in Competence.values:
        for order, entry in enumerate(prompts[competence]):
            _, created = ReflectionPrompt.objects.update_or_create(
                competence=competence,
                key=entry["key"],
                defaults={"texts": texts_of(entry), "order": order},
            )
            report.created += created
            report.updated += not created
    return report
