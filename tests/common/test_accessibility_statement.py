"""The accessibility statement: public, in Dutch, with the contact for reporting a problem."""

from __future__ import annotations

import shutil

from django.urls import reverse

from koers.common import speech


def test_accessibility_statement_is_public(client, db):
    response = client.get(reverse("accessibility"))

    assert response.status_code == 200
    assert "Toegankelijkheid van Koers" in response.content.decode()


def test_accessibility_statement_names_the_norm_limits_and_how_to_report(client, db):
    page = client.get(reverse("accessibility")).content.decode()

    assert "WCAG 2.2" in page
    assert "Wat nog niet goed werkt" in page
    assert "Een probleem melden" in page


def test_accessibility_statement_shows_the_configured_contact_address(client, db, settings):
    settings.KOERS_ACCESSIBILITY_CONTACT = "toegankelijkheid@school.example"

    page = client.get(reverse("accessibility")).content.decode()

    assert 'href="mailto:toegankelijkheid@school.example"' in page


def test_accessibility_statement_without_contact_sends_people_to_their_school(client, db, settings):
    settings.KOERS_ACCESSIBILITY_CONTACT = ""

    page = client.get(reverse("accessibility")).content.decode()

    assert "mailto:" not in page
    assert "mentor" in page


def test_accessibility_statement_shows_the_date_of_the_last_check(client, db):
    page = client.get(reverse("accessibility")).content.decode()

    assert "Voor het laatst gecontroleerd op 22 november 2026" in page


def test_accessibility_statement_says_read_aloud_is_off_where_espeak_is_missing(client, db, monkeypatch):
    real_which = shutil.which
    monkeypatch.setattr(
        speech.shutil, "which", lambda n, *a, **k: None if n == "espeak-ng" else real_which(n)
    )

    page = client.get(reverse("accessibility")).content.decode()

    assert "staat dat nu uit" in page


def test_every_page_links_to_the_accessibility_statement(login):
    page = login("student").get(reverse("dossier:home")).content.decode()

    assert f'href="{reverse("accessibility")}"' in page
