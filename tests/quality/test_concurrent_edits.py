"""Two counsellors (or two tabs) changing the same statement of the self-scan: the second save is refused
with both texts on the page, and the first save is what is stored (common/versions.py)."""

from __future__ import annotations

from django.urls import reverse
from django_scopes import scopes_disabled

from koers.quality.models import Questionnaire, ScanItem
from tests.quality.factories import ScanItemFactory
from tests.two_tabs import texts_beside, two_tabs


def test_scan_item_from_two_tabs_keeps_the_first_and_shows_both(login, world):
    with scopes_disabled():
        item = ScanItemFactory(school=world.school, text="Mentoren voeren loopbaangesprekken.")

    page = two_tabs(
        login("counsellor"),
        reverse("quality:scan_item", args=[item.pk]),
        {"text": "Elke mentor voert twee loopbaangesprekken per jaar.", "active": "on"},
        {"text": "Mentoren krijgen scholing in loopbaangesprekken.", "active": "on"},
    )

    texts_beside(
        page,
        "Elke mentor voert twee loopbaangesprekken per jaar.",
        "Mentoren krijgen scholing in loopbaangesprekken.",
    )
    with scopes_disabled():
        assert ScanItem.objects.get(pk=item.pk).text == "Elke mentor voert twee loopbaangesprekken per jaar."


def test_questionnaire_from_two_tabs_keeps_the_first_and_shows_both(login, world):
    url = reverse("quality:questionnaire", args=["student"])

    page = two_tabs(
        login("counsellor"),
        url,
        {"title": "Evaluatie LOB", "questions": "Ik weet beter wat bij mij past.\nopen: Wat miste je?"},
        {"title": "Evaluatie LOB", "questions": "De gesprekken met mijn mentor helpen me."},
    )

    texts_beside(page, "Ik weet beter wat bij mij past.", "De gesprekken met mijn mentor helpen me.")
    with scopes_disabled():
        stored = Questionnaire.objects.get(school=world.school, audience="student").questions
    assert [question["text"] for question in stored] == ["Ik weet beter wat bij mij past.", "Wat miste je?"]
