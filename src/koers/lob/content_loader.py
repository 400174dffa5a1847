"""Loads the shipped content (YAML under lob/content/) into the catalogue tables, idempotently.

Each YAML entry has a stable ``key``; texts are given per language (``nl``, ``en``, ``nl_simple`` ...).
Running the loader again updates texts and adds new entries; it never removes what students refer to.
Every file is checked before anything is written, so a mistake in one entry leaves the database as it was.

Translations may also come from overlays, ``content/i18n/<lang>.yaml`` (``qualities`` and ``motives``: ``{key:
{name, simple}}``; ``reflection_prompts``: ``{competence: {key: {text, simple}}}``); they fill in the
languages the main file does not give, as ``<lang>`` and ``<lang>_simple``. An overlay entry for an unknown
key is ignored here and reported by ``overlay_problems`` (a test runs it over the shipped files).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from koers.language.content import OverlayError, clean, read_overlays, read_yaml_file
from koers.lob.models import ReflectionPrompt, Trait
from koers.lob.vocabulary import Competence, TraitKind
from koers.pictograms import catalogue as pictograms

CONTENT_DIR = Path(__file__).resolve().parent / "content"
TEXT_KEYS = ("nl", "en", "nl_simple", "en_simple", "ar", "uk", "tr", "pl", "fa")
TRAIT_FILES = ((TraitKind.QUALITY, "qualities.yaml"), (TraitKind.MOTIVE, "motives.yaml"))
TRAIT_SECTIONS: dict[str, str] = {TraitKind.QUALITY: "qualities", TraitKind.MOTIVE: "motives"}
PROMPTS_FILE = "reflection_prompts.yaml"


Entry = tuple[str, dict[str, str], str]  # key, texts per language, icon


class ContentError(ValueError):
    """A shipped or edited content file that cannot be loaded; the message says where and why."""


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def read_yaml(name: str, content_dir: Path | None = None) -> Any:
    path = (content_dir or CONTENT_DIR) / name
    try:
        return read_yaml_file(path)
    except yaml.YAMLError as error:
        raise ContentError(f"{name}: geen geldige YAML ({error})") from error


def texts_of(entry: dict[str, Any]) -> dict[str, str]:
    texts = {key: str(entry[key]).strip() for key in TEXT_KEYS if entry.get(key) and str(entry[key]).strip()}
    if "nl" not in texts:
        raise ContentError(f"content entry {entry.get('key')!r} has no Dutch text (nl)")
    return texts


def _checked_entries(entries: Any, where: str, *, needs_icon: bool) -> list[Entry]:
    """(key, texts, icon) per entry, or a ContentError naming the file, the position and the problem."""
    if not isinstance(entries, list) or not entries:
        raise ContentError(f"{where}: verwacht een lijst met items")
    seen: set[str] = set()
    checked = []
    for number, entry in enumerate(entries, start=1):
        label = f"{where}, item {number}"
        if not isinstance(entry, dict):
            raise ContentError(f"{label}: verwacht velden als key, nl en en")
        key = str(entry.get("key") or "").strip()
        if not key:
            raise ContentError(f"{label}: de sleutel (key) ontbreekt")
        label = f"{label} ({key})"
        if key in seen:
            raise ContentError(f"{label}: de sleutel {key!r} komt twee keer voor")
        seen.add(key)
        try:
            texts = texts_of(entry)
        except ContentError:
            raise ContentError(f"{label}: de Nederlandse tekst (nl) ontbreekt") from None
        icon = str(entry.get("icon") or "").strip()
        if needs_icon and not icon:
            raise ContentError(f"{label}: het pictogram (icon) ontbreekt")
        if icon and not pictograms.exists(icon):
            raise ContentError(
                f"{label}: {icon!r} is geen pictogram uit koers/pictograms/content/catalogue.yaml"
            )
        checked.append((key, texts, icon))
    return checked


def _read_all(content_dir: Path | None) -> tuple[dict[str, list[Entry]], dict[str, list[Entry]]]:
    traits: dict[str, list[Entry]] = {
        kind: _checked_entries(read_yaml(filename, content_dir), filename, needs_icon=True)
        for kind, filename in TRAIT_FILES
    }
    prompts_by_competence = read_yaml(PROMPTS_FILE, content_dir)
    if not isinstance(prompts_by_competence, dict):
        raise ContentError(f"{PROMPTS_FILE}: verwacht een lijst vragen per loopbaancompetentie")
    unknown = sorted(set(map(str, prompts_by_competence)) - set(Competence.values))
    if unknown:
        raise ContentError(f"{PROMPTS_FILE}: onbekende loopbaancompetentie {', '.join(unknown)}")
    prompts: dict[str, list[Entry]] = {}
    for competence in Competence.values:
        if competence not in prompts_by_competence:
            raise ContentError(f"{PROMPTS_FILE}: geen vragen voor de loopbaancompetentie {competence}")
        prompts[competence] = _checked_entries(
            prompts_by_competence[competence], f"{PROMPTS_FILE}, {competence}", needs_icon=False
        )
    _merge_overlays(traits, prompts, _overlays(content_dir))
    return traits, prompts


def _overlays(content_dir: Path | None) -> dict[str, dict[str, Any]]:
    try:
        return read_overlays(content_dir or CONTENT_DIR)
    except OverlayError as error:
        raise ContentError(str(error)) from error


def _fill(texts: dict[str, str], language: str, text: Any, simple: Any) -> None:
    """Add an overlay's text and simple variant where the main file gives none for that language."""
    for key, value in ((language, text), (f"{language}_simple", simple)):
        value = clean(value)
        if isinstance(value, str) and not texts.get(key):
            texts[key] = value


