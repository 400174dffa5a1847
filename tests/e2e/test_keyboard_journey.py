"""A student who cannot use a mouse reaches and submits the new-experience form with Tab, Space and Enter."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FOCUSED = """() => {
  const el = document.activeElement;
  const label = el.labels && el.labels.length ? el.labels[0].innerText : "";
  return {tag: el.tagName.toLowerCase(), type: el.type || "", name: el.name || "",
          text: (el.innerText || "").trim(), label: label.trim()};
}"""


def tab_to(page: Page, matches, *, limit: int = 80) -> dict:
    """Press Tab until the focused element matches; fail when it cannot be reached by keyboard."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if matches(focused):
            return focused
        seen.append(focused["name"] or focused["text"][:30] or focused["tag"])
    raise AssertionError(f"not reachable with Tab; focus went through {seen}")


def has_visible_focus(page: Page) -> bool:
    return page.evaluate(
        """() => {
          const style = getComputedStyle(document.activeElement);
          return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0)
            || style.boxShadow !== "none";
        }"""
    )


def test_student_reaches_and_submits_new_experience_form_with_keyboard_only(world, phone: Page, finish):
    log_in(phone, "student")

    tab_to(phone, lambda el: el["tag"] == "a" and el["text"].endswith("Ervaring"))
    assert has_visible_focus(phone), "the focused link shows no focus indicator"
    phone.keyboard.press("Enter")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Nieuwe ervaring")

    kind = tab_to(phone, lambda el: el["name"] == "kind")
    phone.keyboard.press("Space")
    assert phone.locator(
        f"input[name=kind][value='{phone.evaluate('document.activeElement.value')}']"
    ).is_checked()
    tab_to(phone, lambda el: el["name"] == "title")
    phone.keyboard.type("Voetbaltraining geven aan de F-jes")
    submit = tab_to(phone, lambda el: el["tag"] == "button" and el["text"] == "Bewaren")
    assert has_visible_focus(phone), "the focused button shows no focus indicator"
    phone.keyboard.press("Enter")

    expect(phone.get_by_role("heading", level=1)).to_have_text("Voetbaltraining geven aan de F-jes")
    assert kind["type"] == "radio" and submit["tag"] == "button"
    finish(phone, "e-keyboard-new-experience")
