"""Every page a student, a guardian or a visitor opens, rendered in each family language, holds no Dutch
interface text (issue 12, item 6).

The translation-completeness test reads only the catalogues, so it cannot see a text that a page shows in
Dutch although its translation exists (a model's Dutch name instead of its translation, a hard-coded word) or
a text that never reached the catalogue. Here every family page of the permission matrix is opened as its
reader in each family language, and the visible text outside content marked ``lang="nl"`` (what the school
or the student wrote) is searched for the Dutch source of any text the catalogue translates differently.
``test_extractable.py`` guards the other half: texts that never reach the catalogue.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import polib
import pytest
from django.conf import settings
from django_scopes import scopes_disabled

from koers.language.family import is_family_source
from tests.matrix import ANONYMOUS
from tests.test_permission_matrix import (
    FAMILY_PERSONAS,
    TABLE,
    _matrix,
    _media_in_tmp,
    client_for,
    objects,
    rows_of,
    world,
)

# The matrix's fixtures (its module world, its files and objects), used here by name.
__all__ = ["_matrix", "_media_in_tmp", "objects", "world"]

LOCALE = settings.PACKAGE_DIR / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{.*?\}\}|<[^>]+>")
SKIPPED = {"script", "style", "svg"}  # drawings are checked by their own tests; scripts hold no text
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class VisibleText(HTMLParser):
    """The text a reader sees, without the parts marked as Dutch content (``lang="nl"`` inside a page in
    another language) and without scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[bool] = []  # per open element: does it hide its content?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        hidden = tag in SKIPPED or (dict(attrs).get("lang") == "nl" and tag != "html")
        self.stack.append(hidden or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)

    @classmethod
    def of(cls, html: str) -> str:
        parser = cls()
        parser.feed(html)
        return " ".join(" ".join(parser.parts).split())


def dutch_texts(language: str) -> list[str]:
    """The Dutch source texts of the family interface that this language translates into something else:
    whole sentences or phrases of two words or more (the literal pieces between placeholders)."""
    po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
    found: set[str] = set()
    for entry in po:
        if entry.obsolete or entry.msgid_plural or not entry.msgstr or "fuzzy" in entry.flags:
            continue
        if entry.msgstr == entry.msgid or not any(is_family_source(p) for p, _ in entry.occurrences):
            continue
        for piece in PLACEHOLDER.split(entry.msgid):
            piece = " ".join(piece.split()).strip(" .,:;·()")
            if len(piece) >= 12 and " " in piece and piece not in entry.msgstr:
                found.add(piece)
    return sorted(found, key=len, reverse=True)


# Pages that speak a language chosen for them, not the visitor's: each with its reason.
OWN_LANGUAGE = {
    "partners:supervisor": "The supervisor's page speaks the language the mentor chose for the link.",
}


def family_pages(objects) -> list[tuple[str, str, str]]:
    """(name, persona, url) of every page the matrix says a student, guardian or visitor opens (files, such as
    PDFs and voice notes, are left out: their texts are the templates' texts, checked in the catalogues)."""
    pages = []
    for name in [name for name in TABLE if name not in OWN_LANGUAGE]:
        for row in rows_of(name):
            if row.serves != "text/html":
                continue
            for persona in FAMILY_PERSONAS:
                if row.get[persona] == 200:
                    pages.append((name, persona, row.url(name, objects)))
    return pages


@pytest.mark.parametrize("language", settings.KOERS_FAMILY_LANGUAGES)
def test_family_pages_show_no_dutch_interface_text(language, objects):
    texts = dutch_texts(language)
    with scopes_disabled():
        for persona in ("student", "guardian"):
            user = objects.world.users[persona]
            user.preferred_language = language
            user.save(update_fields=["preferred_language"])
    found: dict[str, set[str]] = {}
    for name, persona, url in family_pages(objects):
        client = client_for(persona, objects)
        if persona == ANONYMOUS:
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        response = client.get(url)
        assert response.status_code == 200, url
        visible = VisibleText.of(response.content.decode())
        for text in texts:
            if text in visible:
                found.setdefault(f"{name} ({persona})", set()).add(text)

    assert not found, f"{language}: Dutch interface text on " + "; ".join(
        f"{page}: {sorted(words)[:4]}" for page, words in sorted(found.items())
    )
