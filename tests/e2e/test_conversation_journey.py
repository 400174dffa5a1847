"""A career conversation from round to follow-up: the counsellor sets a round, the mentor plans, the student
prepares with an experience, the mentor holds it in guide mode and closes it with agreements, the next
conversation opens with those agreements, and the guardian reads the shared summary."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from koers.conversations.models import Conversation, ConversationStatus
from tests import factories as f
from tests.e2e.conftest import DESKTOP, PHONE, assert_fits_the_screen, log_in_by_request

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TYPE = "Gesprek over een stageplek"
EXPERIENCE = "Snuffelstage bij de garage"
TALK_ABOUT = "Of ik in een garage stage wil lopen"
NOTE = "Vertelde trots over het banden wisselen; wil meer weten over het werk."
AGREEMENT = "Twee garages mailen voor een stageplek"
DONE_WHEN = "Ik heb van allebei een antwoord."
SUMMARY = "Je werkt graag met je handen en durft vragen te stellen. Je zoekt nu zelf een stageplek."


def iso(day: dt.date) -> str:
    return day.isoformat()


def menu(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=name, exact=True).click()


def test_conversation_from_round_to_shared_summary(world, pages, finish):
    today = timezone.localdate()
    happened = today - dt.timedelta(days=5)
    with scopes_disabled():
        f.ExperienceFactory(student=world.student, title=EXPERIENCE, happened_on=happened)
    student_name = world.student.name

    # The counsellor sets a round for year 3 in which the internship conversation is used.
    counsellor = pages.open(viewport=DESKTOP)
    log_in_by_request(counsellor, "counsellor")
    menu(counsellor, "Gespreksrondes")
    expect(counsellor.get_by_role("heading", level=1)).to_have_text("Gespreksrondes")
    counsellor.get_by_role("link", name="Nieuwe ronde").click()
    counsellor.get_by_label("Naam", exact=True).fill("Ronde 1 (najaar)")
    counsellor.get_by_label("Leerjaar").select_option("3")
    counsellor.get_by_label("Van", exact=True).fill(iso(today - dt.timedelta(days=7)))
    counsellor.get_by_label("Tot en met").fill(iso(today + dt.timedelta(days=30)))
    counsellor.get_by_label(TYPE).check()
    counsellor.get_by_role("button", name="Bewaren").click()
    row = counsellor.get_by_role("row").filter(has_text="Ronde 1 (najaar)")
    expect(row).to_contain_text(TYPE)
    finish(counsellor, "f-counsellor-sets-round")

    # The mentor sees the student as due in that round and plans the conversation.
    mentor = pages.open(viewport=DESKTOP)
    log_in_by_request(mentor, "mentor")
    menu(mentor, "Gesprekken")
    expect(mentor.get_by_text("Ronde: Ronde 1 (najaar)", exact=False)).to_be_visible()
    mentor.get_by_role("link", name=re.compile(rf"plannen.*{re.escape(student_name)}")).click()
    mentor.get_by_label("Soort gesprek").select_option(label=TYPE)
    expect(mentor.get_by_label("Leerling", exact=True)).to_have_value(str(world.student.pk))
    mentor.get_by_label("Datum").fill(iso(today + dt.timedelta(days=2)))
    mentor.get_by_label("Tijd").fill("10:30")
    mentor.get_by_label("Plaats").fill("Lokaal 12")
    mentor.get_by_role("button", name="Plannen en uitnodigen").click()
    expect(mentor.get_by_text("Het gesprek is gepland")).to_be_visible()
    with scopes_disabled():
        first = Conversation.objects.get(student=world.student)
    assert first.round is not None and first.round.name == "Ronde 1 (najaar)"

    # The student finds the invitation on the phone and prepares, bringing an experience from the dossier.
    student = pages.open(viewport=PHONE)
    log_in_by_request(student, "student")
    menu(student, "Gesprekken")
    student.get_by_role("link", name="Bekijken en voorbereiden").click()
    student.get_by_role("link", name="Voorbereiden").click()
    student.get_by_label("Waar wil je het over hebben?").fill(TALK_ABOUT)
    student.get_by_label("Welke ervaring neem je mee?").select_option(
        label=f"{EXPERIENCE} ({happened:%d-%m-%Y})"
    )
    student.get_by_label("Wat wil je dat dit gesprek je oplevert?").fill("Weten hoe ik een stageplek vind.")
    student.get_by_role("button", name="Bewaren").click()
    expect(student.get_by_role("link", name=EXPERIENCE)).to_be_visible()
    assert_fits_the_screen(student)
    finish(student, "f-student-prepares")

    # The mentor opens the conversation, sees the preparation and holds it in guide mode.
    mentor.goto(f"/gesprekken/{first.pk}/")
    expect(mentor.get_by_text(TALK_ABOUT)).to_be_visible()
    mentor.get_by_role("link", name="Gesprek voeren").click()
    note = mentor.get_by_label("Aantekeningen bij Ervaring")
    mentor.locator("#phase-experience > summary").click()
    note.fill(NOTE)
    note.blur()
    expect(mentor.locator("#status-experience")).to_contain_text("Bewaard")
    mentor.locator("#tags").get_by_text("Kwaliteiten", exact=True).click()
    mentor.locator("#tags").get_by_role("button", name=re.compile("doorzetter", re.IGNORECASE)).click()
    expect(mentor.locator("#tag-list")).to_contain_text(re.compile("doorzetter", re.IGNORECASE))
    finish(mentor, "f-mentor-guide-mode")

    # Closing: an agreement for the student with a date and a way to know it worked, a shared summary.
    mentor.get_by_role("link", name="Gesprek afronden en afspraken maken").click()
    first_row = mentor.get_by_role("group", name="Afspraak 1")
    first_row.get_by_label("Voor wie").select_option("student")
    first_row.get_by_label("Wat gaat er gebeuren").fill(AGREEMENT)
    first_row.get_by_label("Wanneer is het klaar").fill(iso(today + dt.timedelta(days=14)))
    first_row.get_by_label("Hoe weten we dat het gelukt is").fill(DONE_WHEN)
    mentor.get_by_label("Samenvatting van het gesprek").fill(SUMMARY)
    mentor.get_by_label("Onderwerpen voor de volgende keer").fill("Hoe reageerden de garages?")
    mentor.get_by_label("Ouders/verzorgers mogen de samenvatting en de afspraken zien").check()
    # Planned two days ahead and held today: closing early asks for a confirmation.
    expect(mentor.get_by_text("Rond het pas af als het gehouden is.")).to_be_visible()
    mentor.get_by_label("Het gesprek is echt al gehouden").check()
    mentor.get_by_role("button", name="Gesprek afronden").click()
    with scopes_disabled():
        first.refresh_from_db()
        assert first.status == ConversationStatus.CLOSED
        assert (
            first.mirror["from_experience"] and first.mirror["qualities"] and first.mirror["smart_agreements"]
        )
        assert first.student is not None
        assert first.student.actions.filter(what=AGREEMENT).exists()

    # The agreement is in the student's dossier, and the held conversation on the LOB-lijn.
    menu(student, "Mijn dossier")
    expect(student.locator("#acties")).to_contain_text(AGREEMENT)
    expect(student.locator("#gesprekken")).to_contain_text(SUMMARY)
    assert_fits_the_screen(student)
    finish(student, "f-student-dossier-shows-conversation")
    menu(student, "Mijn LOB-lijn")
    expect(student.get_by_role("region", name="Terugkijken")).to_contain_text(TYPE)

    # The next conversation opens with those agreements.
    mentor.goto(f"/gesprekken/plannen/?student={world.student.pk}")
    mentor.get_by_label("Soort gesprek").select_option(label=TYPE)
    mentor.get_by_label("Datum").fill(iso(today + dt.timedelta(days=21)))
    mentor.get_by_label("Tijd").fill("09:00")
    mentor.get_by_label("Plaats").fill("Lokaal 12")
    mentor.get_by_role("button", name="Plannen en uitnodigen").click()
    expect(mentor.get_by_text("Het gesprek is gepland")).to_be_visible()
    with scopes_disabled():
        second = Conversation.objects.get(student=world.student, status=ConversationStatus.PLANNED)
    mentor.goto(f"/gesprekken/{second.pk}/")
    previous = mentor.get_by_role("region", name="Afspraken van vorige keer")
    expect(previous).to_contain_text(AGREEMENT)
    mentor.get_by_role("link", name="Afronden", exact=True).click()
    expect(mentor.locator(".revisit-list")).to_contain_text(AGREEMENT)
    finish(mentor, "f-next-conversation-opens-with-agreements")

    # The guardian reads the shared summary and the agreement.
    guardian = pages.open(viewport=PHONE)
    log_in_by_request(guardian, "guardian")
    menu(guardian, "Gesprekken")
    guardian.get_by_role("link", name=re.compile(TYPE)).first.click()
    expect(guardian.get_by_text(SUMMARY)).to_be_visible()
    expect(guardian.get_by_text(AGREEMENT)).to_be_visible()
    expect(guardian.get_by_text(NOTE)).to_have_count(0)
    assert_fits_the_screen(guardian)
    finish(guardian, "f-guardian-reads-shared-summary")
