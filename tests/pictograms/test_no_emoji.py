"""No emoji character is used as a pictogram: an emoji is drawn by whatever font a device has, and where it
has none (Debian's Chromium, the PDF renderer) it is an empty box. Pictograms come from koers/pictograms."""

from __future__ import annotations

from pathlib import Path

import regex
from django.conf import settings

PACKAGE = Path(settings.PACKAGE_DIR)
# Extended_Pictographic is Unicode's set of emoji and emoji-like pictographs, including those drawn as text
# by default (⚠, ✔); U+FE0F asks for emoji presentation. Plain text marks (✓ ○ ✗ →) are not in it.
EMOJI = regex.compile(r"[\p{Extended_Pictographic}\uFE0F]")
SCANNED = ("*.html", "*.txt", "*.py", "*.yaml", "*.js", "*.css", "*.po")
# Migrations keep the emoji they translate into pictogram names.
SKIPPED_FOLDERS = {"migrations"}


def emoji_in(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        f"{path.relative_to(PACKAGE)}:{number}: {line.strip()[:80]}"
        for number, line in enumerate(lines, 1)
        if EMOJI.search(line)
    ]


def source_files() -> list[Path]:
    files = {path for pattern in SCANNED for path in PACKAGE.rglob(pattern)}
    return sorted(path for path in files if not SKIPPED_FOLDERS & set(path.parts))


def test_the_scan_covers_templates_vocabulary_and_content():
    scanned = {str(path.relative_to(PACKAGE)) for path in source_files()}

    assert "lob/vocabulary.py" in scanned
    assert "lob/content/qualities.yaml" in scanned
    assert "overview/templates/overview/dossier.html" in scanned


def test_the_scan_finds_an_emoji_where_a_pictogram_belongs(tmp_path, monkeypatch):
    monkeypatch.setattr(f"{__name__}.PACKAGE", tmp_path)
    (tmp_path / "page.html").write_text(
        '<span aria-hidden="true">⚠️</span> te laat\n✓ gedaan\n', encoding="utf-8"
    )

    assert emoji_in(tmp_path / "page.html") == ['page.html:1: <span aria-hidden="true">⚠️</span> te laat']


def test_no_emoji_character_in_templates_vocabulary_or_content():
    found = [line for path in source_files() for line in emoji_in(path)]

    assert found == [], "use {% pictogram %} or koers.pictograms.render instead of an emoji:\n" + "\n".join(
        found
    )
