"""Reads and checks the shipped careers catalogue (YAML under careers/content/) before anything is written.

Every present file is checked completely, together with what it refers to (keys in the same files or already
in the database), and the translation overlays ``i18n/<lang>.yaml`` are merged in. ``content_loader`` writes
the result; a mistake raises ``ContentError`` here, so nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django_scopes import scopes_disabled

from koers.careers.models import InterestField, MboDomain, Programme, Sector
from koers.careers.vocabulary import ProgrammeKind, Route
from koers.language.content import OverlayError, clean, read_overlays
from koers.lob.content_loader import ContentError, read_yaml
from koers.lob.models import Trait
from koers.lob.vocabulary import TraitKind
from koers.pictograms import catalogue as pictograms

CONTENT_DIR = Path(__file__).resolve().parent / "content"
LANGUAGE_KEYS = ("nl", "nl_simple", "en", "en_simple", "ar", "fa", "pl", "tr", "uk")
FILES = (
    "sectors.yaml",
    "mbo_domains.yaml",
    "programmes.yaml",
    "occupations.yaml",
    "interest_fields.yaml",
    "interest_items.yaml",
)
# overlay section -> the overlay's field for the name and for its simple version
OVERLAY_FIELDS = {
    "sectors": ("name", "simple"),
    "occupations": ("name", "simple"),
    "programmes": ("name", "simple"),
    "interest_fields": ("name", "simple"),
    "interest_items": ("text", "simple"),
}


@dataclass
class Item:
    """One checked entry: its key, names per language, descriptions per language and its other fields."""

    key: str
    texts: dict[str, str]
    descriptions: dict[str, str] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)


@dataclass
class Catalogue:
    """Everything the files hold, checked; a section is None when its file is not there."""

    sectors: list[Item] | None = None
    mbo_domains: list[Item] | None = None
    programmes: list[Item] | None = None
    occupations: list[Item] | None = None
    interest_fields: list[Item] | None = None
    interest_items: list[Item] | None = None

    def present(self) -> dict[str, list[Item]]:
        return {name: items for name, items in vars(self).items() if items is not None}


def _text(value: Any) -> str:
    return str(value).strip() if value is not None else ""


def _phrases(value: Any, label: str, name: str) -> list[str]:
    if value in (None, ""):
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ContentError(f"{label}: {name} moet een lijst korte zinnen zijn")
    return [v.strip() for v in value]


def _keys(value: Any, label: str, name: str) -> list[str]:
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        raise ContentError(f"{label}: {name} moet een lijst sleutels zijn")
    return [str(v).strip() for v in value if str(v).strip()]


def _entries(data: Any, filename: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(label, key, entry) per entry, with the file's shape and unique keys checked."""
    if not isinstance(data, list) or not data:
        raise ContentError(f"{filename}: verwacht een lijst met items")
    seen: set[str] = set()
    found = []
    for number, entry in enumerate(data, start=1):
        label = f"{filename}, item {number}"
        if not isinstance(entry, dict):
            raise ContentError(f"{label}: verwacht velden als key, nl en en")
        key = _text(entry.get("key"))
        if not key:
            raise ContentError(f"{label}: de sleutel (key) ontbreekt")
        label = f"{label} ({key})"
        if key in seen:
            raise ContentError(f"{label}: de sleutel {key!r} komt twee keer voor")
        seen.add(key)
        found.append((label, key, entry))
    return found


def _names(entry: dict[str, Any], label: str) -> dict[str, str]:
    texts = {lang: _text(entry[lang]) for lang in LANGUAGE_KEYS if _text(entry.get(lang))}
    if "nl" not in texts:
        raise ContentError(f"{label}: de Nederlandse naam (nl) ontbreekt")
    return texts


def _descriptions(entry: dict[str, Any]) -> dict[str, str]:
    found = {}
    if _text(entry.get("description")):
        found["nl"] = _text(entry["description"])
    for lang in LANGUAGE_KEYS:
        value = _text(entry.get(f"description_{lang}"))
        if value:
            found[lang] = value
    return found


def _icon(entry: dict[str, Any], label: str, *, required: bool = True) -> str:
    icon = _text(entry.get("icon"))
    if not icon:
        if required:
            raise ContentError(f"{label}: het pictogram (icon) ontbreekt")
        return ""
    if not pictograms.exists(icon):
        raise ContentError(f"{label}: {icon!r} is geen pictogram uit koers/pictograms/content/catalogue.yaml")
    return icon


