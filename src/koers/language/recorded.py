"""Texts that were written down in one language and are read later in another (the access log).

A line of the access log is made while someone looks at a dossier, in that person's language, and read later
by the student or a guardian in theirs. ``to_source`` turns such a text back into its Dutch source (so what is
stored no longer depends on who looked) and ``in_language`` renders it in the reader's language. Both work
from the compiled catalogues: a text is recognised as the translation of a catalogue text, with its
``%(name)s`` values taken out and put back. A text that matches nothing (a school's own words) stays as
it is.
"""

from __future__ import annotations

import gettext
import re
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils import translation

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@cache
def _catalogue(language: str) -> dict[str, str]:
    """msgid -> msgstr of one language (plural and context entries left out)."""
    for root in settings.LOCALE_PATHS:
        path = Path(root) / language / "LC_MESSAGES" / "django.mo"
        if path.exists():
            with path.open("rb") as handle:
                entries = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
            return {k: v for k, v in entries.items() if isinstance(k, str) and k and "\x04" not in k}
    return {}


@cache
def _patterns() -> tuple[dict[str, str], list[tuple[re.Pattern[str], str]]]:
    """Exact texts in any language -> Dutch source; and for texts with values, a pattern per translation."""
    exact: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    for language, _name in settings.LANGUAGES:
        if language == settings.LANGUAGE_CODE:
            continue
        for msgid, msgstr in _catalogue(language).items():
            for text in (msgid, msgstr):
                if not PLACEHOLDER.search(text):
                    exact.setdefault(text, msgid)
                elif "%" not in PLACEHOLDER.sub("", text) and len(PLACEHOLDER.sub("", text).strip()) >= 3:
                    pieces = PLACEHOLDER.split(text)
                    regex = "".join(
                        re.escape(piece) if index % 2 == 0 else f"(?P<{piece}>.+?)"
                        for index, piece in enumerate(pieces)
                    )
                    try:
                        patterns.append((re.compile(f"^{regex}$", re.DOTALL), msgid))
                    except re.error:  # a name used twice in one text
                        continue
    return exact, patterns


def _match(text: str) -> tuple[str, dict[str, str]] | None:
    exact, patterns = _patterns()
    if text in exact:
        return exact[text], {}
    for pattern, msgid in patterns:
        found = pattern.match(text)
        if found:
            return msgid, found.groupdict()
    return None


def to_source(text: str) -> str:
    """``text`` as its Dutch source, if it is a catalogue text (values kept); otherwise unchanged."""
    found = _match(text)
    if found is None:
        return text
    msgid, values = found
    return msgid % values if values else msgid


def in_language(text: str, language: str | None = None) -> str:
    """``text`` in ``language`` (the active one by default), if it is a catalogue text in any language."""
    found = _match(text)
    if found is None:
        return text
    msgid, values = found
    reader = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    rendered = msgid if reader == settings.LANGUAGE_CODE else _catalogue(reader).get(msgid, msgid)
    try:
        return rendered % values if values else rendered
    except (KeyError, ValueError, TypeError):
        return text
