#!/usr/bin/env python3
"""Write translations from a JSON file into a language's catalogue, then compile it.

    .venv/bin/python scripts/apply_translations.py ar /path/to/ar.json [more.json ...]

The JSON maps a key to a translation. The key is the msgid, or "context\\u0004msgid" for a text with a
context (as gettext writes it). A plural text takes a list with one translation per plural form of the
language (see the catalogue's Plural-Forms header). Keys the catalogue does not hold are reported and skipped;
existing translations are replaced. Translators work on JSON so that refreshing the catalogues from the code
(`make messages`) never collides with their work.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "src" / "koers" / "locale"


def key_of(entry: polib.POEntry) -> str:
    return f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid


def apply(language: str, files: list[Path]) -> int:
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path), wrapwidth=110)
    entries = {key_of(e): e for e in po if not e.obsolete}
    unknown = 0
    for file in files:
        for key, text in json.loads(file.read_text(encoding="utf-8")).items():
            entry = entries.get(key)
            if entry is None:
                unknown += 1
                continue
            if entry.msgid_plural:
                forms = text if isinstance(text, list) else [text]
                entry.msgstr_plural = dict(enumerate(forms))
            else:
                entry.msgstr = text if isinstance(text, str) else text[0]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    po.save(str(path))
    po.save_as_mofile(str(path.with_suffix(".mo")))
    if unknown:
        print(f"{language}: {unknown} keys are not in the catalogue (texts changed since?)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(apply(sys.argv[1], [Path(p) for p in sys.argv[2:]]))
