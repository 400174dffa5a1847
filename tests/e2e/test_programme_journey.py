"""The school's LOB programme end to end: the counsellor plans a company visit with a preparation and a
reflection assignment, the coverage check counts it, a student prepares on a phone with a photo, the teacher
registers who took part, the student's LOB-lijn shows it done and the classroom poster (PDF) names it."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from PIL import Image
from playwright.sync_api import Page, expect

from koers.dossier.models import Evidence, Experience
from koers.programme.models import Activity, AssignmentWork, WorkStatus
from tests.e2e.conftest import (
    DESKTOP,
    RESULTS,
    Pages,
    assert_fits_the_screen,
    image_loaded,
    log_in_by_request,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Bezoek aan Bakkerij Smit"


def make_photo(path):
    Image.new("RGB", (640, 480), (200, 120, 40)).save(path, "JPEG")
    return path


def competence_row(page: Page, name: str):
    table = page.locator("table", has=page.locator("caption", has_text="per loopbaancompetentie"))
    return table.locator("tr", has=page.locator("th", has_text=name))


def give(page: Page, assignment: str, purpose: str) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Opdrachtenbank").click()
    page.get_by_label("Loopbaancompetentie").select_option(label="Werk verkennen")
    # htmx swaps in the filtered list and then sets the address: wait for that, so the click below does not
    # land on the old list while it is being replaced (a journey once timed out here on a busy machine).
    expect(page).to_have_url(re.compile(r"competence=work_exploration"))
    page.get_by_role("link", name=assignment, exact=True).click()
    page.get_by_role("link", name="Geef deze opdracht").click()
    page.get_by_label("3K1").check()
    page.get_by_label(purpose).check()
    activity = page.get_by_label("Bij welke activiteit?")
    activity.select_option(activity.locator("option", has_text=TITLE).get_attribute("value"))
    page.get_by_label("Inleveren op").fill((timezone.localdate() + dt.timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Geef de opdracht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(assignment)
    expect(page.get_by_text("De opdracht is gegeven.")).to_be_visible()


def test_counsellor_plans_student_prepares_teacher_registers_line_and_poster_show_it(
    world, pages: Pages, phone: Page, finish, tmp_path
):
    today = timezone.localdate()
    counsellor = pages.open(viewport=DESKTOP)
    log_in_by_request(counsellor, "counsellor")

    # The coverage check before: work exploration is nowhere in the programme yet.
    counsellor.goto("/programma/dekking/")
    expect(competence_row(counsellor, "Werk verkennen")).to_contain_text("komt nergens aan bod")

    # Plan the company visit, today; its preparation and reflection follow from the assignments given below.
    counsellor.goto("/programma/activiteit/nieuw/?leerweg=vmbo_k&leerjaar=3")
    kind = counsellor.get_by_label("Soort activiteit")
    kind.select_option(kind.locator("option", has_text="Bedrijfsbezoek").first.get_attribute("value"))
    counsellor.get_by_label("Titel").fill(TITLE)
    counsellor.get_by_label("op de dag").check()
    counsellor.get_by_label("Datum").fill(today.isoformat())
    counsellor.get_by_label("Werk verkennen").check()
    counsellor.get_by_label("Praktijkervaring").check()
    counsellor.get_by_role("button", name="Bewaren").click()
    expect(counsellor.get_by_text(TITLE).first).to_be_visible()

    # Its preparation and its reflection, from the assignment bank.
    give(counsellor, "Een bedrijfsbezoek voorbereiden", "voorbereiding")
    give(counsellor, "Terugkijken op het bedrijfsbezoek", "reflectie achteraf")

    # The coverage check counts the visit now.
    counsellor.goto("/programma/dekking/")
    expect(competence_row(counsellor, "Werk verkennen")).not_to_contain_text("komt nergens aan bod")

    # The student prepares on a phone: answers and a photo, finished into the dossier.
    log_in_by_request(phone, "student")
    phone.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Opdrachten").click()
    expect(phone.get_by_role("link", name="Een bedrijfsbezoek voorbereiden")).to_be_visible()
    assert_fits_the_screen(phone)
    phone.get_by_role("link", name="Een bedrijfsbezoek voorbereiden").click()
    expect(phone.get_by_text("Zoek het bedrijf op internet op.")).to_be_visible()
    assert_fits_the_screen(phone)
    phone.get_by_label("Wat doet dit bedrijf?").fill("Ze bakken brood en taart voor de hele wijk.")
    phone.get_by_label("Welke drie vragen ga je stellen?").fill("Hoe vroeg begin je? Wat leer je op het mbo?")
    phone.get_by_label("Foto's toevoegen").set_input_files(make_photo(tmp_path / "bakkerij.jpg"))
    phone.get_by_role("button", name="Bewaren, later verder").click()
    expect(phone.get_by_text("Bewaard. Je kunt later verder.")).to_be_visible()
    photo = phone.get_by_role("img", name="Jouw foto 1")
    expect(photo).to_be_visible()
    assert image_loaded(photo), "the draft photo is not served"
    RESULTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(RESULTS / "programme-journey-work.png"), full_page=True)
    phone.get_by_role("button", name="Klaar, zet het in mijn dossier").click()
    expect(phone.get_by_text("Klaar! Je werk staat nu in je dossier.")).to_be_visible()
    with scopes_disabled():
        activity = Activity.objects.get(title=TITLE)
        experience = Experience.objects.get(student=world.student, activity=activity)
        assert Evidence.objects.filter(experience=experience).count() == 1
        assert (
            AssignmentWork.objects.get(student=world.student, status=WorkStatus.FINISHED).experience
            == experience
        )

    # The mentor sees who finished.
    mentor = pages.open(viewport=DESKTOP)
    log_in_by_request(mentor, "mentor")
    mentor.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Opdrachtenbank").click()
    mentor.get_by_role("link", name="Gegeven opdrachten").click()
    mentor.get_by_role("link", name="Een bedrijfsbezoek voorbereiden").click()
    expect(mentor.locator("section", has_text="Klaar").first).to_contain_text(world.student.name)

    # The teacher registers who took part: everyone but the classmate.
    teacher = pages.open(viewport=DESKTOP)
    log_in_by_request(teacher, "teacher")
    teacher.goto(f"/programma/lijn/?jaar={activity.school_year_id}&lijn=vmbo_k-3")
    teacher.get_by_role("link", name=re.compile(f"Deelname registreren · {TITLE}")).click()
    teacher.get_by_label(world.classmate.name).uncheck()
    teacher.get_by_role("button", name="Deelname opslaan").click()
    expect(teacher.get_by_text("1 aanwezig, 1 afwezig")).to_be_visible()

    # The student's LOB-lijn shows the visit as done.
    phone.goto("/programma/mijn-lijn/")
    visit = phone.locator("li.lob-item", has_text=TITLE)
    expect(visit).to_contain_text("gedaan")
    assert_fits_the_screen(phone)

    # The classroom poster is made in the background and names the visit.
    counsellor.goto(f"/programma/lijn/?jaar={activity.school_year_id}&lijn=vmbo_k-3")
    counsellor.get_by_role("button", name="Poster (A3, PDF)").click()
    with counsellor.expect_download() as download:
        counsellor.get_by_role("link", name=re.compile(r"^Download lob-lijn-")).click()
    pdf = tmp_path / "poster.pdf"
    download.value.save_as(pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert TITLE in " ".join(text.split())

    finish(phone, "programme-journey-student")
    finish(counsellor, "programme-journey-counsellor")
