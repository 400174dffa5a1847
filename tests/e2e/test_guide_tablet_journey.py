"""Guide mode on a tablet held upright: the phases are one compact row at the top, and tapping a phase opens
it and brings it into view, so the mentor keeps their eyes on the student rather than on scrolling."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from tests import factories as f
from tests.e2e.conftest import log_in_by_request

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TABLET_UPRIGHT = {"width": 820, "height": 1180}
GUIDE = {
    "phases": {
        "goal": {"questions": ["Wat wil je vandaag uit dit gesprek halen?"]},
        "motives": {
            "questions": ["Wat vind je echt belangrijk in werk?"],
            "deeper": ["Waar merk je dat aan?"],
        },
    },
    "reminders": ["Vat samen voordat je doorvraagt."],
}


def test_guide_mode_on_an_upright_tablet_opens_the_phase_that_is_tapped(world, pages, finish):
    with scopes_disabled():
        conversation = f.ConversationFactory(
            student=world.student,
            mentor=world.users["mentor"],
            type=f.ConversationTypeFactory(school=world.school, guide=GUIDE),
        )
    page = pages.open(viewport=TABLET_UPRIGHT)
    log_in_by_request(page, "mentor")
    page.goto(reverse("conversations:guide", args=[conversation.pk]))

    phases = page.get_by_role("navigation", name="Fasen")
    last_link = phases.get_by_role("link", name="Afspraken maken")
    # Every phase link fits in the first screen, above the first phase's notes.
    assert last_link.bounding_box()["y"] < page.get_by_label("Aantekeningen bij Doel").bounding_box()["y"]
    motives_notes = page.get_by_label("Aantekeningen bij Motieven")
    expect(motives_notes).to_be_hidden()

    phases.get_by_role("link", name="Motieven").click()

    expect(motives_notes).to_be_visible()
    expect(motives_notes).to_be_in_viewport()
    finish(page, "guide-tablet-upright")
