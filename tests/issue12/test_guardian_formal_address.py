"""Issue 12, item 11: Dutch pages for guardians address the reader as "u", never "je" (docs/glossary.md).

The guardian's own pages are rendered in Dutch as the matrix opens them; their visible interface text, outside
what people wrote (marked ``dir="auto"``), must not hold the informal forms. Pages that students and staff
share with guardians (notifications, security, the accessibility statement, the privacy request, the
compliment form) still say "je" to everyone; they need a text per audience and are listed as left."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django_scopes import scopes_disabled

from koers.programme.models import Assignment
from tests.test_permission_matrix import (
    TABLE,
    _matrix,
    _media_in_tmp,
    client_for,
    objects,
    rows_of,
    world,
)

__all__ = ["_matrix", "_media_in_tmp", "objects", "world"]

# The pages only guardians read (or read in a guardian's version): every one must say "u".
GUARDIAN_PAGES = {
    "accounts:activate",
    "careers:child_careers",
    "choices:child",
    "dossier:guardian_family",
    "dossier:student",
    "home:guardian",
    "programme:guardian_answer",
    "programme:student_line",
    "transfer:guardian_access_log",
}
INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jezelf|jullie)\b", re.IGNORECASE)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class InterfaceText(HTMLParser):
    """Visible text and labels, without scripts, drawings and free text people wrote (``dir="auto"``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.stack: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("aria-label", "title", "placeholder", "alt"):
            if found.get(name) and not (self.stack and self.stack[-1]):
                self.parts.append(str(found[name]))
        if tag in VOID:
            return
        hidden = tag in {"script", "style", "svg", "textarea"} or found.get("dir") == "auto"
        self.stack.append(hidden or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def informal_sentences(html: str, content: str) -> list[str]:
    parser = InterfaceText()
    parser.feed(html)
    sentences = [" ".join(p.split()) for p in parser.parts if INFORMAL.search(p)]
    return [s for s in sentences if s.removesuffix(" · Koers").strip(": …") not in content]


def assignment_texts() -> str:
    """The assignment bank is content the school chooses and edits (written to students), not interface."""

    return "\n".join(
        f"{a.title}\n{a.goal}\n{a.steps}\n{a.questions}\n{a.translations}" for a in Assignment.objects.all()
    )


def test_dutch_guardian_pages_say_u(objects):
    with scopes_disabled():
        guardian = objects.world.users["guardian"]
        guardian.preferred_language = "nl"
        guardian.save(update_fields=["preferred_language"])
    client = client_for("guardian", objects)
    found: dict[str, list[str]] = {}
    for name in sorted(GUARDIAN_PAGES):
        assert name in TABLE, name
        for row in rows_of(name):
            assert row.get["guardian"] == 200, name
            response = client.get(row.url(name, objects))
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            with scopes_disabled():
                content = assignment_texts()
            sentences = informal_sentences(response.content.decode(), content)
            if sentences:
                found[name] = sentences

    assert not found, "\n".join(f"{name}: {sentences}" for name, sentences in sorted(found.items()))
