"""The interest test: every item needs a face, an empty test gets a message and saves nothing, results keep
their date and lead to sectors and occupations, a result becomes an experience once."""

from pathlib import Path

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.careers.content_loader import load_content
from koers.careers.models import InterestItem, InterestResult
from koers.dossier.models import Experience

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def items(world):
    load_content(SAMPLES)
    with scopes_disabled():
        return list(InterestItem.objects.order_by("field__order", "order").values_list("key", flat=True))


def test_the_test_shows_pictures_sentences_read_aloud_and_the_disclaimer(world, login, items):
    client = login("student")

    html = client.get(reverse("careers:interest_take")).content.decode()
    home = client.get(reverse("careers:interest")).content.decode()

    assert "Ik repareer graag een fiets." in html
    assert html.count('type="radio"') == 3 * len(items)
    assert "geen echte psychologische test" in home


def test_an_empty_test_gets_a_message_and_saves_nothing(world, login, items):
    response = login("student").post(reverse("careers:interest_take"), {})

    assert "Je hebt nog niets ingevuld" in response.content.decode()
    with scopes_disabled():
        assert not InterestResult.objects.exists()


def test_an_unanswered_item_is_marked_and_the_answers_stay(world, login, items):
    answers = dict.fromkeys(items[:-1], "yes")

    response = login("student").post(reverse("careers:interest_take"), answers)

    html = response.content.decode()
    assert "Je hebt nog 1 zin niet beantwoord." in html
    assert "Kies een gezicht bij deze zin." in html
    assert html.count("checked") == len(items) - 1
    with scopes_disabled():
        assert not InterestResult.objects.exists()


def test_a_result_scores_fields_and_leads_to_sectors(world, login, items):
    client = login("student")
    answers = {"repair-bike": "yes", "build-things": "maybe", "help-grandma": "no", "listen-friend": "no"}

    response = client.post(reverse("careers:interest_take"), answers)

    with scopes_disabled():
        result = InterestResult.objects.get()
    assert response.url == reverse("careers:interest_result", args=[result.pk])
    assert result.scores == {"hands": 3, "people": 0}
    assert result.top_fields() == ["hands"]
    page = client.get(response.url)
    assert [s.field.key for s in page.context["profile"]] == ["hands", "people"]
    assert page.context["profile"][0].percent == 75
    assert "?sector=technology" in page.content.decode()


def test_retaking_keeps_every_result_with_its_date(world, login, items):
    client = login("student")
    for answer in ("yes", "no"):
        client.post(reverse("careers:interest_take"), dict.fromkeys(items, answer))

    home = client.get(reverse("careers:interest"))

    assert len(home.context["results"]) == 2
    assert "Doe de test nog een keer" in home.content.decode()


def test_a_result_becomes_an_experience_once(world, login, items):
    client = login("student")
    client.post(reverse("careers:interest_take"), dict.fromkeys(items, "yes"))
    with scopes_disabled():
        result = InterestResult.objects.get()

    first = client.post(reverse("careers:interest_experience", args=[result.pk]))
    again = client.post(reverse("careers:interest_experience", args=[result.pk]))

    with scopes_disabled():
        experience = Experience.objects.get(student=world.student)
        result.refresh_from_db()
    assert first.url == again.url == reverse("dossier:experience", args=[experience.pk])
    assert result.experience == experience
    assert experience.title == "Interessetest"
    assert "Met je handen" in experience.what_i_did
