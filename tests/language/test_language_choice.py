"""Choosing a language: students and guardians any of the seven, staff Dutch or English, visitors a cookie."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from koers.access.tenancy import roles_of
from koers.language.domain import FAMILY_ROLE_KINDS, choose_language, languages_for
from koers.schools.models import RoleKind, User

URL = "/taal/"


def fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


def test_language_url_is_taal():
    assert reverse("language") == URL


@pytest.mark.parametrize("persona", ["student", "guardian"])
def test_choose_language_family_may_choose_arabic(world, persona):
    choose_language(user=world.users[persona], roles=roles_of(world.users[persona]), language="ar")

    assert fresh(world.users[persona]).preferred_language == "ar"


@pytest.mark.parametrize("persona", ["mentor", "counsellor", "teacher", "leader", "admin"])
def test_choose_language_staff_refused_a_family_language(world, persona):
    with pytest.raises(ValidationError) as refused:
        choose_language(user=world.users[persona], roles=roles_of(world.users[persona]), language="tr")

    assert "Nederlands of het Engels" in str(refused.value)
    assert fresh(world.users[persona]).preferred_language == "nl"


def test_choose_language_staff_may_choose_english(world):
    choose_language(user=world.users["mentor"], roles=roles_of(world.users["mentor"]), language="en")

    assert fresh(world.users["mentor"]).preferred_language == "en"


def test_choose_language_unknown_code_refused(world):
    with pytest.raises(ValidationError):
        choose_language(user=world.users["student"], roles=roles_of(world.users["student"]), language="xx")


def test_family_role_kinds_are_the_student_and_guardian_roles():
    # language/ sits below schools/ and names the two role kinds itself; they must stay the real ones.
    assert {RoleKind.STUDENT, RoleKind.GUARDIAN} == FAMILY_ROLE_KINDS


def test_languages_for_visitor_is_every_language():
    assert languages_for(None) == [code for code, _name in settings.LANGUAGES]


def test_language_view_saves_choice_and_goes_back(world, login):
    client = login("guardian")

    response = client.post(URL, {"language": "ar", "next": "/ouder/"})

    assert response.status_code == 302
    assert response.headers["Location"] == "/ouder/"
    assert fresh(world.users["guardian"]).preferred_language == "ar"


def test_language_view_next_elsewhere_goes_home(world, login):
    response = login("student").post(URL, {"language": "pl", "next": "https://evil.example/"})

    assert response.headers["Location"] == reverse("home")


def test_language_view_staff_refusal_shows_message(world, login):
    client = login("teacher")

    response = client.post(URL, {"language": "fa", "next": reverse("home")}, follow=True)

    assert "alleen in het Nederlands of het Engels" in response.content.decode()
    assert fresh(world.users["teacher"]).preferred_language == "nl"


def test_language_view_visitor_gets_cookie_and_arabic_login_page(db):
    client = Client()

    client.post(URL, {"language": "ar", "next": reverse("login")})
    page = client.get(reverse("login")).content.decode()

    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    assert '<html lang="ar" dir="rtl">' in page


def test_language_view_visitor_unknown_code_sets_no_cookie(db):
    client = Client()

    client.post(URL, {"language": "xx"})

    assert settings.LANGUAGE_COOKIE_NAME not in client.cookies


def test_language_chooser_names_each_language_in_itself(db):
    page = Client().get(reverse("login")).content.decode()

    assert 'lang="ar" dir="rtl" class="language-option">العربية</button>' in page
    assert 'lang="uk" dir="ltr" class="language-option">Українська</button>' in page


def test_language_chooser_staff_menu_offers_only_dutch_and_english(world, login):
    page = login("mentor").get(reverse("home:mentor")).content.decode()

    assert 'value="en" lang="en"' in page
    assert 'value="ar"' not in page


def test_language_chooser_marks_current_language(world, login):
    world.users["student"].preferred_language = "tr"
    world.users["student"].save()

    page = login("student").get(reverse("dossier:home")).content.decode()

    assert 'value="tr" lang="tr" dir="ltr" class="language-option" aria-current="true"' in page
    assert '<html lang="tr" dir="ltr">' in page
