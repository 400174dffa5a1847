"""Simple language: a student switches it on once; from then on prompts with a simpler version show it."""

from __future__ import annotations

import importlib
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from koers.conversations.forms.closing import EvaluationForm
from koers.conversations.forms.holding import GuardianPreparationForm
from koers.language import simple as simple_language
from koers.schools.models import User

FORM_MODULES = [
    "koers.dossier.forms.experiences",
    "koers.dossier.forms.overview",
    "koers.dossier.forms.traits",
    "koers.dossier.forms.compliments",
    "koers.dossier.forms.ambitions",
    "koers.dossier.forms.network",
    "koers.dossier.forms.actions",
    "koers.conversations.forms.holding",
    "koers.conversations.forms.closing",
    "koers.programme.forms.guardian",
]
USUAL = "Wat deed je, en wat was jouw rol?"
SIMPLE = "Wat deed jij daar?"


def is_on(user: User) -> bool:
    return User.objects.get(pk=user.pk).simple_language


def test_simple_language_switch_saves_the_choice_and_returns_to_the_page(world, login):
    client = login("student")
    form_url = reverse("dossier:experience_new")
    assert USUAL in client.get(form_url).content.decode()

    response = client.post(reverse("simple_language"), {"on": "1", "next": form_url})

    assert response.status_code == 302
    assert response.url == form_url
    assert is_on(world.users["student"])
    page = client.get(form_url).content.decode()
    assert SIMPLE in page
    assert USUAL not in page
    assert "Zet makkelijke taal uit" in page


def test_simple_language_follows_the_student_to_another_device(world, login):
    login("student").post(reverse("simple_language"), {"on": "1", "next": "/"})

    other_device = Client()
    other_device.force_login(world.users["student"])

    assert SIMPLE in other_device.get(reverse("dossier:experience_new")).content.decode()


def test_simple_language_switched_off_again_shows_the_usual_prompts(world, login):
    client = login("student")
    client.post(reverse("simple_language"), {"on": "1", "next": "/"})

    client.post(reverse("simple_language"), {"on": "0", "next": "/"})

    assert not is_on(world.users["student"])
    assert USUAL in client.get(reverse("dossier:experience_new")).content.decode()


def test_simple_language_switch_ignores_a_next_address_on_another_site(world, login):
    response = login("student").post(reverse("simple_language"), {"on": "1", "next": "https://evil.example/"})

    assert response.url == reverse("home")


def test_simple_language_switch_needs_a_login(world):
    response = Client().post(reverse("simple_language"), {"on": "1", "next": "/"})

    assert response.status_code == 302
    assert reverse("login") in response.url


def test_simple_language_switch_is_refused_over_get(world, login):
    assert login("student").get(reverse("simple_language") + "?on=1").status_code == 405
    assert not is_on(world.users["student"])


@pytest.mark.parametrize(("persona", "shown"), [("student", True), ("guardian", True), ("mentor", False)])
def test_simple_language_switch_is_in_the_account_menu_of_families_only(world, login, persona, shown):
    page = login(persona).get(reverse("home"), follow=True).content.decode()

    assert ("Zet makkelijke taal aan" in page) is shown


def test_simple_language_of_one_request_does_not_leak_into_the_next(world, login):
    client = login("student")
    client.post(reverse("simple_language"), {"on": "1", "next": "/"})
    client.get(reverse("dossier:experience_new"))

    assert simple_language.active() is False
    assert str(GuardianPreparationForm()["talk_about"].label) == "Waar wilt u het in het gesprek over hebben?"


def test_simple_language_forms_pick_the_simple_prompt_when_they_are_shown():
    form = EvaluationForm()  # made before the switch: the choice is made when the label is shown

    with simple_language.override(True):
        simple = str(form["room"].label)
    usual = str(form["room"].label)

    assert simple == "Kon jij genoeg vertellen?"
    assert usual == "Kreeg je genoeg ruimte om je eigen verhaal te vertellen?"


@pytest.mark.parametrize("language", ["en", "ar", "uk", "tr", "pl", "fa"])
def test_simple_language_prompts_have_their_own_simple_version_in_each_language(language):
    form = GuardianPreparationForm()

    with translation.override(language):
        usual = str(form["talk_about"].label)
        with simple_language.override(True):
            simple = str(form["talk_about"].label)

    assert simple != usual
    assert simple != "Waar wilt u over praten?"  # translated, not the Dutch simple text


def longest_sentence(text: str) -> int:
    return max(len(part.split()) for part in re.split(r"[.?!:]", text) if part.strip())


def longest_word(text: str) -> int:
    return max(len(word) for word in re.findall(r"\w+", text))


def every_pair() -> list[tuple[str, str]]:
    for module in FORM_MODULES:
        importlib.import_module(module)
    with translation.override("nl"):
        return [(str(usual), str(simple)) for usual, simple in simple_language.PAIRS]


def test_every_simple_prompt_reads_no_harder_than_the_usual_one():
    pairs = every_pair()

    assert len(pairs) >= 25
    for usual, simple in pairs:
        assert simple != usual
        # Shorter sentences, or shorter (more common) words: "Wat weet je nu over jezelf?" for
        # "Wat ontdekte je over jezelf?" has one word more, but no long one.
        shorter_sentences = longest_sentence(simple) <= longest_sentence(usual)
        shorter_words = longest_word(simple) < longest_word(usual)
        assert shorter_sentences or shorter_words, (usual, simple)


@pytest.mark.parametrize("language", ["en", "ar", "uk", "tr", "pl", "fa"])
def test_every_simple_prompt_has_its_own_translation(language):
    for usual, simple in every_pair():
        with translation.override(language):
            assert translation.gettext(simple) != simple, f"{simple!r} has no {language} translation"
            assert translation.gettext(simple) != translation.gettext(usual), (language, usual, simple)
