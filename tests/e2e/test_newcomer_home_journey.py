"""Issue 12, item 12: an ISK newcomer opens their own home on a phone. The page leads with what to do next,
has a simple intro that can be read aloud, and keeps the rest one tap away, so the latest experience is in
sight without scrolling through everything the dossier holds."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from koers.schools.models import Track
from tests import factories as f
from tests.e2e.conftest import PHONE, assert_fits_the_screen, log_in_by_request

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def a_full_dossier(world) -> None:
    """Eleven experiences, actions, traits, compliments, contacts and a planned conversation."""
    today = timezone.localdate()
    with scopes_disabled():
        world.group.track = Track.ISK
        world.group.save(update_fields=["track"])
        user = world.student.user
        user.simple_language = True
        user.save(update_fields=["simple_language"])
        for days_ago in range(11, 0, -1):
            f.ExperienceFactory(
                student=world.student,
                title=f"Ervaring van {days_ago} dagen geleden",
                happened_on=today - dt.timedelta(days=days_ago),
            )
        f.ExperienceFactory(student=world.student, title="Meelopen bij de bakker", happened_on=today)
        for number in range(4):
            f.ActionFactory(student=world.student, what=f"Actiepunt {number}")
        for key in ("helpful", "patient", "precise"):
            trait = f.TraitFactory(key=key, icon="quality.helpful", texts={"nl": key, "en": key})
            f.ContactFactory(student=world.student)
            f.ComplimentFactory(student=world.student, trait=trait)
            f.StudentTraitFactory(student=world.student, trait=trait)
        f.AmbitionFactory(student=world.student)
        f.ConversationFactory(
            student=world.student,
            mentor=world.users["mentor"],
            scheduled_at=timezone.now() + dt.timedelta(days=4),
        )


def height(page: Page) -> int:
    return int(page.evaluate("() => document.documentElement.scrollHeight"))


def top_of(page: Page, locator) -> float:
    box = locator.bounding_box()
    assert box is not None
    return box["y"] + page.evaluate("() => window.scrollY")


def test_newcomer_home_leads_with_the_next_step(world, phone: Page, finish):
    a_full_dossier(world)
    log_in_by_request(phone, "student")
    phone.goto(reverse("dossier:home"))

    print(f"\nstudent home at 390 px: {height(phone)} px high")  # the figure for the closing note
    next_step = phone.get_by_role("link", name="Bereid je gesprek voor")
    expect(next_step).to_be_visible()
    assert top_of(phone, next_step) < PHONE["height"], "the next step is not on the first screen"
    intro = phone.get_by_role("button", name="Lees voor").first
    assert top_of(phone, intro) < PHONE["height"], "the read-aloud intro is not on the first screen"
    latest = phone.get_by_role("link", name="Meelopen bij de bakker").first
    expect(latest).to_be_visible()
    assert top_of(phone, latest) < 2 * PHONE["height"], "the latest experience is far down the page"
    assert height(phone) < 4 * PHONE["height"], "the home is still a long scroll"

    # The rest is one tap away.
    expect(phone.get_by_text("Actiepunt 3")).to_be_hidden()
    phone.get_by_text("Actiepunten", exact=True).click()
    expect(phone.get_by_text("Actiepunt 3")).to_be_visible()
    assert_fits_the_screen(phone)
    finish(phone, "newcomer-home")
