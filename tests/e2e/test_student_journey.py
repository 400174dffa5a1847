"""A student keeps the dossier on a phone: an experience with a photo, a reflection, a quality, an action."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.conftest import assert_fits_the_screen, image_loaded, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def open_fold(page: Page, fold: str) -> None:
    """The own home keeps each part behind its heading: one tap opens it (it may already be open)."""
    details = page.locator(f"details#{fold}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def make_photo(path):
    Image.new("RGB", (640, 480), (30, 120, 200)).save(path, "JPEG")
    return path


def test_student_records_experience_with_photo_reflection_quality_and_action(
    world, phone: Page, finish, tmp_path
):
    photo = make_photo(tmp_path / "werkplaats.jpg")
    log_in(phone, "student")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Mijn loopbaandossier")

    # The experience, with a photo.
    phone.get_by_role("link", name="Ervaring", exact=True).click()
    expect(phone.get_by_label("Stage")).to_be_visible()
    assert_fits_the_screen(phone)
    phone.get_by_label("Stage").check()
    phone.get_by_label("Titel").fill("Meelopen in de werkplaats")
    phone.get_by_label("Waar was het?").fill("Autobedrijf Jansen")
    phone.get_by_label("Wat deed je, en wat was jouw rol?").fill("Ik hielp bij het verwisselen van banden.")
    phone.get_by_label("Trots").check()
    phone.get_by_label("Foto's").set_input_files(photo)
    phone.get_by_label("Wat is er te zien of te horen?").fill("Ik bij de bandenwissel")
    phone.get_by_role("button", name="Bewaren").click()

    expect(phone.get_by_role("heading", level=1)).to_have_text("Meelopen in de werkplaats")
    picture = phone.get_by_role("img", name="Ik bij de bandenwissel")
    expect(picture).to_be_visible()
    assert image_loaded(picture), "the photo is not served"
    assert_fits_the_screen(phone)

    # A reflection on one competence.
    phone.get_by_role("link", name=re.compile("Kwaliteiten ontdekken")).click()
    phone.get_by_label("Schrijf je antwoord").first.fill("Ik kan rustig blijven als het druk is.")
    phone.get_by_role("button", name="Bewaren").click()
    reflections = phone.locator("#reflecties")
    expect(reflections).to_contain_text("Ik kan rustig blijven als het druk is.")

    # A quality, linked to the experience.
    phone.get_by_role("link", name="Terug naar mijn dossier").click()
    open_fold(phone, "kwaliteiten")
    phone.get_by_role("link", name="Kwaliteit toevoegen").click()
    phone.get_by_label("behulpzaam").check()
    phone.get_by_label(re.compile("Meelopen in de werkplaats")).check()
    phone.get_by_role("button", name="Toevoegen").click()
    qualities = phone.locator("#kwaliteiten")
    expect(qualities).to_contain_text("behulpzaam")
    expect(qualities.get_by_role("link", name="Meelopen in de werkplaats")).to_be_visible()

    # An action that follows from it.
    open_fold(phone, "toevoegen")
    phone.get_by_role("link", name="Actiepunt", exact=True).click()
    phone.get_by_label("Wat ga ik doen").fill("Vragen of ik een dag mag meedraaien")
    phone.get_by_label("Wanneer is het klaar").fill(
        (timezone.localdate() + dt.timedelta(days=14)).isoformat()
    )
    phone.get_by_label("Hoe weten we dat het gelukt is").fill("Ik heb een datum afgesproken.")
    linked = phone.get_by_label("Hoort bij ervaring (mag leeg)")
    linked.select_option(
        linked.locator("option", has_text="Meelopen in de werkplaats").get_attribute("value")
    )
    phone.get_by_role("button", name="Bewaren").click()
    expect(phone.get_by_text("Vragen of ik een dag mag meedraaien").first).to_be_visible()

    # Everything is in the dossier.
    phone.goto("/dossier/")
    for fold in ("ervaringen", "acties", "kwaliteiten"):
        open_fold(phone, fold)
    experiences = phone.locator("#ervaringen")
    expect(experiences.get_by_role("link", name="Meelopen in de werkplaats")).to_be_visible()
    expect(experiences).to_contain_text("1 bewijsstuk")
    expect(experiences).to_contain_text("1 reflectie")
    expect(
        phone.locator("#acties").get_by_role("link", name="Vragen of ik een dag mag meedraaien")
    ).to_be_visible()
    expect(phone.locator("#kwaliteiten")).to_contain_text("behulpzaam")
    assert_fits_the_screen(phone)
    finish(phone, "a-student-dossier")

    # And on the LOB-lijn: the experience, the reflection on it and the action that follows from it.
    phone.get_by_role("link", name="Mijn LOB-lijn").first.click()
    line = phone.get_by_role("main")
    expect(line.get_by_role("link", name="Meelopen in de werkplaats")).to_have_count(2)
    expect(line.get_by_role("link", name="Vragen of ik een dag mag meedraaien")).to_be_visible()
    assert_fits_the_screen(phone)
    finish(phone, "a-student-lob-lijn")