def _read(filename: str, content_dir: Path) -> Any | None:
    if not (content_dir / filename).exists():
        return None
    return read_yaml(filename, content_dir)


def check_files(content_dir: Path, known: dict[str, set[str]]) -> Catalogue:
    """Read and check every present file; ``known`` holds keys already in the database per kind of entry
    (sectors, mbo_domains, programmes, interest_fields, qualities, motives), so a file may refer to them."""
    cat = Catalogue()
    data = _read("sectors.yaml", content_dir)
    if data is not None:
        cat.sectors = [
            Item(key, _names(e, label), _descriptions(e), {"icon": _icon(e, label)})
            for label, key, e in _entries(data, "sectors.yaml")
        ]
    sectors = known["sectors"] | {i.key for i in cat.sectors or []}

    data = _read("mbo_domains.yaml", content_dir)
    if data is not None:
        cat.mbo_domains = [
            Item(key, _names(e, label)) for label, key, e in _entries(data, "mbo_domains.yaml")
        ]
    domains = known["mbo_domains"] | {i.key for i in cat.mbo_domains or []}

    data = _read("programmes.yaml", content_dir)
    if data is not None:
        cat.programmes = [
            _programme(label, key, e, domains) for label, key, e in _entries(data, "programmes.yaml")
        ]
    programmes = known["programmes"] | {i.key for i in cat.programmes or []}

    data = _read("occupations.yaml", content_dir)
    if data is not None:
        cat.occupations = [
            _occupation(label, key, e, sectors=sectors, domains=domains, programmes=programmes, known=known)
            for label, key, e in _entries(data, "occupations.yaml")
        ]

    data = _read("interest_fields.yaml", content_dir)
    if data is not None:
        cat.interest_fields = []
        for label, key, e in _entries(data, "interest_fields.yaml"):
            leads_to = _keys(e.get("sectors"), label, "sectors")
            _known_keys(leads_to, sectors, label, "sector")
            item = Item(
                key, _names(e, label), _descriptions(e), {"icon": _icon(e, label), "sectors": leads_to}
            )
            cat.interest_fields.append(item)
    fields = known["interest_fields"] | {i.key for i in cat.interest_fields or []}

    data = _read("interest_items.yaml", content_dir)
    if data is not None:
        cat.interest_items = []
        for label, key, e in _entries(data, "interest_items.yaml"):
            field_key = _text(e.get("field"))
            _known_keys([field_key], fields, label, "interessegebied")
            cat.interest_items.append(
                Item(key, _names(e, label), {}, {"icon": _icon(e, label), "field": field_key})
            )

    _merge_overlays(cat, _overlays(content_dir))
    return cat


def _known_keys(keys: list[str], known: set[str], label: str, what: str) -> None:
    unknown = [k for k in keys if k not in known]
    if unknown:
        raise ContentError(f"{label}: onbekende {what} {', '.join(map(repr, unknown))}")


def _programme(label: str, key: str, e: dict[str, Any], domains: set[str]) -> Item:
    kind = _text(e.get("kind"))
    if kind not in ProgrammeKind.values:
        raise ContentError(f"{label}: soort (kind) moet mbo, hbo of wo zijn, niet {kind!r}")
    level: int | None = None
    if kind == ProgrammeKind.MBO:
        try:
            level = int(e.get("level"))  # type: ignore[arg-type]
        except (TypeError, ValueError):
            level = 0
        if not 1 <= level <= 4:
            raise ContentError(f"{label}: een mbo-opleiding heeft niveau 1 tot en met 4")
    domain = _text(e.get("mbo_domain"))
    if domain:
        _known_keys([domain], domains, label, "mbo-domein")
    routes = _keys(e.get("routes"), label, "routes")
    bad = [r for r in routes if r not in Route.values]
    if bad or (routes and kind != ProgrammeKind.MBO):
        raise ContentError(f"{label}: leerwegen (routes) zijn bol en/of bbl, alleen voor mbo")
    years: Decimal | None = None
    if _text(e.get("years")):
        try:
            years = Decimal(_text(e.get("years")))
        except InvalidOperation:
            raise ContentError(f"{label}: duur (years) moet een getal zijn") from None
        if not 0 < years < 10:
            raise ContentError(f"{label}: duur (years) moet tussen 0 en 10 jaar liggen")
    fields = {
        "kind": kind,
        "level": level,
        "mbo_domain": domain,
        "routes": routes,
        "years": years,
        "crebo": _text(e.get("crebo")),
    }
    return Item(key, _names(e, label), _descriptions(e), fields)