def _section(overlay: dict[str, Any], name: str) -> dict[str, Any]:
    found = overlay.get(name)
    return found if isinstance(found, dict) else {}


def _merge_overlays(
    traits: dict[str, list[Entry]], prompts: dict[str, list[Entry]], overlays: dict[str, dict[str, Any]]
) -> None:
    for language, overlay in overlays.items():
        for kind, entries in traits.items():
            section = _section(overlay, TRAIT_SECTIONS[kind])
            for key, texts, _icon in entries:
                entry = section.get(key)
                if isinstance(entry, dict):
                    _fill(texts, language, entry.get("name"), entry.get("simple"))
        by_competence = _section(overlay, PROMPTS_FILE.removesuffix(".yaml"))
        for competence, entries in prompts.items():
            found = by_competence.get(competence)
            section = found if isinstance(found, dict) else {}
            for key, texts, _icon in entries:
                entry = section.get(key)
                if isinstance(entry, dict):
                    _fill(texts, language, entry.get("text"), entry.get("simple"))


def overlay_problems(content_dir: Path | None = None) -> list[str]:
    """Keys in the overlays that the main files do not have (a typo would otherwise go unnoticed)."""
    traits, prompts = _read_all(content_dir)
    problems = []
    for language, overlay in _overlays(content_dir).items():
        for kind, entries in traits.items():
            known = {key for key, _texts, _icon in entries}
            for key in sorted(set(_section(overlay, TRAIT_SECTIONS[kind])) - known):
                problems.append(f"{language}.yaml, {TRAIT_SECTIONS[kind]}: onbekende sleutel {key!r}")
        by_competence = _section(overlay, "reflection_prompts")
        for competence in sorted(set(by_competence) - set(prompts)):
            problems.append(f"{language}.yaml, reflection_prompts: onbekende competentie {competence!r}")
        for competence, entries in prompts.items():
            known = {key for key, _texts, _icon in entries}
            section = by_competence.get(competence)
            for key in sorted(set(section if isinstance(section, dict) else {}) - known):
                where = f"{language}.yaml, reflection_prompts, {competence}"
                problems.append(f"{where}: onbekende sleutel {key!r}")
    return problems


@functools.cache
def _shipped() -> tuple[dict[str, list[Entry]], dict[str, list[Entry]]]:
    """The shipped files, read and checked once per process: they change only with a new release (a
    restart), and every test that needs the catalogue loads it into its own transaction."""
    return _read_all(None)


def load_content(content_dir: Path | None = None) -> LoadReport:
    """Create or update every catalogue entry from the YAML files; raises ContentError and writes nothing
    when a file has a mistake. A fixed number of queries, however long the files are."""
    traits, prompts = _read_all(content_dir) if content_dir is not None else _shipped()
    report = LoadReport()
    with transaction.atomic():
        known_traits = {(t.kind, t.key): t for t in Trait.objects.all()}
        new_traits, changed_traits = [], []
        for kind, entries in traits.items():
            for order, (key, texts, icon) in enumerate(entries):
                trait = known_traits.get((kind, key))
                if trait is None:
                    new_traits.append(Trait(kind=kind, key=key, icon=icon, texts=texts, order=order))
                elif (trait.icon, trait.texts, trait.order) != (icon, texts, order):
                    trait.icon, trait.texts, trait.order = icon, texts, order
                    changed_traits.append(trait)
        Trait.objects.bulk_create(new_traits)
        Trait.objects.bulk_update(changed_traits, ["icon", "texts", "order"])

        known_prompts = {(p.competence, p.key): p for p in ReflectionPrompt.objects.all()}
        new_prompts, changed_prompts = [], []
        for competence, entries in prompts.items():
            for order, (key, texts, _icon) in enumerate(entries):
                prompt = known_prompts.get((competence, key))
                if prompt is None:
                    new_prompts.append(
                        ReflectionPrompt(competence=competence, key=key, texts=texts, order=order)
                    )
                elif (prompt.texts, prompt.order) != (texts, order):
                    prompt.texts, prompt.order = texts, order
                    changed_prompts.append(prompt)
        ReflectionPrompt.objects.bulk_create(new_prompts)
        ReflectionPrompt.objects.bulk_update(changed_prompts, ["texts", "order"])

    report.created = len(new_traits) + len(new_prompts)
    report.updated = len(changed_traits) + len(changed_prompts)
    report.unchanged = (
        sum(map(len, traits.values())) + sum(map(len, prompts.values())) - report.created - report.updated
    )
    return report


# Areas above lob ship catalogues of their own (careers: occupations, programmes); they register their loader
# here from their AppConfig.ready, so `koers load-content` and the demo load everything in one go, lob first.
LOADERS: dict[str, Callable[[], LoadReport]] = {"lob": load_content}


def register_loader(area: str, loader: Callable[[], LoadReport]) -> None:
    LOADERS[area] = loader


def load_all(areas: list[str] | None = None) -> dict[str, LoadReport]:
    """Run the loaders of ``areas`` (all registered ones when None), lob first; {area: report}."""
    unknown = sorted(set(areas or []) - set(LOADERS))
    if unknown:
        raise ContentError(f"geen inhoud voor {', '.join(unknown)}; wel voor {', '.join(LOADERS)}")
    return {area: loader() for area, loader in LOADERS.items() if areas is None or area in areas}
