"""The mentor notices a new experience in the class view, asks about it, and the student answers."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from tests import factories as f
from tests.e2e.conftest import log_in_by_request

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

QUESTION = "Wat vond je het lastigste aan die dag?"
ANSWER = "Dat ik zo vroeg moest beginnen, om half acht."


def test_mentor_asks_about_new_experience_and_student_answers(world, pages, desktop: Page, finish):
    happened = timezone.localdate() - dt.timedelta(days=2)
    with scopes_disabled():
        f.ExperienceFactory(student=world.student, title="Meelopen bij de bakker", happened_on=happened)

    # The class view shows the new experience as a signal on the student's row.
    log_in_by_request(desktop, "mentor")
    expect(desktop.get_by_role("heading", level=1)).to_have_text("Mijn groepen")
    row = desktop.get_by_role("row").filter(
        has=desktop.get_by_role("link", name=world.student.name, exact=True)
    )
    expect(row).to_contain_text(date_format(happened, "j M Y"))
    experiences_this_period = row.get_by_role("cell").nth(1)
    expect(experiences_this_period).to_have_text("1")

    # One click into the dossier, then the experience, then a question.
    row.get_by_role("link", name=world.student.name, exact=True).click()
    expect(desktop.get_by_role("heading", level=1)).to_contain_text(world.student.name)
    desktop.get_by_role("link", name="Meelopen bij de bakker").click()
    desktop.get_by_label("Jouw vraag of opmerking").fill(QUESTION)
    desktop.get_by_role("button", name="Versturen").click()
    expect(desktop.locator("#opmerkingen")).to_contain_text(QUESTION)

    # The student sees the question on the phone and answers it.
    phone = pages.open(viewport={"width": 390, "height": 844})
    log_in_by_request(phone, "student")
    phone.get_by_role("link", name="Meelopen bij de bakker").click()
    thread = phone.locator("#opmerkingen")
    expect(thread).to_contain_text(QUESTION)
    phone.get_by_label("Jouw antwoord").fill(ANSWER)
    phone.get_by_role("button", name="Antwoord versturen").click()
    expect(thread).to_contain_text(ANSWER)
    finish(phone, "b-student-answers-mentor")

    # Back at the desk, the mentor reads the answer under the question.
    desktop.reload()
    expect(desktop.locator("#opmerkingen")).to_contain_text(ANSWER)
    finish(desktop, "b-mentor-sees-answer")
