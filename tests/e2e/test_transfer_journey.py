"""A student logs in with a QR login card, takes chosen items along as a PDF; a guardian of a 14-year-old
downloads everything Koers holds about the child as a ZIP."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from koers.accounts.domain.logins import issue_card
from tests import factories as f
from tests.e2e.conftest import log_in_by_request

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_transfer_student_takes_chosen_items_along_and_guardian_downloads_all(
    world, pages, phone: Page, desktop: Page, finish, tmp_path
):

    with scopes_disabled():
        f.ExperienceFactory(student=world.student, title="Snuffelstage bij de dierenarts")
        f.ExperienceFactory(student=world.student, title="Rondleiding in de fabriek")
        f.AmbitionFactory(student=world.student, dream="Dierenverzorger worden")
        card = issue_card(student=world.student, by=world.role("mentor"))
        today = timezone.localdate()
        world.student.date_of_birth = today.replace(year=today.year - 14) - dt.timedelta(days=10)
        world.student.save()

    # The student scans the QR card and lands in their dossier.
    phone.goto(reverse("accounts:card_login", args=[card.token]))
    expect(phone).to_have_url(reverse("dossier:home"))

    # They choose one experience and the ambition, name the new school and approve.
    phone.locator("details.account > summary").click()  # the account menu holds the privacy links
    phone.get_by_role("link", name="Dossier meenemen").click()
    phone.get_by_label("Naar welke school ga je?").fill("Het Nieuwe College")
    phone.get_by_label("Snuffelstage bij de dierenarts", exact=False).check()
    phone.get_by_label("Dierenverzorger worden").check()
    phone.get_by_role("button", name="Verder: bekijken en goedkeuren").click()
    expect(phone.get_by_text("Snuffelstage bij de dierenarts")).to_be_visible()
    phone.get_by_role("button", name="Goedkeuren").click()
    expect(phone.get_by_role("alert")).to_be_visible()  # approving needs the explicit checkbox
    phone.get_by_label("ik keur dit overdrachtsdossier goed", exact=False).check()
    phone.get_by_role("button", name="Goedkeuren").click()

    with phone.expect_download() as download:
        phone.get_by_role("link", name="Download als PDF (LOB-cv)").click()
    pdf = tmp_path / "cv.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Snuffelstage bij de dierenarts" in text
    assert "Dierenverzorger worden" in text
    assert "Rondleiding in de fabriek" not in text
    finish(phone, "t-student-transfer-approved")

    # The guardian (with authority) of the 14-year-old asks for a copy and downloads the ZIP.
    log_in_by_request(desktop, "guardian")
    desktop.locator("details.account > summary").click()
    desktop.get_by_role("link", name="Inzage in uw gegevens").click()
    desktop.get_by_label("Kopie", exact=False).check()
    desktop.get_by_role("button", name="Verzoek indienen").click()
    with desktop.expect_download() as download:
        desktop.get_by_role("link", name="Download ZIP").click()
    archive = tmp_path / "gegevens.zip"
    download.value.save_as(archive)
    with zipfile.ZipFile(archive) as opened:
        data = json.loads(opened.read("data.json"))
    titles = [
        row["title"] for part in data["data"] if part["model"] == "dossier.Experience" for row in part["rows"]
    ]
    assert "Rondleiding in de fabriek" in titles
    finish(desktop, "t-guardian-access-zip")
