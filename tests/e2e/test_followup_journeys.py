"""Journeys for what the last session added without one: the links that support an argued choice, from the
student through the mentor's guide mode to the guardian in Turkish; the mentor's own goal for a conversation,
which only staff see; and "Wie doet het" on an action point, with the people named as who they are and told.

Students and guardians work with the keyboard where they would (Tab, Space, Enter); the pages they end on get
the axe check of test_accessibility_axe.py."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from koers.choices.models import Choice
from koers.conversations.models import Agreement
from koers.dossier.models import Action
from koers.notifications.models import Notification
from tests import factories as f
from tests.careers.factories import OccupationFactory
from tests.choices.helpers import make_moment
from tests.e2e.conftest import DESKTOP, PHONE, assert_fits_the_screen, log_in_by_request
from tests.e2e.test_accessibility_axe import blocking_violations, readable
from tests.e2e.test_keyboard_journey import tab_to

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SHARED = "Snuffelstage in het ziekenhuis"
PRIVATE = "Oppassen bij de buren"
OPEN_POINT = "Vragen hoe zwaar de nachtdiensten zijn"


def no_serious_axe_violation(page: Page, where: str) -> None:
    violations = blocking_violations(page)
    assert not violations, f"{where}:\n{readable(violations)}"


def watch_not_found(page: Page, missing: list[str]) -> None:
    """Note the addresses the page asks for that answer 404 (a broken link, image or script)."""
    page.context.on(
        "response", lambda response: missing.append(response.url) if response.status == 404 else None
    )


def _name(user, first: str, last: str) -> None:
    user.first_name, user.last_name = first, last
    user.save(update_fields=["first_name", "last_name"])


def test_choice_links_from_student_through_guide_mode_to_the_guardian_in_turkish(world, pages, finish):
    today = timezone.localdate()
    moment = make_moment(world.group, title="Profielkeuze")
    with scopes_disabled():
        f.ExperienceFactory(student=world.student, title=SHARED, shared_with_guardians=True)
        f.ExperienceFactory(student=world.student, title=PRIVATE, shared_with_guardians=False)
        OccupationFactory(texts={"nl": "Verpleegkundige", "en": "Nurse", "tr": "Hemşire"})
        talk = f.ConversationFactory(
            student=world.student, mentor=world.users["mentor"], scheduled_at=timezone.now()
        )
        guardian = world.users["guardian"]
        guardian.preferred_language = "tr"
        guardian.save(update_fields=["preferred_language"])

    # The student argues her choice on her phone and links what supports it, with the keyboard.
    student = pages.open(viewport=PHONE)
    missing: list[str] = []
    watch_not_found(student, missing)
    log_in_by_request(student, "student")
    student.goto(reverse("choices:mine"))
    tab_to(student, lambda el: el["tag"] == "a" and el["text"] == "Kiezen", limit=120)
    student.keyboard.press("Enter")
    expect(student.get_by_role("heading", level=1)).to_have_text("Profielkeuze")
    tab_to(student, lambda el: el["name"] == "chosen")
    student.keyboard.type("Zorg en welzijn")
    tab_to(student, lambda el: el["name"] == "why")
    student.keyboard.type("Ik help graag mensen.")
    tab_to(student, lambda el: el["name"] == "still_to_find_out")
    student.keyboard.type(OPEN_POINT)
    for title in (SHARED, PRIVATE):
        tab_to(student, lambda el, title=title: el["name"] == "experiences" and el["label"].startswith(title))
        student.keyboard.press("Space")
    tab_to(student, lambda el: el["name"] == "occupations")
    student.keyboard.type("Verpl")  # type-ahead in the list selects the occupation
    expect(student.get_by_label(re.compile("^Beroepen die erbij passen"))).to_have_values(
        [re.compile(r"\d+")]
    )
    tab_to(student, lambda el: el["tag"] == "button" and el["text"] == "Bewaren", limit=120)
    student.keyboard.press("Enter")
    expect(student.get_by_text("Je keuze is bewaard. Bespreek hem met je mentor.")).to_be_visible()
    mine = student.locator(".choice-links")
    expect(mine).to_contain_text(SHARED)
    expect(mine).to_contain_text(PRIVATE)
    expect(mine).to_contain_text("Verpleegkundige")
    assert_fits_the_screen(student)
    no_serious_axe_violation(student, "the student's choices")
    finish(student, "followup-choice-student-links")

    # In the conversation the mentor opens the choice from guide mode (the panel comes in by htmx).
    mentor = pages.open(viewport=DESKTOP)
    watch_not_found(mentor, missing)
    log_in_by_request(mentor, "mentor")
    mentor.goto(reverse("conversations:guide", args=[talk.pk]))
    panel = mentor.locator("#choices")
    expect(panel.locator(".choice-links")).to_contain_text("Verpleegkundige")
    expect(panel.locator(".choice-links")).to_contain_text(PRIVATE)  # the mentor sees the whole dossier
    no_serious_axe_violation(mentor, "guide mode with the choices panel")
    panel.get_by_role("link", name="Openen en samen aanpassen").click()
    expect(mentor.get_by_label("In gesprek")).to_have_value(str(talk.pk))
    mentor.get_by_label("Waarom kies je dit?").fill(
        "Ik help graag mensen; op de stage merkte ik dat ik rustig blijf."
    )
    mentor.get_by_role("button", name="Bewaren").click()
    expect(mentor.get_by_text("De keuze is bewaard.")).to_be_visible()
    expect(mentor).to_have_url(re.compile(rf"{reverse('conversations:guide', args=[talk.pk])}#choices$"))

    # They confirm it together; the mentor's confirmation is not offered a second time.
    panel.get_by_role("button", name="Bevestigen").click()
    expect(mentor.get_by_text("De keuze is bevestigd.")).to_be_visible()
    expect(panel).to_contain_text("Bevestigd door: mentor")
    expect(panel.get_by_role("button", name="Bevestigen")).to_have_count(0)

    # "What I still want to find out" becomes an agreement of this conversation.
    expect(panel.get_by_label("Afspraak")).to_have_value(OPEN_POINT)
    panel.get_by_label("Klaar op").fill((today + dt.timedelta(days=14)).isoformat())
    panel.get_by_role("button", name="Afspraak maken").click()
    expect(mentor.get_by_text("De afspraak is vastgelegd bij dit gesprek.")).to_be_visible()
    expect(panel).to_contain_text(OPEN_POINT)
    with scopes_disabled():
        choice = Choice.objects.get(student=world.student, moment=moment)
        assert choice.conversation_id == talk.pk
        agreement = Agreement.objects.get(conversation=talk)
        assert agreement.action.what == OPEN_POINT
        assert list(choice.agreed_actions.all()) == [agreement.action]
    mentor.get_by_role("link", name="Gesprek afronden en afspraken maken").click()
    expect(mentor.get_by_role("heading", name="Al gemaakt tijdens het gesprek")).to_be_visible()
    expect(mentor.locator("main")).to_contain_text(OPEN_POINT)
    finish(mentor, "followup-choice-guide-mode")

    # The guardian reads the choice in Turkish: what the student shares, the occupation in Turkish, nothing of
    # what she keeps to herself (the private experience and the agreement she has not shared).
    reader = pages.open(viewport=PHONE)
    watch_not_found(reader, missing)
    log_in_by_request(reader, "guardian")
    reader.goto(reverse("choices:child", args=[world.student.pk]))
    expect(reader.locator("html")).to_have_attribute("lang", "tr")
    with translation.override("tr"):
        experiences, occupations = gettext("Ervaringen"), gettext("Beroepen")
        agreements = gettext("Afspraken:")
    links = reader.locator(".choice-links")
    expect(links.locator("dt")).to_have_text([experiences, occupations])
    expect(links).to_contain_text(SHARED)
    expect(links).to_contain_text("Hemşire")
    expect(reader.get_by_text(PRIVATE)).to_have_count(0)
    expect(reader.get_by_text(agreements)).to_have_count(0)  # the open point is there, the agreement not
    assert_fits_the_screen(reader)
    no_serious_axe_violation(reader, "the guardian's choices in Turkish")
    assert missing == []
    finish(reader, "followup-choice-guardian-turkish")


GOAL = "Doorvragen naar wat haar tegenhoudt bij het zoeken naar een stage"


def test_the_mentors_own_goal_is_for_staff_only(world, pages, finish):
    with scopes_disabled():
        talk = f.ConversationFactory(student=world.student, mentor=world.users["mentor"], student_chairs=True)
        talk.guardians.add(world.users["guardian"])

    # The mentor writes a goal in the preparation view and finds it back in guide mode.
    mentor = pages.open(viewport=DESKTOP)
    log_in_by_request(mentor, "mentor")
    mentor.goto(reverse("conversations:detail", args=[talk.pk]))
    goal = mentor.get_by_role("textbox", name="Mijn doel voor dit gesprek")
    goal.fill(GOAL)
    mentor.locator("#mentor-goal").get_by_role("button", name="Bewaren").click()
    expect(mentor.get_by_text("Je doel voor dit gesprek is bewaard.")).to_be_visible()
    expect(goal).to_have_value(GOAL)
    mentor.get_by_role("link", name="Gesprek voeren").click()
    prep = mentor.get_by_role("region", name="Voorbereiding")
    expect(prep).to_contain_text(GOAL)
    no_serious_axe_violation(mentor, "guide mode with the mentor's goal")
    finish(mentor, "followup-goal-guide-mode")

    # Neither the student nor the guardian sees it, on any page of the conversation they open.
    student = pages.open(viewport=PHONE)
    log_in_by_request(student, "student")
    for url in (
        reverse("conversations:mine"),
        reverse("conversations:detail", args=[talk.pk]),
        reverse("conversations:prepare", args=[talk.pk]),
        reverse("conversations:chair", args=[talk.pk]),  # she leads the conversation
    ):
        student.goto(url)
        expect(student.locator("main")).to_be_visible()
        expect(student.get_by_text(GOAL)).to_have_count(0)
        expect(student.get_by_text("Mijn doel voor dit gesprek")).to_have_count(0)
    guardian = pages.open(viewport=PHONE)
    log_in_by_request(guardian, "guardian")
    guardian.goto(reverse("conversations:detail", args=[talk.pk]))
    expect(guardian.locator("main")).to_be_visible()
    expect(guardian.get_by_text(GOAL)).to_have_count(0)
    finish(guardian, "followup-goal-not-for-the-guardian")


def test_who_does_it_names_mentor_guardian_and_contact_and_tells_them(world, pages, finish):
    with scopes_disabled():
        _name(world.users["mentor"], "Ilse", "Bakker")
        _name(world.users["guardian"], "Karim", "Amrani")
        guardian = world.users["guardian"]
        guardian.preferred_language = "uk"
        guardian.save(update_fields=["preferred_language"])
        f.ContactFactory(student=world.student, name="Oom Yusuf", relation="oom")
    due = (timezone.localdate() + dt.timedelta(days=10)).isoformat()

    # The student plans three action points on her phone and picks who does each, with the keyboard.
    student = pages.open(viewport=PHONE)
    log_in_by_request(student, "student")
    doers = {
        "Vragen welke stages er zijn": "Ilse Bakker (mijn mentor)",
        "Samen naar de open dag": "Karim Amrani (mijn ouder/verzorger)",
        "Een dag meelopen in de werkplaats": "Oom Yusuf (iemand uit mijn netwerk)",
    }
    for n, (what, doer) in enumerate(doers.items()):
        student.goto(reverse("dossier:action_new"))
        if n == 0:
            no_serious_axe_violation(student, "the new action point with its doers")
        tab_to(student, lambda el: el["name"] == "what")
        student.keyboard.type(what)
        tab_to(student, lambda el: el["name"] == "doer")
        radio = student.get_by_role("radio", name=doer)
        for _ in range(6):  # arrow keys move through the radio group to the person
            if radio.is_checked():
                break
            student.keyboard.press("ArrowDown")
        expect(radio).to_be_checked()
        student.get_by_label("Wanneer is het klaar").fill(due)
        student.get_by_label("Hoe weten we dat het gelukt is").fill("Het staat in mijn agenda.")
        student.get_by_label(re.compile("ouders", re.IGNORECASE)).check()
        tab_to(student, lambda el: el["tag"] == "button" and el["text"] == "Bewaren", limit=120)
        student.keyboard.press("Enter")
        expect(student.get_by_text("Je actiepunt staat erin.")).to_be_visible()

    # Her dossier names each person with who they are.
    student.goto(reverse("dossier:home"))
    actions = student.locator("#acties")
    actions.locator("summary").click()
    for what, named in {
        "Vragen welke stages er zijn": "door Ilse Bakker (mentor)",
        "Samen naar de open dag": "door Karim Amrani (ouder/verzorger)",
        "Een dag meelopen in de werkplaats": "door Oom Yusuf (uit mijn netwerk)",
    }.items():
        expect(actions.locator("li", has_text=what)).to_contain_text(named)
    assert_fits_the_screen(student)
    no_serious_axe_violation(student, "the student's dossier with three doers")
    finish(student, "followup-doers-student")

    # The mentor is told and opens the action point from the notification.
    mentor = pages.open(viewport=DESKTOP)
    log_in_by_request(mentor, "mentor")
    mentor.goto(reverse("notifications:list"))
    mentor.get_by_role("link", name=re.compile("Vragen welke stages er zijn")).click()
    expect(mentor.get_by_role("heading", level=1)).to_contain_text("Vragen welke stages er zijn")

    # So is the guardian, in Ukrainian, and the notification opens the action point.
    with scopes_disabled():
        asked = Action.objects.get(what="Samen naar de open dag")
        told = Notification.objects.filter(role__user=guardian, kind="action_helper_guardian")
        assert told.count() == 1
    reader = pages.open(viewport=PHONE)
    log_in_by_request(reader, "guardian")
    reader.goto(reverse("notifications:list"))
    expect(reader.locator("html")).to_have_attribute("lang", "uk")
    reader.get_by_role("link", name=re.compile("Samen naar de open dag")).click()
    expect(reader).to_have_url(re.compile(rf"{reverse('dossier:action', args=[asked.pk])}$"))
    with translation.override("uk"):
        parent = gettext("ouder/verzorger")
    expect(reader.locator("main")).to_contain_text(f"Karim Amrani ({parent})")
    no_serious_axe_violation(reader, "the guardian's action point in Ukrainian")
    finish(reader, "followup-doers-guardian-ukrainian")
