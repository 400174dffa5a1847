"""Loads the shipped vocational programmes and their profile units (``choices/content/vocational.yaml``)
idempotently: the whole file is checked before anything is written, running it again updates names,
descriptions, tracks and order and adds new entries, and it never removes a shipped row (route steps point
at them) nor touches a school's own programmes and units."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction
from django_scopes import scopes_disabled

from koers.choices.models import ExamUnit, UnitKind, VocationalProgramme
from koers.lob.content_loader import ContentError, LoadReport, read_yaml
from koers.schools.models import Track

CONTENT_DIR = Path(__file__).resolve().parent / "content"
FILE = "vocational.yaml"
LANGUAGES = ("nl", "nl_simple", "en", "en_simple", "ar", "fa", "pl", "tr", "uk")
VOCATIONAL_TRACKS = (Track.VMBO_BASIS, Track.VMBO_KADER, Track.VMBO_GEMENGD)


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def _entry(data: Any, label: str, seen: set[str]) -> tuple[str, dict[str, Any]]:
    if not isinstance(data, dict):
        raise ContentError(f"{label}: verwacht velden als key, nl en description")
    key = _text(data.get("key"))
    if not key:
        raise ContentError(f"{label}: de sleutel (key) ontbreekt")
    if key in seen:
        raise ContentError(f"{label} ({key}): de sleutel {key!r} komt twee keer voor")
    seen.add(key)
    texts = {lang: _text(data[lang]) for lang in LANGUAGES if _text(data.get(lang))}
    if "nl" not in texts:
        raise ContentError(f"{label} ({key}): de Nederlandse naam (nl) ontbreekt")
    descriptions = {"nl": _text(data["description"])} if _text(data.get("description")) else {}
    return key, {"texts": texts, "descriptions": descriptions}


def check(
    content_dir: Path | None = None,
) -> list[tuple[str, dict[str, Any], list[tuple[str, dict[str, Any]]]]]:
    """(programme key, fields, [(unit key, fields)]) for every entry, or a ContentError naming the mistake."""
    data = read_yaml(FILE, content_dir or CONTENT_DIR)
    if not isinstance(data, list) or not data:
        raise ContentError(f"{FILE}: verwacht een lijst met programma's")
    programme_keys: set[str] = set()
    unit_keys: set[str] = set()
    checked = []
    for number, raw in enumerate(data, start=1):
        label = f"{FILE}, programma {number}"
        key, fields = _entry(raw, label, programme_keys)
        units_raw = raw.get("units") or []
        if not isinstance(units_raw, list):
            raise ContentError(f"{label} ({key}): units moet een lijst zijn")
        units = []
        for place, unit_raw in enumerate(units_raw, start=1):
            unit_label = f"{label} ({key}), onderdeel {place}"
            unit_key, unit_fields = _entry(unit_raw, unit_label, unit_keys)
            tracks = unit_raw.get("tracks") or []
            unknown = [t for t in tracks if t not in VOCATIONAL_TRACKS]
            if not isinstance(tracks, list) or unknown:
                raise ContentError(f"{unit_label}: onbekende leerweg {', '.join(map(str, unknown))}")
            unit_fields["tracks"] = list(tracks)
            units.append((unit_key, unit_fields))
        checked.append((key, fields, units))
    return checked


def load_content(content_dir: Path | None = None) -> LoadReport:
    report = LoadReport()
    entries = check(content_dir)
    with scopes_disabled(), transaction.atomic():
        programmes = {p.key: p for p in VocationalProgramme.objects.filter(school__isnull=True)}
        units = {u.key: u for u in ExamUnit.objects.filter(school__isnull=True)}
        for order, (key, fields, unit_entries) in enumerate(entries):
            programme = _sync(
                VocationalProgramme, programmes.get(key), key, {**fields, "order": order}, report
            )
            for unit_order, (unit_key, unit_fields) in enumerate(unit_entries):
                _sync(
                    ExamUnit,
                    units.get(unit_key),
                    unit_key,
                    {**unit_fields, "order": unit_order, "programme": programme, "kind": UnitKind.PROFILE},
                    report,
                )
    return report


def _sync(model: Any, row: Any, key: str, values: dict[str, Any], report: LoadReport) -> Any:
    if row is None:
        report.created += 1
        return model.objects.create(key=key, school=None, **values)
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if changed:
        for name in changed:
            setattr(row, name, values[name])
        row.save(update_fields=changed)
        report.updated += 1
    else:
        report.unchanged += 1
    return row
