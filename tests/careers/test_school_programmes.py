"""The school's programmes: add its own, correct its facts, correct or hide a shipped one, and name the
regional schools that offer a programme; students see those schools and the programme's open days."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.careers.models import CatalogueEdit, Offer, Programme
from tests.careers.factories import MboDomainFactory, OccupationFactory, OpenDayFactory, ProgrammeFactory


def test_the_counsellor_adds_an_mbo_programme_for_the_school_only(world, login):
    with scopes_disabled():
        domain = MboDomainFactory()

    response = login("counsellor").post(
        reverse("careers:new_programme"),
        {
            "name": "Fietstechnicus",
            "kind": "mbo",
            "level": "2",
            "mbo_domain": domain.pk,
            "routes": ["bol", "bbl"],
            "years": "2",
        },
    )

    with scopes_disabled():
        own = Programme.objects.get(school=world.school)
    assert response.url == reverse("careers:adjust_programme", args=[own.pk])
    assert (own.texts, own.level, own.routes, own.years, own.crebo) == (
        {"nl": "Fietstechnicus"},
        2,
        ["bol", "bbl"],
        Decimal("2.0"),
        "",
    )
    assert login("student").get(reverse("careers:programme", args=[own.pk])).status_code == 200
    assert login("outsider").get(reverse("careers:programme", args=[own.pk])).status_code == 404


def test_an_mbo_programme_without_level_is_refused_with_the_input_kept(world, login):
    response = login("counsellor").post(
        reverse("careers:new_programme"), {"name": "Bakker", "kind": "mbo", "years": "3"}
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "Kies het niveau" in html and 'value="Bakker"' in html
    with scopes_disabled():
        assert not Programme.objects.exists()


def test_hbo_has_no_level_or_route(world, login):
    response = login("counsellor").post(
        reverse("careers:new_programme"), {"name": "Pabo", "kind": "hbo", "level": "3", "routes": ["bbl"]}
    )

    assert "Alleen een mbo-opleiding heeft een niveau" in response.content.decode()
    with scopes_disabled():
        assert not Programme.objects.exists()


def test_the_facts_of_an_own_programme_are_corrected_and_a_shipped_ones_cannot_be(world, login):
    with scopes_disabled():
        own = ProgrammeFactory(school=world.school, level=2)
        shipped = ProgrammeFactory(level=3)
    client = login("counsellor")

    client.post(
        reverse("careers:adjust_programme", args=[own.pk]),
        {"facts": "1", "kind": "mbo", "level": "3", "routes": ["bbl"], "years": "3"},
    )
    page = client.get(reverse("careers:adjust_programme", args=[shipped.pk]))
    client.post(
        reverse("careers:adjust_programme", args=[shipped.pk]),
        {"facts": "1", "kind": "mbo", "level": "1", "routes": ["bbl"]},
    )

    with scopes_disabled():
        own.refresh_from_db()
        shipped.refresh_from_db()
    assert (own.level, own.routes) == (3, ["bbl"])
    assert page.context["facts_form"] is None
    assert shipped.level == 3


def test_a_shipped_programme_is_renamed_and_hidden_for_this_school_only(world, login):
    with scopes_disabled():
        shipped = ProgrammeFactory(texts={"nl": "Kok"})
    url = reverse("careers:adjust_programme", args=[shipped.pk])

    login("counsellor").post(url, {"adjust": "1", "name": "Kok (keuken en bediening)", "description": ""})
    renamed = login("student").get(reverse("careers:programme", args=[shipped.pk])).content.decode()
    login("counsellor").post(url, {"adjust": "1", "name": "Kok", "hidden": "on"})

    assert "Kok (keuken en bediening)" in renamed
    assert login("student").get(reverse("careers:programme", args=[shipped.pk])).status_code == 404
    assert login("outsider").get(reverse("careers:programme", args=[shipped.pk])).status_code == 200
    assert login("counsellor").get(url).status_code == 200
    login("counsellor").post(url, {"adjust": "1", "name": "Kok"})
    with scopes_disabled():
        assert not CatalogueEdit.objects.exists()


def test_regional_offers_and_open_days_show_on_the_programme_page(world, login):
    with scopes_disabled():
        shipped = ProgrammeFactory(texts={"nl": "Verzorgende-IG"})
        OpenDayFactory(school=world.school, programme=shipped, institution="ROC Rivierland")
        OpenDayFactory(
            school=world.school,
            programme=shipped,
            institution="Oud",
            date=timezone.localdate() - dt.timedelta(3),
        )
    client = login("counsellor")
    url = reverse("careers:adjust_programme", args=[shipped.pk])

    client.post(url, {"offer": "1", "institution": "ROC Rivierland", "place": "Tiel", "url": "rocr.nl"})
    twice = client.post(url, {"offer": "1", "institution": "roc rivierland", "place": "tiel"})
    refused = client.post(url, {"offer": "1", "institution": ""})

    assert twice.status_code == 200 and "staat al bij deze opleiding" in twice.content.decode()
    assert refused.status_code == 200
    with scopes_disabled():
        offer = Offer.objects.get()
    assert (offer.url, offer.school_id) == ("https://rocr.nl", world.school.pk)
    html = login("student").get(reverse("careers:programme", args=[shipped.pk])).content.decode()
    assert 'href="https://rocr.nl"' in html and "ROC Rivierland" in html
    assert "Oud" not in html
    outsider = login("outsider").get(reverse("careers:programme", args=[shipped.pk])).content.decode()
    assert "rocr.nl" not in outsider


def test_an_offer_is_removed_and_another_schools_offer_is_404(world, login):
    with scopes_disabled():
        shipped = ProgrammeFactory()
        offer = Offer.objects.create(school=world.school, programme=shipped, institution="Da Vinci")

    assert login("outsider").post(reverse("careers:offer_delete", args=[offer.pk])).status_code == 404
    login("counsellor").post(reverse("careers:offer_delete", args=[offer.pk]))

    with scopes_disabled():
        assert not Offer.objects.exists()


def _offers_and_open_days(world, programme, size: int) -> None:
    with scopes_disabled():
        for n in range(size):
            Offer.objects.create(
                school=world.school, programme=programme, institution=f"ROC {n}", place="Tiel"
            )
            OpenDayFactory(school=world.school, programme=programme, institution=f"ROC {n}")
            programme.occupations.add(OccupationFactory())


@pytest.mark.parametrize("size", [1, 8])
def test_the_programme_page_costs_the_same_with_more_offers_open_days_and_occupations(
    world, login, size, django_assert_num_queries
):
    with scopes_disabled():
        shipped = ProgrammeFactory(texts={"nl": "Verzorgende-IG"})
    _offers_and_open_days(world, shipped, size)
    client = login("student")
    client.get(reverse("careers:programme", args=[shipped.pk]))  # the session's first request warms caches

    with django_assert_num_queries(PROGRAMME_PAGE_QUERIES):
        page = client.get(reverse("careers:programme", args=[shipped.pk]))

    assert page.content.decode().count("ROC ") >= size


@pytest.mark.parametrize("size", [1, 8])
def test_the_programme_edit_page_costs_the_same_with_more_offers(
    world, login, size, django_assert_num_queries
):
    with scopes_disabled():
        shipped = ProgrammeFactory(texts={"nl": "Verzorgende-IG"})
    _offers_and_open_days(world, shipped, size)
    client = login("counsellor")
    client.get(reverse("careers:adjust_programme", args=[shipped.pk]))

    with django_assert_num_queries(PROGRAMME_EDIT_QUERIES):
        page = client.get(reverse("careers:adjust_programme", args=[shipped.pk]))

    assert page.status_code == 200


# session, user+roles; the programme, its occupations, its offers, its coming open days, the student's
# favourites and the page's fixed lookups
PROGRAMME_PAGE_QUERIES = 8
# session, user+roles; the programme with the school's correction, its offers and the form's choices
PROGRAMME_EDIT_QUERIES = 5
