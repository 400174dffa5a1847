"""The school's part of the catalogue: add an occupation, correct or hide a shipped one, prospects only with a
source and date; bad input gets a message and saves nothing."""

from django.urls import reverse
from django_scopes import scopes_disabled

from koers.careers.models import CatalogueEdit, Occupation, Prospect
from tests.careers.factories import OccupationFactory, SectorFactory


def test_the_counsellor_adds_an_occupation_for_the_school_only(world, login):
    with scopes_disabled():
        sector = SectorFactory()

    response = login("counsellor").post(
        reverse("careers:new_occupation"),
        {"name": "Fietsenmaker", "sector": sector.pk, "tasks": "je plakt banden\n\nje stelt remmen af"},
    )

    with scopes_disabled():
        own = Occupation.objects.get(school=world.school)
    assert response.url == reverse("careers:occupation", args=[own.pk])
    assert (own.texts, own.tasks) == ({"nl": "Fietsenmaker"}, ["je plakt banden", "je stelt remmen af"])
    assert login("outsider").get(reverse("careers:occupation", args=[own.pk])).status_code == 404


def test_a_correction_and_hiding_apply_to_this_school_only(world, login):
    with scopes_disabled():
        shipped = OccupationFactory(texts={"nl": "Kapper"})
    client = login("counsellor")
    url = reverse("careers:adjust", args=[shipped.pk])

    client.post(url, {"adjust": "1", "name": "Kapper en barbier", "description": ""})
    assert login("student").get(reverse("careers:occupation", args=[shipped.pk])).context["page"].name == (
        "Kapper en barbier"
    )
    client = login("counsellor")
    client.post(url, {"adjust": "1", "name": "Kapper en barbier", "hidden": "on"})

    assert login("student").get(reverse("careers:occupation", args=[shipped.pk])).status_code == 404
    assert login("outsider").get(reverse("careers:occupation", args=[shipped.pk])).status_code == 200
    login("counsellor").post(url, {"adjust": "1", "name": "Kapper"})
    with scopes_disabled():
        assert not CatalogueEdit.objects.exists()


def test_a_prospect_needs_its_source_and_date(world, login):
    with scopes_disabled():
        shipped = OccupationFactory(texts={"nl": "Lasser"})
    client = login("counsellor")
    url = reverse("careers:adjust", args=[shipped.pk])

    refused = client.post(url, {"prospect": "1", "outlook": "good", "source": ""})
    client.post(url, {"prospect": "1", "outlook": "good", "source": "UWV", "dated": "2026-10-01"})

    assert "Noem de bron" in refused.content.decode() and "Vul de datum" in refused.content.decode()
    with scopes_disabled():
        prospect = Prospect.objects.get()
    assert (prospect.source, str(prospect.dated)) == ("UWV", "2026-10-01")
    page = login("student").get(reverse("careers:occupation", args=[shipped.pk])).content.decode()
    assert "goede kansen op werk" in page and "UWV" in page and "1 oktober 2026" in page


def test_only_the_counsellor_changes_the_catalogue(world, login):
    with scopes_disabled():
        shipped = OccupationFactory()

    for persona in ("student", "mentor", "teacher"):
        response = login(persona).post(
            reverse("careers:adjust", args=[shipped.pk]), {"adjust": "1", "hidden": "on"}
        )
        assert response.status_code == 404
    with scopes_disabled():
        assert not CatalogueEdit.objects.exists()
