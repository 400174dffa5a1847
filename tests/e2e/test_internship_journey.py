"""The internship from start to end, in the browser (issue 17's quality bar): the counsellor adds a partner
with two places; two students pick places with reasons; the mentor matches, approves and prints the
agreement; the student logs two days with a photo on a phone; the supervisor opens the link without logging
in and gives feedback; the student reflects and the experience shows the feedback; the guardian sees the
internship on the child's LOB-lijn and on the home page."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from urllib.parse import urlparse

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from PIL import Image
from playwright.sync_api import Page, expect

from koers.partners.models import Internship, InternshipPlace, InternshipStatus
from tests.e2e.conftest import assert_fits_the_screen, image_loaded, log_in_by_request

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _photo(tmp_path) -> str:
    path = tmp_path / "werkplaats.jpg"
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return str(path)


def _add_place(page: Page, title: str, starts: dt.date, ends: dt.date) -> None:
    page.get_by_role("link", name="Stageplaats toevoegen").click()
    page.get_by_label("Wat ga je doen", exact=True).fill(title)
    page.get_by_label("Soort stage", exact=True).select_option(label="snuffelstage")
    page.get_by_label("Eerste dag", exact=True).fill(starts.isoformat())
    page.get_by_label("Laatste dag", exact=True).fill(ends.isoformat())
    page.get_by_label("Uren per week", exact=True).fill("16")
    page.get_by_label("Aantal leerlingen", exact=True).fill("1")
    page.get_by_label("Praktijkbegeleider", exact=True).fill("Henk de Vries")
    page.get_by_role("button", name="Bewaren").click()
    expect(page.get_by_text(title)).to_be_visible()


def _choose(page: Page, choices: list[tuple[int, str]]) -> None:
    page.goto(reverse("partners:choose"))
    for n, (place_pk, reason) in enumerate(choices, start=1):
        page.locator(f"#id_place_{n}").select_option(str(place_pk))
        page.locator(f"#id_reason_{n}").fill(reason)
    page.get_by_role("button", name="Keuzes bewaren").click()
    expect(page.get_by_text("Je keuzes zijn bewaard.")).to_be_visible()


def test_internship_from_partner_to_lob_line(world, pages, desktop: Page, phone: Page, finish, tmp_path):
    today = timezone.localdate()
    starts, ends = today - dt.timedelta(days=3), today + dt.timedelta(days=10)

    # The counsellor adds a partner with two internship places.
    log_in_by_request(desktop, "counsellor")
    desktop.goto(reverse("partners:partner_new"))
    desktop.get_by_label("Naam", exact=True).fill("Autobedrijf Kaya")
    desktop.get_by_label("Soort partner", exact=True).select_option(label="bedrijf of organisatie")
    desktop.get_by_label("Plaats", exact=True).fill("Zwolle")
    desktop.get_by_role("button", name="Bewaren").click()
    expect(desktop.get_by_role("heading", level=1)).to_have_text("Autobedrijf Kaya")
    _add_place(desktop, "Meewerken in de werkplaats", starts, ends)
    _add_place(desktop, "Klanten helpen aan de balie", starts, ends)
    with scopes_disabled():
        workshop = InternshipPlace.objects.get(title="Meewerken in de werkplaats")
        desk = InternshipPlace.objects.get(title="Klanten helpen aan de balie")

    # Two students pick places with reasons, on their phones: both want the workshop first.
    log_in_by_request(phone, "student")
    _choose(phone, [(workshop.pk, "Ik sleutel graag aan brommers."), (desk.pk, "Ik praat graag met mensen.")])
    assert_fits_the_screen(phone)
    classmate = pages.open(viewport={"width": 390, "height": 844})
    log_in_by_request(classmate, "classmate")
    _choose(classmate, [(workshop.pk, "Mijn oom is monteur.")])

    # The mentor makes a proposal: the classmate's only wish and the student's second, so both have a place.
    mentor = pages.open(viewport={"width": 1280, "height": 900})
    log_in_by_request(mentor, "mentor")
    mentor.goto(reverse("partners:group", args=[world.group.pk]))
    mentor.get_by_role("button", name="Maak een voorstel").click()
    expect(mentor.get_by_text("2 leerlingen hebben een voorgestelde plek.")).to_be_visible()
    mentor.get_by_role("button", name="Keur 2 voorstellen goed").click()
    with scopes_disabled():
        placed = dict(Internship.objects.values_list("student_id", "place_id"))
        internship = Internship.objects.get(student=world.student)
        assert internship.status == InternshipStatus.APPROVED
    assert placed == {world.classmate.pk: workshop.pk, world.student.pk: desk.pk}

    # ... and prints the agreement: a real PDF with the student, the partner and the place.
    mentor.goto(reverse("partners:internship", args=[internship.pk]))
    with mentor.expect_download() as download:
        mentor.get_by_role("link", name="Stageovereenkomst afdrukken (PDF)").click()
    text = subprocess.run(
        ["pdftotext", download.value.path(), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert world.student.name in text and "Autobedrijf Kaya" in text and "Klanten helpen aan de balie" in text

    # The mentor makes the supervisor's link.
    mentor.get_by_role("link", name="Nieuwe link maken").click()
    mentor.get_by_role("button", name="Link maken").click()
    link = urlparse(mentor.locator("#link").input_value()).path

    # The student logs two days, one with a photo, on the phone.
    for days_ago, what in [(2, "Kassa leren gebruiken."), (1, "Een klant geholpen met een afspraak.")]:
        phone.goto(reverse("partners:log_day", args=[internship.pk]))
        phone.get_by_label("Dag", exact=True).fill((today - dt.timedelta(days=days_ago)).isoformat())
        phone.get_by_label("Uren", exact=True).fill("6")
        phone.get_by_label("Wat deed ik?", exact=True).fill(what)
        if days_ago == 1:
            phone.get_by_label("Foto (mag)").set_input_files(_photo(tmp_path))
        phone.get_by_role("button", name="Bewaren").click()
        expect(phone.get_by_text(what)).to_be_visible()
    expect(phone.get_by_text(re.compile(r"^2 dagen, 12[.,]0 uur$"))).to_be_visible()
    assert image_loaded(phone.locator("img.log-photo").first)
    assert_fits_the_screen(phone)
    finish(phone, "internship-log-on-phone")

    # The supervisor opens the link without an account and gives feedback.
    supervisor = pages.open(viewport={"width": 390, "height": 844})
    supervisor.goto(link)
    expect(supervisor.get_by_role("heading", level=1)).to_contain_text(world.student.name)
    supervisor.get_by_label("Uw feedback voor de leerling").fill(
        "Vriendelijk tegen klanten, vraagt goed door."
    )
    supervisor.get_by_role("button", name="Versturen").click()
    expect(supervisor.get_by_text("Vriendelijk tegen klanten, vraagt goed door.")).to_be_visible()

    # The student reflects and shares the feedback; the experience in the dossier shows it.
    phone.goto(reverse("partners:reflect", args=[internship.pk]))
    phone.get_by_label("Wat deed ik en wat was mijn rol?").fill("Ik hielp klanten aan de balie.")
    phone.get_by_label("Zet de feedback van mijn praktijkbegeleider ook in mijn dossier").check()
    phone.get_by_role("button", name="In mijn dossier zetten").click()
    expect(phone.get_by_text("Vriendelijk tegen klanten, vraagt goed door.")).to_be_visible()
    finish(phone, "internship-experience-with-feedback")

    # The guardian sees the internship on the child's LOB-lijn and on the home page.
    guardian = pages.open(viewport={"width": 390, "height": 844})
    log_in_by_request(guardian, "guardian")
    expect(guardian.get_by_text("Autobedrijf Kaya").first).to_be_visible()
    guardian.goto(reverse("dossier:student_timeline", args=[world.student.pk]))
    expect(guardian.get_by_role("link", name="Autobedrijf Kaya: Klanten helpen aan de balie")).to_be_visible()
    assert_fits_the_screen(guardian)
    finish(guardian, "internship-on-guardian-lob-line")
