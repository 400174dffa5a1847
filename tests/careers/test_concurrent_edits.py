""" "Does this fit me?" from two tabs or devices: the second save is refused with both texts on the page,
and the first save is what is stored (common/versions.py)."""

from __future__ import annotations

import html

from django.urls import reverse
from django_scopes import scopes_disabled

from koers.careers.models import CatalogueEdit, FitReflection, Prospect
from tests.careers.factories import OccupationFactory
from tests.careers.test_explore import catalogue  # noqa: F401 (the fixture)
from tests.two_tabs import REFUSED, VERSION, texts_beside, two_tabs


def test_fit_answer_from_two_devices_keeps_the_first_and_shows_both(world, login, catalogue):  # noqa: F811
    url = reverse("careers:fit", args=[catalogue["care-helper"].pk])

    page = two_tabs(
        login("student"),
        url,
        {"attracts": "Ik help graag mensen", "doubts": "", "find_out": ""},
        {"attracts": "Ik vind verzorgen mooi werk", "doubts": "", "find_out": ""},
    )

    texts_beside(page, "Ik help graag mensen", "Ik vind verzorgen mooi werk")
    with scopes_disabled():
        assert FitReflection.objects.get().attracts == "Ik help graag mensen"


def test_prospect_from_two_counsellors_keeps_the_first_and_shows_both(world, login):
    with scopes_disabled():
        shipped = OccupationFactory(texts={"nl": "Lasser"})
        Prospect.objects.create(
            school=world.school, occupation=shipped, outlook="good", source="UWV", dated="2026-01-05"
        )
    url = reverse("careers:adjust", args=[shipped.pk])
    prospect = {"prospect": "1", "outlook": "good", "dated": "2026-10-01"}

    page = two_tabs(
        login("counsellor"),
        url,
        {**prospect, "source": "UWV regio Rijnmond"},
        {**prospect, "source": "Werkgeversservicepunt"},
    )

    texts_beside(page, "UWV regio Rijnmond", "Werkgeversservicepunt")
    with scopes_disabled():
        assert Prospect.objects.get(occupation=shipped).source == "UWV regio Rijnmond"


def test_catalogue_correction_from_two_tabs_keeps_the_first_and_shows_both(world, login):
    with scopes_disabled():
        shipped = OccupationFactory(texts={"nl": "Kapper"})
    url = reverse("careers:adjust", args=[shipped.pk])
    client = login("counsellor")
    tab_1 = VERSION.findall(client.get(url).content.decode())[0]  # the first form on the page: the correction
    tab_2 = VERSION.findall(client.get(url).content.decode())[0]
    assert client.post(url, {"adjust": "1", "name": "Kapper en barbier", "version": tab_1}).status_code == 302

    answer = client.post(url, {"adjust": "1", "name": "Haarstylist", "version": tab_2})

    page = html.unescape(answer.content.decode())
    assert REFUSED in page
    texts_beside(page, "Kapper en barbier", "Haarstylist")
    with scopes_disabled():
        assert CatalogueEdit.objects.get(occupation=shipped).name == "Kapper en barbier"
