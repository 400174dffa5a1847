"""``{% fragment_once %}`` (the navigation in base.html) is kept per role kind and language, not mixed."""

from __future__ import annotations

from django.template import engines
from django.urls import reverse
from django.utils import translation

NAV = engines["django"].from_string('{% load fragments %}{% fragment_once "nav.html" kind=kind %}')


def test_each_role_kind_and_language_gets_its_own_navigation(db):
    with translation.override("nl"):
        mentor_nl = NAV.render({"kind": "mentor"})
        student_nl = NAV.render({"kind": "student"})
    with translation.override("en"):
        mentor_en = NAV.render({"kind": "mentor"})
    with translation.override("nl"):
        mentor_nl_again = NAV.render({"kind": "mentor"})

    assert reverse("home:mentor") in mentor_nl and reverse("home:mentor") not in student_nl
    assert reverse("dossier:home") in student_nl and reverse("dossier:home") not in mentor_nl
    assert "Mijn groepen" in mentor_nl and "Mijn groepen" not in mentor_en
    assert mentor_nl_again == mentor_nl


def test_the_pages_show_the_navigation_of_the_active_role(login):
    mentor = login("mentor").get(reverse("home:mentor")).content.decode()
    student = login("student").get(reverse("dossier:home")).content.decode()

    assert f'href="{reverse("conversations:mirror")}"' in mentor
    assert f'href="{reverse("conversations:mirror")}"' not in student
    assert f'href="{reverse("dossier:timeline")}"' in student
