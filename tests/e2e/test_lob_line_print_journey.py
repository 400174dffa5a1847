"""Issue 12, items 9 and 14: an Arabic-reading guardian reads the child's LOB-lijn on a phone and prints it.

On the phone the drawing's smallest text is at least 12 px (it was 6-7 px); on paper the whole drawing fits
the page, where a scroll box used to print only the part in view (the right half, right to left)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in_by_request
from tests.programme.lobline_helpers import a_line_with_every_mark

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SMALLEST_TEXT = """() => {
  const svg = document.querySelector(".lob-line-figure svg");
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll("text")].map(t => parseFloat(t.getAttribute("font-size")));
  return Math.min(...sizes) * scale;
}"""

FITS = """() => {
  const figure = document.querySelector(".lob-line-figure");
  const box = figure.querySelector("svg").getBoundingClientRect();
  return figure.scrollWidth <= figure.clientWidth + 1 && box.left >= 0 && box.right <= window.innerWidth + 1;
}"""


def test_arabic_guardian_reads_the_drawing_on_a_phone_and_prints_all_of_it(world, phone: Page, finish):
    a_line_with_every_mark(world)
    with scopes_disabled():
        guardian = world.users["guardian"]
        guardian.preferred_language = "ar"
        guardian.save(update_fields=["preferred_language"])
    log_in_by_request(phone, "guardian")
    phone.goto(reverse("programme:student_line", args=[world.student.pk]))
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")

    assert phone.evaluate(SMALLEST_TEXT) >= 12

    phone.emulate_media(media="print")
    assert phone.evaluate(FITS), "the printed drawing is cut off"
    expect(phone.locator("nav.mainnav")).to_be_hidden()
    finish(phone, "guardian-lob-line-print-ar")
