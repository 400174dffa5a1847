"""Guide mode keeps every note: when the connection drops the mentor's typing stays in the browser, and the
next time guide mode opens the text is put back and sent to the server."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from koers.conversations.models import Conversation, PhaseNote
from tests import factories as f
from tests.e2e.conftest import DESKTOP, log_in_by_request

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ONLINE_NOTE = "Wil graag met dieren werken, denkt aan de dierenartsassistent."
OFFLINE_NOTE = "Vindt zorgen voor anderen belangrijk en wil later mensen helpen."
GUIDE = {
    "phases": {
        "goal": {"questions": ["Wat wil je vandaag uit dit gesprek halen?"]},
        "motives": {"questions": ["Wat vind je echt belangrijk in werk?"]},
    },
    "reminders": [],
}


def server_note(conversation, phase: str) -> str | None:
    with scopes_disabled():
        return (
            PhaseNote.objects.filter(conversation=conversation, phase=phase)
            .values_list("text", flat=True)
            .first()
        )


def test_guide_mode_keeps_offline_notes_after_page_closes(world, pages, finish):
    with scopes_disabled():
        f.ConversationFactory(
            student=world.student,
            mentor=world.users["mentor"],
            type=f.ConversationTypeFactory(school=world.school, guide=GUIDE),
        )
        conversation = Conversation.objects.get(student=world.student)
    guide_url = reverse("conversations:guide", args=[conversation.pk])

    # Online: a note in the first phase is saved on the server while typing.
    mentor = pages.open(viewport=DESKTOP)
    log_in_by_request(mentor, "mentor")
    mentor.goto(guide_url)
    goal = mentor.get_by_label("Aantekeningen bij Doel")
    goal.press_sequentially(ONLINE_NOTE)
    expect(mentor.locator("#status-goal")).to_contain_text("Bewaard")
    assert server_note(conversation, "goal") == ONLINE_NOTE

    # The connection drops while the mentor writes in another phase: the page says it is not saved yet.
    context = mentor.context
    context.set_offline(True)
    mentor.locator("#phase-motives > summary").click()
    motives = mentor.get_by_label("Aantekeningen bij Motieven")
    motives.press_sequentially(OFFLINE_NOTE)
    expect(mentor.locator("#status-motives")).to_contain_text("geen verbinding")
    assert server_note(conversation, "motives") in (None, "")

    # The page is closed before the connection comes back.
    mentor.close()
    context.set_offline(False)

    # Guide mode opened again: the text is back in its field and reaches the server by itself.
    again = context.new_page()
    again.on("console", pages._watch_console)
    again.goto(guide_url)
    expect(again.get_by_label("Aantekeningen bij Motieven")).to_have_value(OFFLINE_NOTE)
    expect(again.get_by_label("Aantekeningen bij Doel")).to_have_value(ONLINE_NOTE)
    # "Bewaard om ..." is the server's answer to the save, so once the page shows it the row is written.
    expect(again.locator("#status-motives")).to_contain_text("Bewaard")
    assert server_note(conversation, "motives") == OFFLINE_NOTE
    finish(again, "autosave-offline-restored")


def test_guide_mode_sends_offline_notes_when_the_connection_returns(world, pages, finish):
    with scopes_disabled():
        conversation = f.ConversationFactory(
            student=world.student,
            mentor=world.users["mentor"],
            type=f.ConversationTypeFactory(school=world.school, guide=GUIDE),
        )
    mentor = pages.open(viewport=DESKTOP)
    log_in_by_request(mentor, "mentor")
    mentor.goto(reverse("conversations:guide", args=[conversation.pk]))

    # The connection drops while the mentor types; the page stays open.
    mentor.context.set_offline(True)
    mentor.locator("#phase-motives > summary").click()
    mentor.get_by_label("Aantekeningen bij Motieven").press_sequentially(OFFLINE_NOTE)
    expect(mentor.locator("#status-motives")).to_contain_text("geen verbinding")
    assert server_note(conversation, "motives") in (None, "")

    # The connection comes back: the note is sent without the mentor doing anything.
    mentor.context.set_offline(False)
    expect(mentor.locator("#status-motives")).to_contain_text("Bewaard")
    assert server_note(conversation, "motives") == OFFLINE_NOTE
    finish(mentor, "autosave-connection-returns")
