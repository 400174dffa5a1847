"""Shipped content in every language: the translation overlays and picking a text for the reader.

Each content area keeps its Dutch (and often English) texts in its own YAML files; translators add one overlay
per language, ``<area>/content/i18n/<lang>.yaml``, keyed by the entries' stable keys. The loaders merge the
overlays into the rows' ``translations`` (or ``texts``), together with the Dutch text the translations were
made from (``translations["nl"]``). A school may change the Dutch text of its copy; from then on that field is
shown in Dutch, marked so the reader sees why (``LocalText.only_dutch``), because a translation of the old
text would no longer say what the school wrote. ``translations["digest"]`` fingerprints the shipped
translations, so a page can tell with the query it already makes whether a school's copies are behind.
"""

from __future__ import annotations

import copy
import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.db import connections, router, transaction
from django.db.models import AutoField
from django.db.models.constants import OnConflict
from django.db.models.sql import InsertQuery
from django.utils.translation import get_language

from koers.language.simple import active as simple_language_on

SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DIGEST = "digest"


def other_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != "nl"]


def active_language(language: str | None = None) -> str:
    return (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]


class LocalText(str):
    """A text for the reader; ``only_dutch`` when it is Dutch although the reader chose another language."""

    only_dutch: bool

    def __new__(cls, text: str, *, only_dutch: bool = False) -> LocalText:
        made = super().__new__(cls, text)
        made.only_dutch = only_dutch
        return made

    @property
    def language(self) -> str | None:
        """The language the text is in where that is not the page's ("nl" for a Dutch fallback), so it is
        read aloud with the right voice; None for a text in the reader's language."""
        return "nl" if self.only_dutch else None


class LocalList(list[str]):
    """A list of texts (steps, questions) for the reader, with the same ``only_dutch`` mark on the list and
    on each of its texts."""

    only_dutch: bool

    def __init__(self, items: list[str], *, only_dutch: bool = False) -> None:
        super().__init__(LocalText(item, only_dutch=only_dutch) for item in items)
        self.only_dutch = only_dutch

    @property
    def language(self) -> str | None:
        return "nl" if self.only_dutch else None


def pick_text(texts: dict[str, str], language: str | None = None, *, simple: bool | None = None) -> str:
    """The text in ``language`` (the active one), else Dutch; its simple version first while simple
    language is on (or when ``simple`` says so). A Dutch fallback for a reader of another language is a
    ``LocalText`` marked ``only_dutch``, so a page can say why."""
    language = (language or get_language() or "nl").split("-")[0]
    if simple is None:
        simple = simple_language_on()
    candidates = ([f"{language}_simple"] if simple else []) + [language, "nl"]
    for key in candidates:
        if texts.get(key):
            return LocalText(texts[key], only_dutch=key == "nl" and language != "nl")
    return next(iter(texts.values()), "")


def is_only_dutch(value: Any) -> bool:
    return bool(getattr(value, "only_dutch", False))


class OverlayError(ValueError):
    """An overlay file that is not YAML or not a mapping; the message names the file."""


@lru_cache(maxsize=128)
def _parsed(text: str) -> Any:
    return yaml.load(text, Loader=SAFE_LOADER)  # a safe loader; the C one when libyaml is there


def read_yaml_file(path: Path) -> Any:
    """The file's YAML, as a copy the caller may change. The same text is parsed once per process: every
    content load reads the shipped files again (the demo, `koers load-content`, and the tests that load
    content each time), and copying the parsed text is ten times faster than parsing it."""
    return copy.deepcopy(_parsed(path.read_text(encoding="utf-8")))


