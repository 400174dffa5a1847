"""Careers on a phone, for a student who reads little: the interest test with pictures and read-aloud, the
sectors it suggests, two favourite occupations, "does this fit me?" answered by recording a voice note, an
open day marked; the mentor sees the favourites in the conversation's preparation and tags one in guide mode;
a guardian who reads Arabic reads how Dutch schools work and sees the child's favourites.

Chromium gets a fake microphone (``--use-fake-ui-for-media-stream --use-fake-device-for-media-stream``), so
the recording is made by the page's own recorder, not by choosing a file."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import Browser, Page, expect

from koers.careers.content_loader import load_content
from koers.careers.models import FitReflection, InterestItem, Occupation, OpenDayVisit
from koers.conversations.models import ConversationTag
from tests import factories as f
from tests.careers.factories import OpenDayFactory
from tests.e2e.conftest import CHROMIUM, PHONE, Pages, assert_fits_the_screen, log_in_by_request

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="read-aloud needs espeak-ng"),
]

GUIDE = {"phases": {"goal": {"questions": ["Welk beroep wil je bespreken?"]}}}


@pytest.fixture
def microphone_browser(browser: Browser) -> Iterator[Browser]:
    """A second Chromium from the same Playwright, with a fake microphone that is allowed without asking."""
    launched = browser.browser_type.launch(
        executable_path=str(CHROMIUM),
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
        ],
        headless=True,
    )
    yield launched
    launched.close()


@pytest.fixture
def student_phone(microphone_browser: Browser, live_server) -> Iterator[Page]:
    opened = Pages(microphone_browser, live_server.url)
    page = opened.open(viewport=PHONE)
    page.context.grant_permissions(["microphone"])
    yield page
    opened.close()


def answer_the_test(page: Page) -> None:
    """Yes to every "helping and caring" sentence, no to the rest, by tapping the faces."""
    with scopes_disabled():
        items = list(InterestItem.objects.select_related("field").values_list("key", "field__key"))
    for key, field in items:
        page.locator(f"input[name='{key}'][value='{'yes' if field == 'care' else 'no'}']").check()


def test_careers_from_interest_test_to_guardian(world, student_phone: Page, pages: Pages, finish):
    load_content()
    with scopes_disabled():
        OpenDayFactory(
            school=world.school,
            institution="ROC Rivierland",
            place="Tiel",
            date=timezone.localdate() + dt.timedelta(days=10),
        )
        conversation = f.ConversationFactory(
            student=world.student,
            mentor=world.users["mentor"],
            type=f.ConversationTypeFactory(school=world.school, guide=GUIDE),
        )
        guardian = world.users["guardian"]
        guardian.preferred_language = "ar"
        guardian.save(update_fields=["preferred_language"])
    phone = student_phone
    log_in_by_request(phone, "student")

    # The interest test: pictures, read-aloud, three faces per sentence.
    phone.goto(reverse("careers:interest_take"))
    drawn = phone.evaluate(
        """() => [...document.querySelectorAll("fieldset legend svg.picto use")]
            .map(use => { const box = use.getBBox(); return box.width > 0 && box.height > 0; })"""
    )
    assert len(drawn) >= 40 and all(drawn), "every sentence has its picture, drawn from the sprite"
    with phone.expect_response(lambda r: "/voorlezen/" in r.url) as spoken:
        phone.get_by_role("button", name="Lees voor").nth(1).click()
    assert spoken.value.status == 200
    assert spoken.value.headers["content-type"].startswith("audio/")
    answer_the_test(phone)
    assert_fits_the_screen(phone)
    phone.get_by_role("button", name="Klaar: laat mijn uitslag zien").click()

    # The result suggests sectors; the first is care, and it lists occupations to open.
    expect(phone.get_by_role("heading", level=1)).to_have_text("Mijn uitslag")
    phone.get_by_role("link", name=re.compile("Zorg en welzijn")).first.click()
    results = phone.locator(".occupation-list")
    expect(results.get_by_role("link", name=re.compile("verzorgende IG", re.I))).to_be_visible()
    assert_fits_the_screen(phone)

    # Two favourites.
    for name in ("helpende zorg en welzijn", "verzorgende IG"):
        results.get_by_role("link", name=re.compile(name, re.I)).click()
        phone.get_by_role("button", name="Bewaar als favoriet").click()
        expect(phone.get_by_role("button", name="Favoriet (weghalen)")).to_be_visible()
        if name != "verzorgende IG":
            phone.go_back()
            results = phone.locator(".occupation-list")

    # "Does this fit me?" answered by voice, recorded by the page's own recorder.
    phone.get_by_role("link", name="Beantwoorden").click()
    expect(phone.get_by_role("button", name="Opnemen")).to_be_visible()
    assert_fits_the_screen(phone)
    phone.get_by_role("button", name="Opnemen").click()
    expect(phone.get_by_role("button", name="Stop de opname")).to_be_visible()
    phone.wait_for_timeout(1500)  # some sound on the fake microphone; not an assertion about speed
    phone.get_by_role("button", name="Stop de opname").click()
    expect(phone.get_by_text("Je opname staat klaar")).to_be_visible()
    phone.get_by_role("button", name="Bewaren").click()
    saved = phone.get_by_label("Je bewaarde spraakbericht")
    expect(saved).to_be_attached()
    with scopes_disabled():
        reflection = FitReflection.objects.get(student=world.student)
    assert reflection.voice and reflection.voice_content_type.startswith("audio/")
    played = phone.request.get(saved.get_attribute("src") or "")
    assert played.status == 200 and played.headers["content-type"].startswith("audio/")

    # An open day: "I go".
    phone.goto(reverse("careers:open_days"))
    phone.get_by_role("button", name="Ik ga", exact=True).click()
    expect(phone.get_by_text("Je gaat.")).to_be_visible()
    with scopes_disabled():
        assert OpenDayVisit.objects.filter(student=world.student).count() == 1

    # The favourites are shared with the parents.
    phone.goto(reverse("careers:mine"))
    phone.get_by_role("button", name="Laat mijn ouders dit zien").click()
    expect(phone.get_by_text("Je ouders zien deze lijst.")).to_be_visible()
    assert_fits_the_screen(phone)
    finish(phone, "careers-student-phone")

    # The mentor: the favourites in the preparation, one tagged in guide mode.
    mentor = pages.open(viewport={"width": 1280, "height": 900})
    log_in_by_request(mentor, "mentor")
    mentor.goto(reverse("conversations:detail", args=[conversation.pk]))
    careers = mentor.locator("section[aria-labelledby='careers-title']")
    expect(careers.get_by_role("link", name=re.compile("verzorgende IG", re.I))).to_be_visible()
    expect(careers.get_by_role("link", name=re.compile("helpende zorg en welzijn", re.I))).to_be_visible()
    expect(careers.get_by_label("Ingesproken antwoord")).to_be_attached()
    mentor.goto(reverse("conversations:guide", args=[conversation.pk]))
    with scopes_disabled():
        name = Occupation.objects.get(key="carer").texts["nl"]
    expect(mentor.locator("#occupation-names option").first).to_be_attached()
    assert name in mentor.locator("#occupation-names option").evaluate_all("os => os.map(o => o.value)")
    mentor.get_by_label("Beroep dat ter sprake kwam").fill(name)
    mentor.locator("form.tag-occupation").get_by_role("button", name="Toevoegen").click()
    expect(mentor.locator("#tag-list")).to_contain_text(name)
    with scopes_disabled():
        assert ConversationTag.objects.filter(conversation=conversation, text=name).exists()
    finish(mentor, "careers-mentor-guide-tag")

    # The guardian, in Arabic: how Dutch schools work, and the child's favourites.
    parent = pages.open(viewport=PHONE)
    log_in_by_request(parent, "guardian")
    parent.goto(reverse("careers:school_system"))
    expect(parent.locator("html")).to_have_attribute("lang", "ar")
    expect(parent.locator("html")).to_have_attribute("dir", "rtl")
    expect(parent.get_by_role("heading", level=1)).not_to_have_text(re.compile("[a-z]{4}"))
    assert_fits_the_screen(parent)
    parent.goto(reverse("careers:child_careers", args=[world.student.pk]))
    expect(parent.get_by_text("مقدّم رعاية")).to_be_visible()
    expect(parent.get_by_text("مساعد رعاية")).to_be_visible()
    assert_fits_the_screen(parent)
    finish(parent, "careers-guardian-arabic")
