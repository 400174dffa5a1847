"""A student on a phone zoomed to 200% logs in, adds an experience and reflects on it with the keyboard only.

How 200% zoom is made: browser zoom divides the width in CSS pixels that a page gets by the zoom factor, so a
390 x 844 phone at 200% lays pages out in 195 x 422 CSS pixels. The journey uses exactly that viewport (with
a device scale factor of 4, the phone's 2 times the zoom's 2, so screenshots look like the zoomed phone).
Only Tab, Shift+Tab, Enter, Space and typing are used: no clicks. On every page the document must not scroll
sideways (scrollWidth <= clientWidth), and every element that receives focus must show it. Where espeak-ng is
installed, the student also has the first reflection question read aloud with Space.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from koers.dossier.models import Reflection, ReflectionAnswer
from tests.e2e.conftest import RESULTS, Pages
from tests.factories import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ZOOMED_PHONE = {"width": 390 // 2, "height": 844 // 2}

FOCUSED = """() => {
  const el = document.activeElement;
  return {tag: el.tagName.toLowerCase(), type: el.type || "", name: el.name || "",
          href: el.getAttribute("href") || "", text: (el.innerText || el.value || "").trim().slice(0, 40)};
}"""

# Focus is visible when the element, or the label that stands in for a hidden radio, has an outline or a
# focus ring, and that element lies (at least partly) inside the screen.
FOCUS_VISIBLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return false;
  // Inside a date field the last stop is the field's own calendar button (in its shadow tree, styled by
  // koers.css through ::-webkit-calendar-picker-indicator:focus-visible); the field itself then does not
  // match :focus.
  if (el.type === "date" && !el.matches(":focus")) return true;
  const shown = el.closest("label") && getComputedStyle(el).opacity === "0" ? el.closest("label") : el;
  const style = getComputedStyle(shown);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const ring = outline || style.boxShadow !== "none";
  const box = shown.getBoundingClientRect();
  return ring && box.width > 0 && box.height > 0;
}"""

# Records every value aria-pressed takes on read-aloud buttons, so a short sound cannot end unseen.
WATCH_PRESSED = """() => {
  window.pressedHistory = [];
  const keep = r => window.pressedHistory.push(r.target.getAttribute("aria-pressed"));
  new MutationObserver(records => records.forEach(keep))
    .observe(document.body, {subtree: true, attributes: true, attributeFilter: ["aria-pressed"]});
}"""

NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def assert_no_sideways_scroll(page: Page) -> None:
    page.wait_for_load_state("load")
    overflow = page.evaluate(NO_SIDEWAYS_SCROLL)
    if overflow > 0:
        wide = page.evaluate(
            """() => [...document.querySelectorAll("body *")]
                .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                  || e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === "visible"
                  || e.getBoundingClientRect().left < -1)
                .slice(0, 8).map(e => e.tagName.toLowerCase() + "." + [...e.classList].join(".")
                  + " right " + Math.round(e.getBoundingClientRect().right) + "px, scroll "
                  + e.scrollWidth + "/" + e.clientWidth)"""
        )
        raise AssertionError(f"{page.url} scrolls sideways by {overflow}px; too wide: {wide}")


def tab_to(page: Page, matches: Callable[[dict], bool], *, limit: int = 120) -> dict:
    """Tab until the focused element matches, checking on the way that every focus stop is visible."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        label = focused["name"] or focused["text"] or focused["tag"]
        assert page.evaluate(FOCUS_VISIBLE), (
            f"focus on {focused['tag']} {label!r} ({page.url}) is not visible"
        )
        if matches(focused):
            return focused
        seen.append(label)
    raise AssertionError(f"not reachable with Tab on {page.url}; focus went through {seen}")


def test_student_adds_experience_and_reflection_by_keyboard_at_200_percent_zoom(world, pages: Pages):
    context = pages.browser.new_context(
        viewport=ZOOMED_PHONE,  # type: ignore[arg-type]
        device_scale_factor=4,
        base_url=pages.base_url,
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
    )
    context.set_default_timeout(10_000)
    pages.contexts.append(context)
    page = context.new_page()
    page.on("console", pages._watch_console)

    # Logging in.
    page.goto("/inloggen/")
    assert_no_sideways_scroll(page)
    if page.evaluate(FOCUSED)["name"] != "username":  # the login form puts focus there itself
        tab_to(page, lambda el: el["name"] == "username")
    page.keyboard.type("student")
    tab_to(page, lambda el: el["name"] == "password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).not_to_have_url(re.compile(r"/inloggen/"))
    assert_no_sideways_scroll(page)

    # A new experience.
    tab_to(page, lambda el: el["tag"] == "a" and el["href"].endswith("/ervaringen/nieuw/"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe ervaring")
    assert_no_sideways_scroll(page)
    tab_to(page, lambda el: el["name"] == "kind")
    page.keyboard.press("Space")
    tab_to(page, lambda el: el["name"] == "title")
    page.keyboard.type("Vrijwilliger bij de voedselbank")
    tab_to(page, lambda el: el["name"] == "went_well")
    page.keyboard.type("Ik hielp klanten hun boodschappen te vinden.")
    tab_to(page, lambda el: el["tag"] == "button" and el["text"] == "Bewaren")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vrijwilliger bij de voedselbank")
    assert_no_sideways_scroll(page)

    # A reflection on it.
    tab_to(page, lambda el: el["tag"] == "a" and "/reflectie/" in el["href"])
    page.keyboard.press("Enter")
    expect(page.locator("form textarea").first).to_be_attached()
    assert_no_sideways_scroll(page)
    if shutil.which("espeak-ng"):
        # The first question is read aloud with Space: the button is pressed while the server's audio plays.
        page.evaluate(WATCH_PRESSED)
        tab_to(page, lambda el: el["tag"] == "button" and "Lees voor" in el["text"])
        with page.expect_response(lambda r: "/voorlezen/" in r.url) as spoken:
            page.keyboard.press("Space")
        assert spoken.value.status == 200 and spoken.value.headers["content-type"] == "audio/wav"
        assert page.evaluate("window.pressedHistory")[:1] == ["true"]
    tab_to(page, lambda el: el["tag"] == "textarea")
    page.keyboard.type("Ik kan rustig blijven als het druk wordt.")
    tab_to(page, lambda el: el["tag"] == "button" and el["text"] == "Bewaren")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vrijwilliger bij de voedselbank")
    assert_no_sideways_scroll(page)

    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / "zoom-200-keyboard-reflection.png"), full_page=True)
    assert not pages.csp_violations, pages.csp_violations
    with scopes_disabled():
        reflection = Reflection.objects.get(experience__title="Vrijwilliger bij de voedselbank")
        answer = ReflectionAnswer.objects.get(reflection=reflection)
    assert answer.text == "Ik kan rustig blijven als het druk wordt."
