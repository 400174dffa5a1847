"""Exploring: search and filters, the occupation page with the fit to the student's own dossier, "does this
fit me?", favourites; fixed query counts at two catalogue sizes."""

from pathlib import Path

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.careers.content_loader import load_content
from koers.careers.models import (
    AmbitionLink,
    CatalogueEdit,
    Favourite,
    FitReflection,
    InterestResult,
    Occupation,
    Prospect,
)
from koers.dossier.models import Ambition
from koers.lob.models import Trait
from tests import factories as f
from tests.careers.factories import OccupationFactory, ProgrammeFactory, SectorFactory

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def catalogue(world):
    load_content(SAMPLES)
    with scopes_disabled():
        return {o.key: o for o in Occupation.objects.all()}


def names(response) -> list[str]:
    return [row.name for row in response.context["search"].rows]


def test_search_by_word_sector_and_level(world, login, catalogue):
    client = login("student")

    assert names(client.get(reverse("careers:explore"), {"q": "monteur"})) == ["Monteur"]
    assert names(client.get(reverse("careers:explore"), {"q": "HELPER"})) == ["Helpende in de zorg"]
    assert names(client.get(reverse("careers:explore"), {"sector": "care"})) == [
        "Helpende in de zorg",
        "Verpleegkundige",
    ]
    assert names(client.get(reverse("careers:explore"), {"level": "3"})) == ["Monteur"]
    assert names(client.get(reverse("careers:explore"), {"level": "hbo"})) == ["Verpleegkundige"]


def test_search_finds_names_in_the_readers_language(world, login, catalogue):
    with scopes_disabled():
        world.student.user.preferred_language = "ar"
        world.student.user.save()
    client = login("student")

    assert len(names(client.get(reverse("careers:explore"), {"q": "مساعد"}))) == 1


def test_fits_my_qualities_puts_the_best_fit_first_and_drops_the_rest(world, login, catalogue):
    with scopes_disabled():
        for key in ("helpful", "patient"):
            f.StudentTraitFactory(student=world.student, trait=Trait.objects.get(kind="quality", key=key))
    client = login("student")

    response = client.get(reverse("careers:explore"), {"past": "on"})

    rows = response.context["search"].rows
    assert [(r.name, r.fit) for r in rows] == [("Helpende in de zorg", 2), ("Verpleegkundige", 1)]
    assert "2 kwaliteiten of motieven van jou" in response.content.decode()


def test_from_my_test_shows_the_sectors_of_my_strongest_fields(world, login, catalogue):
    with scopes_disabled():
        InterestResult.objects.create(
            school=world.school, student=world.student, scores={"hands": 8, "people": 0}
        )
    client = login("student")

    assert names(client.get(reverse("careers:explore"), {"test": "on"})) == ["Monteur"]


