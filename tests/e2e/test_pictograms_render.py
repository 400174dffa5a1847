"""In Chromium without any emoji font (as on Debian and in CI) the main pages of students, guardians and
mentors show no empty glyph box: every character is drawn by a font that has it (the fonts Chromium reports
for each node, read through the DevTools protocol), every pictogram's drawing arrived from the sprite, and a
screenshot of each page lands in test-results/ for people to look at."""

from __future__ import annotations

import functools
import subprocess
import unicodedata
from typing import Any

import pytest
import regex
from django.urls import reverse
from fontTools.ttLib import TTCollection, TTFont
from playwright.sync_api import Page

from tests.e2e.conftest import PHONE, RESULTS, log_in_by_request
from tests.e2e.test_accessibility_axe import fill

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

EMOJI = regex.compile(r"[\p{Extended_Pictographic}\uFE0F]")
# Characters that draw nothing themselves: spaces, direction marks, joiners, soft hyphens.
INVISIBLE = {"Zs", "Zl", "Zp", "Cc", "Cf"}


@functools.cache
def font_coverage() -> dict[str, set[int]]:
    """The characters of every installed font, by family and PostScript name (as Chromium names them)."""
    files = subprocess.run(["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, check=True)
    covered: dict[str, set[int]] = {}
    for path in filter(None, files.stdout.splitlines()):
        fonts = (
            TTCollection(path).fonts if path.lower().endswith((".ttc", ".otc")) else [TTFont(path, lazy=True)]
        )
        for font in fonts:
            characters = set(font.getBestCmap() or {})
            for name_id in (1, 6, 16):
                name = font["name"].getDebugName(name_id)
                if name:
                    covered.setdefault(name, set()).update(characters)
    return covered


def missing_glyphs(page: Page) -> list[str]:
    """Each text whose characters the font Chromium drew them with does not have: an empty box on screen."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    missing: list[str] = []

    def visit(node: dict[str, Any]) -> None:
        children = node.get("children", [])
        text = "".join(child.get("nodeValue", "") for child in children if child.get("nodeType") == 3)
        drawn = [char for char in text if unicodedata.category(char) not in INVISIBLE]
        if drawn and node.get("nodeName") not in {"SCRIPT", "STYLE", "TITLE", "#document"}:
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
            if fonts:  # no fonts: the node is not rendered (hidden)
                have = set().union(*(font_coverage().get(f["familyName"], set()) for f in fonts))
                have |= set().union(*(font_coverage().get(f.get("postScriptName", ""), set()) for f in fonts))
                lacking = sorted({char for char in drawn if ord(char) not in have})
                if lacking:
                    names = ", ".join(f["familyName"] for f in fonts)
                    missing.append(f"{node['nodeName']} {text.strip()[:40]!r}: {lacking} not in {names}")
        for child in children:
            visit(child)
        for child in node.get("shadowRoots", []) + (
            [node["contentDocument"]] if "contentDocument" in node else []
        ):
            visit(child)

    visit(root)
    cdp.detach()
    return missing


def broken_pictograms(page: Page) -> list[str]:
    """Pictograms whose drawing did not arrive from the sprite (an empty <use> has no size)."""
    return page.evaluate(
        """() => [...document.querySelectorAll("svg.picto use, svg.lob-line-svg use")]
            .filter(use => { const box = use.getBBox(); return !(box.width > 0 && box.height > 0); })
            .map(use => use.getAttribute("href"))"""
    )


def test_the_check_finds_an_empty_box_where_an_emoji_has_no_font(pages):
    page = pages.open(viewport=PHONE)
    # The compass was the pictogram of an LOB activity; no installed font has it.
    page.set_content("<p><span>🧭</span> LOB-activiteit</p>")

    assert any("🧭" in problem for problem in missing_glyphs(page))


@pytest.mark.parametrize(
    ("persona", "url", "language"),
    [
        ("student", "dossier:home", "nl"),
        ("student", "dossier:home", "ar"),
        ("guardian", "home:guardian", "nl"),
        ("guardian", "home:guardian", "fa"),
        ("mentor", "home:mentor", "nl"),
        ("student", "programme:mine", "nl"),
    ],
)
def test_main_page_draws_every_character_and_pictogram(world, pages, persona, url, language):
    fill(world)
    page = pages.open(viewport=PHONE)
    log_in_by_request(page, persona)
    user = world.users[persona]
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])

    page.goto(reverse(url))
    page.wait_for_load_state("networkidle")

    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"pictograms-{url.replace(':', '-')}-{language}.png"), full_page=True)
    assert page.locator("svg.picto, svg.lob-line-svg use").count() > 0
    assert broken_pictograms(page) == []
    assert EMOJI.findall(page.locator("body").inner_text()) == []
    assert missing_glyphs(page) == []
    assert pages.csp_violations == []
