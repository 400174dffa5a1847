"""axe-core in the browser: no serious or critical WCAG violation on the main page of every role.

Each row of PAGES is one page as one persona; LANGUAGES lists the interface languages every page is checked
in (add "ar" once the Arabic translation exists, and every page is checked right-to-left as well).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import Page

from koers.lob.models import ReflectionPrompt
from tests import factories as f
from tests.e2e.conftest import PHONE, axe_violations, log_in_by_request

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING = {"serious", "critical"}
LANGUAGES = ["nl", "ar", "fa"]
# Staff screens are Dutch and English only; the family languages are checked where students, guardians and
# visitors go.
FAMILY_PERSONAS = {None, "student", "guardian"}


@dataclass
class Full:
    """The objects the pages point at, built once per test so no page is empty."""

    experience: Any
    conversation: Any


@dataclass(frozen=True)
class Screen:
    persona: str | None  # None: not logged in
    url: str
    args: Callable[[Full], list[Any]] = lambda o: []

    @property
    def id(self) -> str:
        return f"{self.persona or 'anonymous'}-{self.url}"


PAGES = [
    Screen("student", "dossier:home"),
    Screen("student", "dossier:experience_new"),
    Screen("student", "dossier:experience", lambda o: [o.experience.pk]),
    Screen("student", "dossier:reflection", lambda o: [o.experience.pk, "qualities"]),
    Screen("student", "dossier:timeline"),
    Screen("student", "conversations:mine"),
    Screen("student", "conversations:prepare", lambda o: [o.conversation.pk]),
    Screen("mentor", "home:mentor"),
    Screen("mentor", "conversations:mentor"),
    Screen("mentor", "conversations:guide", lambda o: [o.conversation.pk]),
    Screen("counsellor", "home:counsellor"),
    Screen("counsellor", "conversations:rounds"),
    Screen("guardian", "home:guardian"),
    Screen("teacher", "home:teacher"),
    Screen("leader", "home:leader"),
    Screen("admin", "home:admin"),
    Screen(None, "login"),
    Screen(None, "accessibility"),
    # programme, import, transfer and login pages
    Screen("counsellor", "programme:planner"),
    Screen("counsellor", "programme:coverage"),
    Screen("counsellor", "programme:line"),
    Screen("counsellor", "programme:gaps"),
    Screen("counsellor", "programme:bank"),
    Screen("counsellor", "transfer:access_requests"),
    Screen("mentor", "programme:given_list"),
    Screen("mentor", "accounts:cards"),
    Screen("student", "programme:mine"),
    Screen("student", "programme:my_assignments"),
    Screen("student", "transfer:choose"),
    Screen("student", "accounts:security"),
    Screen("admin", "schooladmin:import_start"),
    Screen("admin", "transfer:privacy"),
    Screen("admin", "accounts:policy"),
]


def fill(world) -> Full:
    """A student with experiences, a reflection, a compliment, an agreement and a planned conversation."""
    with scopes_disabled():
        student = world.student
        experiences = [
            f.ExperienceFactory(
                student=student, title="Snuffelstage bij de garage", shared_with_guardians=True
            ),
            f.ExperienceFactory(student=student, title="Bijbaan in de bakkerij"),
        ]
        prompt = ReflectionPrompt.objects.filter(competence="qualities").order_by("order", "pk").first()
        reflection = f.ReflectionFactory(experience=experiences[0], competence="qualities")
        f.ReflectionAnswerFactory(reflection=reflection, prompt=prompt, text="Ik kan goed uitleggen.")
        f.ComplimentFactory(student=student, given_by=world.users["mentor"])
        f.ActionFactory(student=student, shared_with_guardians=True)
        f.AmbitionFactory(student=student)
        f.ContactFactory(student=student)
        conversation_type = f.ConversationTypeFactory(
            school=world.school,
            guide={
                "phases": {"goal": {"questions": ["Wat wil je uit dit gesprek halen?"]}},
                "reminders": ["Vat samen voordat je doorvraagt."],
            },
        )
        conversation = f.ConversationFactory(
            student=student, type=conversation_type, mentor=world.users["mentor"]
        )
        f.PreparationFactory(conversation=conversation)
        f.ConversationFactory(
            student=world.classmate,
            type=conversation_type,
            mentor=world.users["mentor"],
            scheduled_at=timezone.now() - dt.timedelta(days=3),
        )
        f.ConversationRoundFactory(school_year=world.group.school_year, year_level=world.group.year_level)
    return Full(experience=experiences[0], conversation=conversation)


def readable(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"    {' '.join(node['target'])}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def blocking_violations(page: Page) -> list[dict[str, Any]]:
    violations = axe_violations(
        page, {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    )
    return [v for v in violations if v["impact"] in BLOCKING]


PERSONAS = list(dict.fromkeys(screen.persona for screen in PAGES))


def languages_of(screen: Screen) -> list[str]:
    return [language for language in LANGUAGES if language == "nl" or screen.persona in FAMILY_PERSONAS]


def choose_language(page: Page, world, persona: str | None, language: str, base_url: str) -> None:
    if persona:
        user = world.users[persona]
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    else:
        page.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": base_url}]
        )


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda persona: persona or "anonymous")
def test_main_pages_have_no_serious_axe_violation(world, pages, persona: str | None):
    """Every page of PAGES for this persona, in each of its languages. One browser session per persona (its
    data and log-in are the same for every page), and every page's violations are reported, not the first."""
    objects = fill(world)
    page = pages.open(viewport=PHONE)
    if persona:
        log_in_by_request(page, persona)  # in Dutch; the person's own choice applies from the next page
    problems: list[str] = []
    for screen in (screen for screen in PAGES if screen.persona == persona):
        for language in languages_of(screen):
            choose_language(page, world, persona, language, pages.base_url)
            response = page.goto(reverse(screen.url, args=screen.args(objects)))
            if response is None or response.status != 200:
                problems.append(f"{screen.id} ({language}) answered {response and response.status}")
                continue
            if (lang := page.locator("html").get_attribute("lang")) != language:
                problems.append(f"{screen.id} ({language}) says lang={lang}")
            if violations := blocking_violations(page):
                problems.append(f"{screen.id} ({language}):\n{readable(violations)}")

    assert not problems, "\n".join(problems)


def test_the_check_finds_a_blocking_violation_on_every_page_of_a_context(pages):
    """The script is added to the context once; a later page of it must be checked as well as the first."""
    broken = '<html lang="nl"><body><main><img src="data:,"><input></main></body></html>'
    page = pages.open(viewport=PHONE)
    page.route("**/kapot/*", lambda route: route.fulfill(body=broken, content_type="text/html"))
    for number in (1, 2):
        page.goto(f"/kapot/{number}")
        found = {violation["id"] for violation in blocking_violations(page)}
        assert {"image-alt", "label"} <= found, found
