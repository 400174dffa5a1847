"""A student switches Koers to Arabic through the language chooser; the page turns right-to-left and fits."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_fits_the_screen, log_in
from tests.programme.lobline_helpers import activity_for, days_from_today

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Elements that stick out of the screen on purpose or scroll inside their own box are left out.
SIDEWAYS = """() => {
  const width = window.innerWidth;
  const skip = (el) => el.closest('.skip-link, .visually-hidden, [role=region], .account-menu, svg');
  return [...document.body.querySelectorAll('*')]
    .filter((el) => !skip(el))
    .filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && (r.left < -1 || r.right > width + 1);
    })
    .map((el) => el.tagName + '.' + el.className);
}"""


def test_student_switches_to_arabic_and_page_reads_right_to_left(world, phone: Page, finish):
    activity_for(world.group, title="Bezoek aan de garage", starts_on=days_from_today(10))
    log_in(phone, "student")

    phone.locator("details.account > summary").click()
    phone.get_by_role("button", name="العربية").click()

    html = phone.locator("html")
    expect(html).to_have_attribute("dir", "rtl")
    expect(html).to_have_attribute("lang", "ar")
    width = phone.viewport_size["width"]
    brand = phone.locator(".topbar .brand").bounding_box()
    first_link = phone.locator(".mainnav a").first.bounding_box()
    assert brand is not None and first_link is not None
    # The bar starts at the right edge: the brand and the first menu item sit against it.
    assert brand["x"] + brand["width"] > width - 40
    assert first_link["x"] + first_link["width"] > width / 2
    assert_fits_the_screen(phone)
    assert phone.evaluate(SIDEWAYS) == []

    phone.goto(reverse("programme:mine"))
    expect(phone.locator("svg.lob-line-svg")).to_have_attribute("direction", "rtl")
    assert_fits_the_screen(phone)
    assert phone.evaluate(SIDEWAYS) == []
    finish(phone, "i18n-student-arabic-rtl")
