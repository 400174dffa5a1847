"""Browser journeys: Playwright (sync API) drives Debian's Chromium against pytest-django's live server.

Chromium comes from the operating system, never from ``playwright install``: Debian's headless shell of it
(``apt-get install chromium-headless-shell``), the same engine at the same version as its ``chromium``
package without the desktop browser around it, as Playwright itself runs headless journeys. On the two-core
test machine it took 43% less CPU than ``/usr/bin/chromium`` for the same journeys (docs/architecture.md).
``KOERS_TEST_CHROMIUM=/usr/bin/chromium`` runs them in the full browser instead.
Without it the journeys are skipped on a developer machine; under CI (``CI`` set) they must run.
Each journey ends with a screenshot in ``test-results/`` for people to look at.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Locator,
    Page,
    expect,
    sync_playwright,
)

from tests.factories import PASSWORD
from tests.shared_rows import SHARED

CHROMIUM = Path(os.environ.get("KOERS_TEST_CHROMIUM", "/usr/bin/chromium-headless-shell"))
RESULTS = Path(__file__).resolve().parents[2] / "test-results"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="package")
def browser(django_db_blocker) -> Iterator[Browser]:
    """One Chromium for the journeys (each still opens fresh contexts, so no cookie carries over); closed
    after the last journey, so the tests that follow run without Playwright's event loop in their thread."""
    if not CHROMIUM.exists() and not os.environ.get("CI"):
        pytest.skip(f"browser journeys need Chromium at {CHROMIUM} (apt-get install chromium-headless-shell)")
    # While an event loop runs in this thread, Django hands it another database connection (asgiref's Local):
    # the rows shared by other tests must be rolled back on the connection that holds them, before that.
    SHARED.close(django_db_blocker)
    # Playwright's sync API keeps an asyncio loop running in this thread while the browser lives, so Django
    # would refuse the (synchronous, correct) database calls of the journeys and of their clean-up.
    allow_before = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            headless=True,
        )
        yield launched
        launched.close()
    if allow_before is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = allow_before


class Pages:
    """Opens browser pages against the live server, each in its own context (its own cookies)."""

    def __init__(self, browser: Browser, base_url: str):
        self.browser = browser
        self.base_url = base_url
        self.contexts: list[BrowserContext] = []
        self.csp_violations: list[str] = []

    def open(self, *, viewport: dict[str, int]) -> Page:
        context = self.browser.new_context(
            viewport=viewport,  # type: ignore[arg-type]
            base_url=self.base_url,
            locale="nl-NL",
            timezone_id="Europe/Amsterdam",
        )
        context.set_default_timeout(10_000)
        self.contexts.append(context)
        page = context.new_page()
        page.on("console", self._watch_console)
        return page

    def _watch_console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            self.csp_violations.append(message.text)

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def pages(browser: Browser, live_server) -> Iterator[Pages]:
    opened = Pages(browser, live_server.url)
    yield opened
    opened.close()


@pytest.fixture
def phone(pages: Pages) -> Page:
    return pages.open(viewport=PHONE)


@pytest.fixture
def desktop(pages: Pages) -> Page:
    return pages.open(viewport=DESKTOP)


def log_in(page: Page, username: str) -> None:
    """Through the real login form, as a person would."""
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).not_to_have_url(re.compile(r"/inloggen/"))


def log_in_by_request(page: Page, username: str) -> None:
    """The same log-in view, session and landing page as ``log_in``, posted by the browser context without
    drawing the form: for journeys whose subject comes after logging in. Filling the form took 1.4-1.8 s of a
    journey; the student, keyboard, right-to-left and outsider journeys still walk it."""
    form = page.request.get("/inloggen/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text())
    assert token, "the login page has no CSRF token"
    answer = page.request.post(
        "/inloggen/",
        form={"csrfmiddlewaretoken": token.group(1), "username": username, "password": PASSWORD},
        max_redirects=0,
    )
    assert answer.status == 302, f"logging in as {username} answered {answer.status}"
    page.goto("/")
    expect(page).not_to_have_url(re.compile(r"/inloggen/"))


@pytest.fixture
def finish(pages: Pages) -> Callable[[Page, str], None]:
    """End of a journey: a screenshot for people, and no Content-Security-Policy violation on the way."""

    def _finish(page: Page, name: str) -> None:
        RESULTS.mkdir(exist_ok=True)
        page.screenshot(path=str(RESULTS / f"{name}.png"), full_page=True)
        assert not pages.csp_violations, pages.csp_violations

    return _finish


def assert_fits_the_screen(page: Page) -> None:
    """Phone-first: the page must not scroll sideways. Call it once the page is there (after an expect on
    its content): measured while a click's navigation commits, there is no document yet."""
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def image_loaded(image: Locator) -> bool:
    """Whether the image was served and decoded; waits for it to finish loading (or failing) first."""
    return bool(
        image.evaluate(
            """img => img.complete ? img.naturalWidth > 0 : new Promise(done => {
                img.addEventListener("load", () => done(img.naturalWidth > 0));
                img.addEventListener("error", () => done(false));
            })"""
        )
    )


def axe_violations(page: Page, options: dict[str, Any]) -> list[dict[str, Any]]:
    """axe-core's violations on the page (the script that axe-playwright-python ships). The script is added to
    the page's browser context once, so every later page of that context has it from the start: sending its
    half a megabyte to each page again cost a third of a check."""
    if not page.evaluate("() => 'axe' in window"):
        page.context.add_init_script(script=AXE_SCRIPT)
        page.evaluate(AXE_SCRIPT)
    results: dict[str, Any] = page.evaluate("options => axe.run(document, options)", options)
    return results["violations"]
