"""Two counsellors (or two tabs) changing the same statement of the self-scan: the second save is refused
with both texts on the page, and the first save is what is stored (common/versions.py)."""

from __future__ import annotations

from django.urls import reverse
from django_scopes import scopes_disabled

from koers.quality.models import ScanItem
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
