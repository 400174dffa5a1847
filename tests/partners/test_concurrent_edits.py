"""Two counsellors (or two tabs) changing the same partner or internship place: the second save is refused
with both texts on the page, and the first save is what is stored (common/versions.py)."""

from __future__ import annotations

from django.urls import reverse
from django_scopes import scopes_disabled

from koers.partners.models import InternshipPlace, Partner
from tests.partners import factories as pf
from tests.partners.test_register import place_data
from tests.two_tabs import texts_beside, two_tabs


def _partner_data(notes: str) -> dict[str, object]:
    return {"name": "Garage De Vries", "kind": "company", "status": "active", "notes": notes}


def test_partner_from_two_tabs_keeps_the_first_and_shows_both(login, world):
    with scopes_disabled():
        partner = pf.PartnerFactory(school=world.school, name="Garage De Vries")

    page = two_tabs(
        login("counsellor"),
        reverse("partners:partner_edit", args=[partner.pk]),
        _partner_data("Bellen na de zomer"),
        _partner_data("Mailen aan Henk"),
    )

    texts_beside(page, "Bellen na de zomer", "Mailen aan Henk")
    with scopes_disabled():
        assert Partner.objects.get(pk=partner.pk).notes == "Bellen na de zomer"


def test_place_from_two_tabs_keeps_the_first_and_shows_both(login, world):
    with scopes_disabled():
        place = pf.PlaceFactory(partner=pf.PartnerFactory(school=world.school))

    def data(description: str) -> dict[str, object]:
        return {k: v for k, v in place_data(description=description).items() if v not in (False, None)}

    page = two_tabs(
        login("counsellor"),
        reverse("partners:place_edit", args=[place.pk]),
        data("Je helpt de monteur met banden."),
        data("Je werkt mee in de showroom."),
    )

    texts_beside(page, "Je helpt de monteur met banden.", "Je werkt mee in de showroom.")
    with scopes_disabled():
        assert InternshipPlace.objects.get(pk=place.pk).description == "Je helpt de monteur met banden."