def read_overlays(content_dir: Path) -> dict[str, dict[str, Any]]:
    """``{lang: parsed overlay}`` for each language of settings.LANGUAGES with a file ``i18n/<lang>.yaml``."""
    found: dict[str, dict[str, Any]] = {}
    for language in other_languages():
        path = content_dir / "i18n" / f"{language}.yaml"
        if not path.exists():
            continue
        try:
            data = read_yaml_file(path)
        except yaml.YAMLError as error:
            raise OverlayError(f"{path.name}: geen geldige YAML ({error})") from error
        if data is None:
            continue
        if not isinstance(data, dict):
            raise OverlayError(f"{path.name}: verwacht onderdelen als 'types:' of 'assignments:'")
        found[language] = data
    return found


def overlay_entry(
    overlays: dict[str, dict[str, Any]], language: str, section: str, key: str
) -> dict[str, Any]:
    section_data = overlays.get(language, {}).get(section) or {}
    entry = section_data.get(key) if isinstance(section_data, dict) else None
    return entry if isinstance(entry, dict) else {}


def clean(value: Any) -> str | list[str] | None:
    """A text or a list of texts from YAML, stripped; None when empty or of another shape."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and value and all(isinstance(item, str) and item.strip() for item in value):
        return [item.strip() for item in value]
    return None


def build_translations(
    *,
    dutch: dict[str, Any],
    inline: dict[str, dict[str, Any]],
    overlays: dict[str, dict[str, Any]],
    section: str,
    key: str,
) -> dict[str, Any]:
    """The ``translations`` of one shipped entry: ``{"nl": Dutch fields, lang: {field: text}, "digest": ..}``.

    ``inline`` holds translations written in the main content file (``{"en": {...}}``); they win over an
    overlay for the same language and field, because the main file is reviewed with the Dutch text."""
    fields = list(dutch)
    result: dict[str, Any] = {"nl": dict(dutch)}
    for language in other_languages():
        texts: dict[str, Any] = {}
        from_overlay = overlay_entry(overlays, language, section, key)
        from_inline = inline.get(language) if isinstance(inline.get(language), dict) else {}
        for field in fields:
            value = clean((from_inline or {}).get(field)) or clean(from_overlay.get(field))
            if value is not None:
                texts[field] = value
        if texts:
            result[language] = texts
    result[DIGEST] = digest(result)
    return result


def digest(translations: dict[str, Any]) -> str:
    body = {k: v for k, v in translations.items() if k != DIGEST}
    # A letter first: SQLite's JSON extraction would turn an all-digit value into a number.
    return (
        "v" + hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
    )


def localised(
    dutch: Any, translations: dict[str, Any] | None, field: str, language: str | None = None
) -> Any:
    """The reader's text of ``field`` of a row whose Dutch text is ``dutch``: the translation when there is
    one made from this very Dutch text, else the Dutch text marked ``only_dutch``."""
    language = active_language(language)
    is_list = isinstance(dutch, list)
    if language == "nl":
        return LocalList(list(dutch)) if is_list else LocalText(dutch or "")
    translations = translations or {}
    source = (translations.get("nl") or {}).get(field) if isinstance(translations.get("nl"), dict) else None
    entry = translations.get(language)
    translated = entry.get(field) if isinstance(entry, dict) else None
    if translated is None and field == "name" and isinstance(entry, str):
        translated = entry  # rows written before translations carried fields: {"en": "name"}
    unchanged = source is None or source == dutch
    if translated and unchanged:
        # Answers are stored by a question's position, so a list must match the Dutch one item for item.
        if is_list and isinstance(translated, list) and len(translated) == len(dutch):
            return LocalList(list(translated))
        if not is_list and isinstance(translated, str):
            return LocalText(translated)
    if is_list:
        return LocalList(list(dutch), only_dutch=bool(dutch))
    return LocalText(dutch or "", only_dutch=bool(dutch))


def copy_shipped(model: Any, school: Any, shipped: list[dict[str, Any]]) -> int:
    """Copy the shipped entries (fields of ``model``, matched by ``key``) the school lacks, and bring the
    ``translations`` of the school's shipped copies up to date when the shipped files changed; returns how
    many were added. One query when nothing is missing or behind. Call inside the school's scope."""
    present = {
        key: (is_shipped, fingerprint)
        for key, is_shipped, fingerprint in model.objects.filter(school=school).values_list(
            "key", "shipped", f"translations__{DIGEST}"
        )
    }
    missing = [entry for entry in shipped if entry["key"] not in present]
    behind = {
        entry["key"]: entry["translations"]
        for entry in shipped
        if entry["key"] in present
        and present[entry["key"]][0]
        and str(present[entry["key"]][1]) != entry["translations"].get(DIGEST)
    }
    if not missing and not behind:
        return 0
    with transaction.atomic():
        if missing:
            insert_copies(model, school, missing, shipped=True)
        if behind:
            rows = list(model.objects.filter(school=school, shipped=True, key__in=list(behind)))
            for row in rows:
                row.translations = copy.deepcopy(behind[row.key])
            model.objects.bulk_update(rows, ["translations"])
    return len(missing)


