"""A mentor prints a group's login cards: the page answers at once with a progress page that refreshes
itself (htmx, within the Content-Security-Policy) until the worker has made the PDF, then offers it."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.background.conftest import DATABASE_TASKS, run_worker
from tests.e2e.conftest import assert_fits_the_screen, log_in_by_request

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_mentor_waits_for_the_cards_on_a_page_that_refreshes_itself(
    world, settings, desktop: Page, finish, tmp_path
):
    settings.TASKS = DATABASE_TASKS  # the worker, not the request, makes the PDF
    log_in_by_request(desktop, "mentor")
    desktop.goto(reverse("accounts:cards_group", kwargs={"pk": world.group.pk}))
    desktop.get_by_label("Alle leerlingen: nieuwe kaarten, de oude werken dan niet meer").check()
    desktop.get_by_role("button", name="Kaarten maken (pdf)").click()

    expect(desktop.get_by_role("heading", level=1)).to_have_text("Inlogkaarten van een groep (pdf)")
    expect(desktop.get_by_role("status")).to_have_text("Dit staat in de wachtrij.")

    run_worker()

    link = desktop.get_by_role("link", name="Download inlogkaarten-3k1.pdf")
    expect(link).to_be_visible(timeout=10_000)  # the page polls every two seconds
    with desktop.expect_download() as download:
        link.click()
    path = tmp_path / "cards.pdf"
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
    assert_fits_the_screen(desktop)
    finish(desktop, "prepared-download")
