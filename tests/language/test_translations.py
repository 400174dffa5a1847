"""Translations: the catalogues cover the code, every text students and guardians see exists in every family
language, English covers everything, placeholders survive translation, and the compiled files are current."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from koers.language.family import is_family_source

PACKAGE = Path(settings.PACKAGE_DIR)
LOCALE = PACKAGE / "locale"
FAMILY = settings.KOERS_FAMILY_LANGUAGES
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{\s*\w+\s*\}\}")


def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


def missing(entry: polib.POEntry) -> bool:
    if "fuzzy" in entry.flags:
        return True
    if entry.msgid_plural:
        return not entry.msgstr_plural or any(not text.strip() for text in entry.msgstr_plural.values())
    return not entry.msgstr.strip()


def family_entries(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete and any(is_family_source(path) for path, _ in e.occurrences)]


@pytest.mark.parametrize("language", FAMILY)
def test_every_student_and_guardian_text_is_translated(language):
    po = catalogue(language)

    untranslated = [e.msgid for e in family_entries(po) if missing(e)]

    assert not untranslated, (
        f"{language}: {len(untranslated)} texts lack a translation, e.g. {untranslated[:5]}"
    )


def test_every_text_has_an_english_translation():
    untranslated = [e.msgid for e in catalogue("en") if not e.obsolete and missing(e)]

    assert not untranslated, f"en: {len(untranslated)} texts lack a translation, e.g. {untranslated[:5]}"


def test_family_set_is_a_large_part_of_the_interface():
    # Guards the file patterns in koers/language/family.py: a renamed folder would quietly empty the set.
    po = catalogue("ar")

    assert len(family_entries(po)) > 0.4 * len(po)


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_every_placeholder(language):
    broken = []
    for entry in catalogue(language):
        if entry.obsolete or missing(entry):
            continue
        wanted = sorted(PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        texts = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        # A plural form may leave out a placeholder (Arabic has a form for exactly one), never add one.
        for text in texts:
            found = sorted(PLACEHOLDER.findall(text))
            if not set(found) <= set(wanted) or (not entry.msgid_plural and found != wanted):
                broken.append(entry.msgid)
    assert not broken, f"{language}: placeholders changed in {broken[:5]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalogue_matches_its_source(language):
    po = catalogue(language)
    compiled = polib.mofile(str(LOCALE / language / "LC_MESSAGES" / "django.mo"))

    def pairs(entries) -> dict[tuple[str, str], str]:
        return {(e.msgctxt or "", e.msgid): e.msgstr for e in entries if e.msgstr and not e.msgid_plural}

    assert pairs(compiled) == pairs(e for e in po.translated_entries() if "fuzzy" not in e.flags), (
        f"run `make messages` to compile {language}"
    )


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (apt-get install gettext)")
def test_catalogues_hold_every_text_of_the_code(tmp_path):
    copy = tmp_path / "koers"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "static", "*.mo"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-obsolete", "--add-location=file"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "DJANGO_SETTINGS_MODULE": "koers.settings",
            "PYTHONPATH": str(tmp_path),
            "PATH": "/usr/bin:/bin",
        },
    )
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/en/LC_MESSAGES/django.po"))}
    committed = {e.msgid for e in catalogue("en")}

    assert fresh == committed, (
        f"run `make messages`: new {sorted(fresh - committed)[:5]}, gone {sorted(committed - fresh)[:5]}"
    )
