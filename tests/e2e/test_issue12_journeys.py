"""Issue 12 in the browser: the newest experience is on the dossier home for student and mentor (item 1); a
mentor who plans a conversation sees it planned, in their own list and calendar (item 3); a guardian's letter
opens the activation page in the guardian's language (item 5). The newcomer's home (item 12) has its own
journey, test_newcomer_home_journey.py."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from koers.accounts import printing
from koers.accounts.domain import invitations
from koers.conversations.models import ConversationStatus
from koers.schools.models import Role, RoleKind
from tests import factories as f
from tests.e2e.conftest import DESKTOP, PHONE, log_in_by_request

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TYPE = "Gesprek over een stageplek"


def test_newest_experience_leads_on_the_dossier_home_for_student_and_mentor(world, pages, finish):
    today = timezone.localdate()
    with scopes_disabled():
        for weeks_ago in range(12, 1, -1):
            f.ExperienceFactory(
                student=world.student,
                title=f"Oud {weeks_ago}",
                happened_on=today - dt.timedelta(weeks=weeks_ago),
            )
        f.ExperienceFactory(student=world.student, title="Deze week: open dag ROC", happened_on=today)

    student = pages.open(viewport=PHONE)
    log_in_by_request(student, "student")
    latest = student.get_by_role("region", name="Het laatste").get_by_role("link")
    expect(latest.first).to_have_text("Deze week: open dag ROC")

    mentor = pages.open(viewport=DESKTOP)
    log_in_by_request(mentor, "mentor")
    mentor.goto(reverse("dossier:student", args=[world.student.pk]))
    experiences = mentor.locator("#ervaringen").get_by_role("heading", level=3)
    expect(experiences.first).to_have_text("Deze week: open dag ROC")
    finish(mentor, "issue12-newest-experience")


def test_mentor_sees_the_conversation_just_planned_in_the_overview_list_and_calendar(world, pages, finish):
    today = timezone.localdate()
    with scopes_disabled():
        f.ConversationFactory(
            student=world.student,
            mentor=world.users["mentor"],
            status=ConversationStatus.CLOSED,
            scheduled_at=timezone.now() - dt.timedelta(weeks=6),
        )
    mentor = pages.open(viewport=DESKTOP)
    log_in_by_request(mentor, "mentor")
    mentor.goto(f"{reverse('conversations:plan')}?student={world.student.pk}")
    mentor.get_by_label("Soort gesprek").select_option(label=TYPE)
    mentor.get_by_label("Datum").fill((today + dt.timedelta(days=3)).isoformat())
    mentor.get_by_label("Tijd").fill("11:15")
    mentor.get_by_label("Plaats").fill("Lokaal 7")
    mentor.get_by_role("button", name="Plannen en uitnodigen").click()
    expect(mentor.get_by_text("Het gesprek is gepland")).to_be_visible()

    mentor.goto(reverse("conversations:mentor"))
    mine = mentor.get_by_role("region", name="Mijn komende gesprekken")
    expect(mine).to_contain_text("Lokaal 7")
    expect(mentor.locator(".next-conversation").first).to_contain_text("Gepland:")
    with mentor.expect_download() as download:
        mentor.get_by_role("link", name=re.compile("in mijn agenda")).click()
    calendar = download.value.path().read_text(encoding="utf-8")
    assert calendar.count("BEGIN:VEVENT") == 1 and "Lokaal 7" in calendar
    finish(mentor, "issue12-mentor-planned")


def test_letter_code_opens_activation_in_the_guardians_language(world, phone: Page, finish):
    with scopes_disabled():
        guardian = f.UserFactory(username="ouder.fa", email="", preferred_language="fa")
        guardian.set_unusable_password()
        guardian.save()
        f.RoleFactory(school=world.school, kind=RoleKind.GUARDIAN, user=guardian)
        guardianship = f.GuardianshipFactory(student=world.student, guardian=guardian)
        counsellor = Role.objects.get(user=world.users["counsellor"], school=world.school)
        (issued,) = invitations.invite(guardianships=[guardianship], kind="letter", by=counsellor)
        qr_url = printing.letter_entry(issued)["qr_url"]
    path = qr_url.split("://", 1)[1].split("/", 1)[1]

    phone.goto("/" + path)

    expect(phone.locator("html")).to_have_attribute("lang", "fa")
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    with translation.override("fa"):
        choose = gettext("Kies uw taal")
        code_label = gettext("Code uit de brief")
    expect(phone.get_by_role("navigation", name=choose).get_by_role("link")).to_have_count(7)
    expect(phone.get_by_label(code_label)).to_have_value(issued.code)
    assert phone.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    finish(phone, "issue12-letter-in-farsi")