def _occupation(
    label: str,
    key: str,
    e: dict[str, Any],
    *,
    sectors: set[str],
    domains: set[str],
    programmes: set[str],
    known: dict[str, set[str]],
) -> Item:
    sector = _text(e.get("sector"))
    if not sector:
        raise ContentError(f"{label}: de sector ontbreekt")
    _known_keys([sector], sectors, label, "sector")
    domain = _text(e.get("mbo_domain"))
    if domain:
        _known_keys([domain], domains, label, "mbo-domein")
    isco = _text(e.get("isco"))
    if isco and not (len(isco) == 4 and isco.isdigit()):
        raise ContentError(f"{label}: isco moet een ISCO-08-code van vier cijfers zijn, of leeg")
    qualities = _keys(e.get("qualities"), label, "qualities")
    motives = _keys(e.get("motives"), label, "motives")
    _known_keys(qualities, known["qualities"], label, "kwaliteit")
    _known_keys(motives, known["motives"], label, "motief")
    leads_from = _keys(e.get("programmes"), label, "programmes")
    _known_keys(leads_from, programmes, label, "opleiding")
    fields = {
        "isco": isco,
        "sector": sector,
        "mbo_domain": domain,
        "icon": _icon(e, label),
        "tasks": _phrases(e.get("tasks"), label, "tasks"),
        "workplaces": _phrases(e.get("workplaces"), label, "workplaces"),
        "qualities": qualities,
        "motives": motives,
        "programmes": leads_from,
    }
    return Item(key, _names(e, label), _descriptions(e), fields)


def _overlays(content_dir: Path) -> dict[str, dict[str, Any]]:
    try:
        return read_overlays(content_dir)
    except OverlayError as error:
        raise ContentError(str(error)) from error


def _merge_overlays(cat: Catalogue, overlays: dict[str, dict[str, Any]]) -> None:
    """Fill each language the main file does not give from ``i18n/<lang>.yaml``: the name as ``<lang>``, its
    simple version as ``<lang>_simple`` and a ``description`` into the descriptions."""
    for language, overlay in overlays.items():
        for section, items in cat.present().items():
            if section not in OVERLAY_FIELDS:
                continue
            found = overlay.get(section)
            entries = found if isinstance(found, dict) else {}
            name_field, simple_field = OVERLAY_FIELDS[section]
            for item in items:
                entry = entries.get(item.key)
                if not isinstance(entry, dict):
                    continue
                for target, value in (
                    (language, entry.get(name_field)),
                    (f"{language}_simple", entry.get(simple_field)),
                ):
                    text = clean(value)
                    if isinstance(text, str) and not item.texts.get(target):
                        item.texts[target] = text
                description = clean(entry.get("description"))
                if isinstance(description, str) and not item.descriptions.get(language):
                    item.descriptions[language] = description


def known_in_database() -> dict[str, set[str]]:
    traits: dict[str, set[str]] = {TraitKind.QUALITY: set(), TraitKind.MOTIVE: set()}
    for kind, key in Trait.objects.values_list("kind", "key"):
        traits.setdefault(kind, set()).add(key)
    return {
        "sectors": set(Sector.objects.values_list("key", flat=True)),
        "mbo_domains": set(MboDomain.objects.values_list("key", flat=True)),
        "programmes": set(Programme.objects.filter(school__isnull=True).values_list("key", flat=True)),
        "interest_fields": set(InterestField.objects.values_list("key", flat=True)),
        "qualities": traits[TraitKind.QUALITY],
        "motives": traits[TraitKind.MOTIVE],
    }


def overlay_problems(content_dir: Path | None = None) -> list[str]:
    """Keys in the overlays that the main files do not have (a typo would otherwise go unnoticed); needs the
    lob catalogue loaded, because occupations refer to its qualities and motives."""
    content_dir = content_dir or CONTENT_DIR
    with scopes_disabled():
        cat = check_files(content_dir, known_in_database())
    present = cat.present()
    problems = []
    for language, overlay in _overlays(content_dir).items():
        for section in sorted(set(overlay) - set(OVERLAY_FIELDS)):
            problems.append(f"{language}.yaml: onbekend onderdeel {section!r}")
        for section in OVERLAY_FIELDS:
            entries = overlay.get(section)
            if not isinstance(entries, dict):
                continue
            known = {item.key for item in present.get(section) or []}
            for key in sorted(set(map(str, entries)) - known):
                problems.append(f"{language}.yaml, {section}: onbekende sleutel {key!r}")
    return problems
