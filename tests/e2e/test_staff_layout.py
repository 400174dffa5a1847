"""Staff pages on a phone (390 px): nothing scrolls sideways, no two landmarks share a name, and a button in a
table keeps its word whole (issue 12 item 21).

The pages are every staff page of the permission matrix that needs no object, so a new staff page is checked
without being listed here."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from tests.e2e.conftest import PHONE, axe_violations, log_in_by_request
from tests.e2e.test_accessibility_axe import fill
from tests.matrix import nothing
from tests.test_permission_matrix import TABLE

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

STAFF = ("mentor", "counsellor", "teacher", "leader", "admin")
LANDMARK_RULES = [
    "landmark-unique",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "landmark-no-duplicate-main",
]


def staff_pages() -> dict[str, list[str]]:
    """Per staff persona, the pages without arguments that persona opens (each once; files left out)."""
    pages: dict[str, list[str]] = {}
    for name, rows in TABLE.items():
        for row in rows if isinstance(rows, list) else [rows]:
            if row.kwargs is not nothing or row.serves != "text/html":
                continue
            persona = next((p for p in STAFF if row.get.get(p) == 200), None)
            if persona is not None:
                pages.setdefault(persona, []).append(name)
                break
    return pages


def _problems(page: Page) -> list[str]:
    found = []
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if overflow > 0:
        found.append(f"scrolls {overflow}px sideways")
    violations = axe_violations(
        page, {"runOnly": {"type": "rule", "values": LANDMARK_RULES}, "resultTypes": ["violations"]}
    )
    for violation in violations:
        found.append(f"{violation['id']}: {[node['html'][:90] for node in violation['nodes'][:3]]}")
    return found


def test_staff_pages_fit_a_phone_and_name_their_landmarks_once(world, pages):
    fill(world)
    problems = []
    checked = 0
    for persona, names in staff_pages().items():
        page = pages.open(viewport=PHONE)
        log_in_by_request(page, persona)
        for name in names:
            page.goto(reverse(name))
            checked += 1
            problems += [f"{persona} {name}: {problem}" for problem in _problems(page)]

    assert checked > 40
    assert not problems, "\n".join(problems)


def test_the_compliment_button_in_the_class_view_stays_one_word(world, pages):
    fill(world)
    page = pages.open(viewport=PHONE)
    log_in_by_request(page, "mentor")
    page.goto(reverse("home:mentor"))

    lines = page.evaluate(
        """() => [...document.querySelectorAll('td a.button')]
             .filter(a => a.textContent.includes('Compliment'))
             .map(a => {
               const r = document.createRange();
               r.selectNodeContents(a.firstChild);
               return r.getClientRects().length;
             })"""
    )

    assert lines and all(count == 1 for count in lines), lines