def test_hidden_and_other_schools_occupations_are_not_found(world, login, catalogue):
    with scopes_disabled():
        CatalogueEdit.objects.create(school=world.school, occupation=catalogue["nurse"], hidden=True)
        theirs = OccupationFactory(school=world.other_school, texts={"nl": "Monteur van de overkant"})
    client = login("student")

    assert "Verpleegkundige" not in names(client.get(reverse("careers:explore")))
    assert names(client.get(reverse("careers:explore"), {"q": "monteur"})) == ["Monteur"]
    assert client.get(reverse("careers:occupation", args=[catalogue["nurse"].pk])).status_code == 404
    assert client.get(reverse("careers:occupation", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("careers:favourite_occupation", args=[theirs.pk])).status_code == 404


def test_occupation_page_marks_what_the_student_has(world, login, catalogue):
    helper = catalogue["care-helper"]
    with scopes_disabled():
        f.StudentTraitFactory(student=world.student, trait=Trait.objects.get(kind="quality", key="patient"))
        Prospect.objects.create(
            school=world.school,
            occupation=helper,
            outlook="good",
            source="UWV regio Rivierenland",
            dated="2026-09-01",
        )
    client = login("student")

    response = client.get(reverse("careers:occupation", args=[helper.pk]))

    page = response.context["page"]
    assert [(q.name, q.mine) for q in page.qualities] == [("geduldig", True), ("behulpzaam", False)]
    assert page.fit_count == 1
    html = response.content.decode()
    assert "je helpt iemand met aankleden" in html
    assert "Helpende zorg en welzijn" in html
    assert "UWV regio Rivierenland" in html and "1 september 2026" in html


def test_a_corrected_name_is_shown(world, login, catalogue):
    with scopes_disabled():
        CatalogueEdit.objects.create(
            school=world.school, occupation=catalogue["mechanic"], name="Fietsenmaker"
        )
    client = login("mentor")

    assert "Fietsenmaker" in names(client.get(reverse("careers:explore")))
    response = client.get(reverse("careers:occupation", args=[catalogue["mechanic"].pk]))
    assert response.context["page"].name == "Fietsenmaker"


def test_does_this_fit_me_saves_and_updates(world, login, catalogue):
    helper = catalogue["care-helper"]
    client = login("student")
    url = reverse("careers:fit", args=[helper.pk])

    response = client.post(url, {"attracts": "Ik help graag", "doubts": "", "find_out": "Hoe laat begin je?"})
    client.post(url, {"attracts": "Ik help graag mensen", "doubts": "Nachtdiensten", "find_out": ""})

    assert response.status_code == 302
    with scopes_disabled():
        saved = FitReflection.objects.get()
    assert (saved.attracts, saved.doubts, saved.find_out) == ("Ik help graag mensen", "Nachtdiensten", "")
    assert "Nachtdiensten" in client.get(reverse("careers:occupation", args=[helper.pk])).content.decode()


def test_an_empty_answer_gets_a_message_and_saves_nothing(world, login, catalogue):
    client = login("student")

    response = client.post(reverse("careers:fit", args=[catalogue["mechanic"].pk]), {"attracts": "  "})

    assert response.status_code == 200
    assert "Schrijf bij minstens één vraag iets op" in response.content.decode()
    with scopes_disabled():
        assert not FitReflection.objects.exists()


def test_favourites_toggle_and_show_on_my_page(world, login, catalogue):
    client = login("student")
    with scopes_disabled():
        programme = ProgrammeFactory(school=world.school, texts={"nl": "Kok (eigen opleiding)"})

    client.post(reverse("careers:favourite_occupation", args=[catalogue["mechanic"].pk]))
    client.post(reverse("careers:favourite_occupation", args=[catalogue["nurse"].pk]))
    client.post(reverse("careers:favourite_programme", args=[programme.pk]))
    answer = client.post(
        reverse("careers:favourite_occupation", args=[catalogue["nurse"].pk]), headers={"HX-Request": "true"}
    )

    assert "Bewaar als favoriet" in answer.content.decode()
    with scopes_disabled():
        assert Favourite.objects.filter(student=world.student).count() == 2
    mine = client.get(reverse("careers:mine")).content.decode()
    assert "Monteur" in mine and "Kok (eigen opleiding)" in mine and "Verpleegkundige" not in mine
    assert "favoriet" in client.get(reverse("careers:explore"), {"q": "monteur"}).content.decode()


def test_a_classmate_has_their_own_favourites(world, login, catalogue):
    with scopes_disabled():
        Favourite.objects.create(school=world.school, student=world.student, occupation=catalogue["mechanic"])

    mine = login("classmate").get(reverse("careers:mine")).content.decode()

    assert "Monteur" not in mine


def _grow(world, size: int) -> None:
    with scopes_disabled():
        sectors = [SectorFactory() for _ in range(3)]
        traits = list(Trait.objects.all()[:6])
        for trait in traits[:3]:
            f.StudentTraitFactory(student=world.student, trait=trait)
        for n in range(size):
            occupation = OccupationFactory(sector=sectors[n % 3], school=world.school if n % 4 == 0 else None)
            occupation.traits.set(traits[n % 3 : n % 3 + 3])
            occupation.programmes.add(ProgrammeFactory())
            if n % 2:
                Favourite.objects.create(school=world.school, student=world.student, occupation=occupation)
                FitReflection.objects.create(
                    school=world.school, student=world.student, occupation=occupation, attracts="x"
                )
            if n % 5 == 0:
                CatalogueEdit.objects.create(school=world.school, occupation=occupation, name=f"Eigen {n}")


# session, user+roles; then the page's own queries
EXPLORE_QUERIES = 9
OCCUPATION_QUERIES = 11
MINE_QUERIES = 5


@pytest.mark.parametrize("size", [3, 30])
def test_explore_queries_do_not_grow(world, login, size, django_assert_num_queries):
    _grow(world, size)
    client = login("student")

    with django_assert_num_queries(EXPLORE_QUERIES):
        client.get(reverse("careers:explore"), {"past": "on", "level": "2"})


@pytest.mark.parametrize("size", [3, 30])
def test_occupation_page_queries_do_not_grow(world, login, size, django_assert_num_queries):
    _grow(world, size)
    with scopes_disabled():
        occupation = Occupation.objects.filter(school__isnull=True).first()
        occupation.programmes.add(*[ProgrammeFactory() for _ in range(size // 3)])
    client = login("student")

    with django_assert_num_queries(OCCUPATION_QUERIES):
        client.get(reverse("careers:occupation", args=[occupation.pk]))


@pytest.mark.parametrize("size", [3, 30])
def test_my_favourites_queries_do_not_grow(world, login, size, django_assert_num_queries):
    _grow(world, size)
    client = login("student")

    with django_assert_num_queries(MINE_QUERIES):
        client.get(reverse("careers:mine"))


def test_an_occupation_becomes_a_dream_once(world, login, catalogue):

    client = login("student")
    url = reverse("careers:make_dream", args=[catalogue["mechanic"].pk])

    first = client.post(url)
    again = client.post(url)

    with scopes_disabled():
        ambition = Ambition.objects.get(student=world.student)
        assert AmbitionLink.objects.get().occupation == catalogue["mechanic"]
    assert ambition.dream == "Monteur worden"
    assert first.url == again.url == reverse("dossier:ambition", args=[ambition.pk])


def test_a_programme_becomes_a_dream_once_next_to_an_occupation_dream(world, login, catalogue):

    with scopes_disabled():
        programme = ProgrammeFactory(texts={"nl": "Verzorgende-IG"})
    client = login("student")
    client.post(reverse("careers:make_dream", args=[catalogue["mechanic"].pk]))
    url = reverse("careers:make_programme_dream", args=[programme.pk])

    first = client.post(url)
    again = client.post(url)

    with scopes_disabled():
        link = AmbitionLink.objects.get(programme=programme)
        assert Ambition.objects.filter(student=world.student).count() == 2
    assert (link.occupation, link.ambition.dream) == (None, "De opleiding Verzorgende-IG doen")
    assert first.url == again.url == reverse("dossier:ambition", args=[link.ambition_id])
    assert login("classmate").post(reverse("careers:make_programme_dream", args=[999999])).status_code == 404


def test_printable_cards_carry_both_names_and_three_tasks(world, login, catalogue):
    response = login("mentor").get(reverse("careers:cards_pdf"), {"taal": "ar", "sector": "care"})

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "beroepenkaarten-ar.pdf" in response["Content-Disposition"]


def test_the_cards_show_the_dutch_and_the_chosen_name_and_three_tasks(world, login, catalogue, monkeypatch):
    printed = []
    monkeypatch.setattr("koers.careers.views.cards.render_pdf", lambda html: printed.append(html) or b"%PDF")

    login("mentor").get(reverse("careers:cards_pdf"), {"taal": "ar", "q": "helpende"})

    html = printed[0]
    assert "Helpende in de zorg" in html and "مساعد رعاية" in html and 'dir="rtl"' in html
    assert html.count("<li>") == 3 and "je helpt iemand met aankleden" in html