def insert_copies(model: Any, school: Any, entries: list[dict[str, Any]], **fixed: Any) -> None:
    """Insert ``school``'s copies of ``entries`` (each the fields of a ``model`` row, built once per process),
    with the ``fixed`` fields added; an entry whose row the school already has (by a unique constraint) is
    skipped, so two copiers racing each other cannot fail.

    Every new school (and so nearly every test) gets about ninety such rows, and building them through the
    ORM cost ~50 ms a school, mostly copying and serialising the same JSON again. So each entry is compiled
    once per process and database into the parameters of one INSERT statement; a school swaps in its id and
    sends them all with one ``executemany``."""
    if not entries:
        return
    statement = _statement(model, tuple(sorted(fixed.items())))
    rows = [statement.parameters(entry, school.pk) for entry in entries]
    # The connection of this thread, looked up now: the statement is shared by every thread of the process
    # (a live server's thread has a connection of its own, and a closed one is replaced).
    with connections[statement.alias].cursor() as cursor:
        cursor.executemany(statement.sql, rows)


class _Insert:
    """One model's INSERT statement for copies, and the parameters of each entry already prepared."""

    def __init__(self, model: Any, fixed: tuple[tuple[str, Any], ...]):
        self.model = model
        self.fixed = dict(fixed)
        self.alias = router.db_for_write(model)
        self.fields = [f for f in model._meta.concrete_fields if not isinstance(f, AutoField)]
        self.school_at = [f.name for f in self.fields].index("school")
        self.sql = ""
        # id(entry) -> (entry, parameters); the entry is kept so its id cannot be reused by another dict.
        self.prepared: dict[int, tuple[dict[str, Any], list[Any]]] = {}

    def parameters(self, entry: dict[str, Any], school_pk: int) -> list[Any]:
        found = self.prepared.get(id(entry))
        if found is None or found[0] is not entry:
            found = self.prepared[id(entry)] = (entry, self._compile(entry, school_pk))
        parameters = list(found[1])
        parameters[self.school_at] = school_pk
        return parameters

    def _compile(self, entry: dict[str, Any], school_pk: int) -> list[Any]:
        # A deep copy: the prepared parameters must not change when someone changes the entry later.
        row = self.model(school_id=school_pk, **self.fixed, **copy.deepcopy(entry))
        query = InsertQuery(self.model, on_conflict=OnConflict.IGNORE)
        query.insert_values(self.fields, [row])
        [(self.sql, parameters)] = query.get_compiler(connection=connections[self.alias]).as_sql()
        return list(parameters)


_INSERTS: dict[tuple[Any, str, tuple[tuple[str, Any], ...]], _Insert] = {}


def _statement(model: Any, fixed: tuple[tuple[str, Any], ...]) -> _Insert:
    key = (model, router.db_for_write(model), fixed)
    if key not in _INSERTS:
        _INSERTS[key] = _Insert(model, fixed)
    return _INSERTS[key]
