"""A guardian without e-mail gets a letter, activates access with its code, sees the child's LOB-lijn link,
answers a home assignment with a voice note and gives the child a compliment; and the same in Arabic, with
the LOB-lijn laid out right to left. The Arabic steps find buttons and links by their translated names."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from koers.accounts.domain import invitations
from koers.dossier.models import Compliment
from koers.programme.models import GuardianAnswer
from koers.schools.models import Role, RoleKind
from tests import factories as f

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "thuis-samen-kiezen-2024"


def letter_code(world) -> str:
    """The code printed on the letter for a new guardian of world.student (no e-mail, no password)."""
    with scopes_disabled():
        guardian = f.UserFactory(
            username="ouder.zonder.mail", email="", first_name="Amal", last_name="Haddad"
        )
        guardian.set_unusable_password()
        guardian.save()
        f.RoleFactory(school=world.school, kind=RoleKind.GUARDIAN, user=guardian)
        guardianship = f.GuardianshipFactory(student=world.student, guardian=guardian)
        counsellor = Role.objects.get(user=world.users["counsellor"], school=world.school)
        issued = invitations.invite(guardianships=[guardianship], kind="letter", by=counsellor)
    return issued[0].code


def give_home_assignment(world, title: str) -> None:
    with scopes_disabled():
        given = f.GivenAssignmentFactory(
            assignment__school=world.school, assignment__audience="home", assignment__title=title
        )
        given.groups.add(world.group)


def activate_with_code(page: Page, code: str) -> None:
    page.goto("/inloggen/toegang/")
    page.get_by_label("Code uit de brief").fill(code)
    page.get_by_label("Gebruikersnaam").fill("amal.haddad")
    page.get_by_label("Wachtwoord", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Wachtwoord nog een keer").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Account maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mijn kinderen")


def answer_by_voice(page: Page, title: str, voice: Path) -> None:
    page.get_by_role("link", name=title).click()
    # Headless Chromium cannot record; the file input is the fallback every browser has.
    page.locator("input[type=file][name=voice]").set_input_files(str(voice))
    page.get_by_role("button", name="Antwoord bewaren").click()
    expect(page.get_by_text("Je antwoord is bewaard")).to_be_visible()


def give_compliment(page: Page, first_name: str) -> None:
    page.get_by_role("link", name=f"Geef {first_name} een compliment").click()
    page.locator("input[type=radio][name=trait]").first.check()
    page.get_by_role("button", name="Compliment geven").click()
    expect(page.get_by_text("Je compliment is gegeven")).to_be_visible()


def test_guardian_activates_with_letter_and_takes_part(world, phone: Page, finish, tmp_path):
    code = letter_code(world)
    give_home_assignment(world, "Vraag naar mijn eerste baan")
    voice = tmp_path / "spraakbericht.ogg"
    voice.write_bytes(f.sample_ogg().read())

    activate_with_code(phone, code)
    expect(phone.get_by_role("link", name=f"LOB-lijn van {world.student.user.first_name}")).to_be_visible()
    answer_by_voice(phone, "Vraag naar mijn eerste baan", voice)
    expect(phone.get_by_text("uw antwoord is bewaard")).to_be_visible()
    give_compliment(phone, world.student.user.first_name)
    finish(phone, "guardian-letter-journey")


def test_guardian_reused_letter_code_is_refused(world, phone: Page):
    code = letter_code(world)
    activate_with_code(phone, code)
    phone.context.clear_cookies()
    phone.goto("/inloggen/toegang/")
    phone.get_by_label("Code uit de brief").fill(code)
    phone.get_by_label("Gebruikersnaam").fill("nog.een.keer")
    phone.get_by_label("Wachtwoord", exact=True).fill(NEW_PASSWORD)
    phone.get_by_label("Wachtwoord nog een keer").fill(NEW_PASSWORD)
    phone.get_by_role("button", name="Account maken").click()
    expect(phone.get_by_text("Deze code is al gebruikt")).to_be_visible()
    expect(phone.get_by_label("Gebruikersnaam")).to_have_value("nog.een.keer")


def in_arabic(text: str) -> str:
    with translation.override("ar"):
        return gettext(text)


def test_guardian_in_arabic_sees_the_line_right_to_left_answers_by_voice_and_compliments(
    world, phone: Page, finish, tmp_path
):
    code = letter_code(world)
    give_home_assignment(world, "Vraag naar mijn eerste baan")
    voice = tmp_path / "spraakbericht.ogg"
    voice.write_bytes(f.sample_ogg().read())
    activate_with_code(phone, code)

    # Switch to Arabic from the account menu: the whole page turns right-to-left.
    phone.locator("details.account > summary").click()
    phone.get_by_role("button", name="العربية").click()
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    expect(phone.locator("html")).to_have_attribute("lang", "ar")

    # The child's LOB-lijn, drawn right to left.
    phone.locator(f"a[href='/programma/leerling/{world.student.pk}/lijn/']").first.click()
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    expect(phone.locator("svg[direction='rtl']").first).to_be_attached()
    phone.go_back()

    # A home assignment answered with a voice note, and a compliment, all in Arabic.
    phone.get_by_role("link", name="Vraag naar mijn eerste baan").click()
    phone.locator("input[type=file][name=voice]").set_input_files(str(voice))
    phone.get_by_role("button", name=in_arabic("Antwoord bewaren")).click()
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    phone.locator(f"a[href='/dossier/leerling/{world.student.pk}/compliment/']").first.click()
    phone.locator("input[type=radio][name=trait]").first.check()
    phone.get_by_role("button", name=in_arabic("Compliment geven")).click()
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")

    with scopes_disabled():
        assert GuardianAnswer.objects.filter(student=world.student, guardian__username="amal.haddad").exists()
        assert Compliment.objects.filter(student=world.student, given_by__username="amal.haddad").exists()
    finish(phone, "guardian-letter-journey-arabic")
