"""Sessions: a new id at login, idle and absolute time-outs, and logging out everywhere."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from koers.accounts.models import OpenSession
from koers.accounts.signals import LOGIN_AT, SEEN_AT
from tests.factories import PASSWORD


def password_login(client: Client, username: str) -> None:
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302


def shift_session(client: Client, **seconds_back: int) -> None:
    session = client.session
    for key, back in (("login", seconds_back.get("login", 0)), ("seen", seconds_back.get("seen", 0))):
        stamp = LOGIN_AT if key == "login" else SEEN_AT
        session[stamp] = session[stamp] - back
    session.save()


def test_session_login_gives_a_new_session_id(world, client):
    session = client.session
    session["voor"] = "het inloggen"
    session.save()
    before = session.session_key
    assert client.cookies[settings.SESSION_COOKIE_NAME].value == before

    password_login(client, "mentor")

    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before
    assert not Session.objects.filter(session_key=before).exists()


def test_session_idle_too_long_logs_out_with_a_dutch_message(world, client):
    password_login(client, "mentor")
    idle = settings.KOERS_SESSION_IDLE_MINUTES * 60 + 5
    shift_session(client, login=idle, seen=idle)

    response = client.get(reverse("home:mentor"), follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("login") + "?next=")
    assert "_auth_user_id" not in client.session
    assert "niet actief en bent daarom uitgelogd" in response.content.decode()


def test_session_active_within_the_idle_time_stays_logged_in(world, client):
    password_login(client, "mentor")
    shift_session(client, login=600, seen=settings.KOERS_SESSION_IDLE_MINUTES * 60 - 60)

    response = client.get(reverse("home:mentor"))

    assert response.status_code == 200


def test_session_older_than_the_absolute_limit_logs_out_even_when_active(world, client):
    password_login(client, "mentor")
    shift_session(client, login=settings.KOERS_SESSION_MAX_HOURS * 3600 + 5)

    response = client.get(reverse("home:mentor"), follow=True)

    assert "_auth_user_id" not in client.session
    assert "al lang ingelogd" in response.content.decode()


def test_session_htmx_request_after_time_out_is_sent_to_the_login_page(world, client):
    password_login(client, "mentor")
    shift_session(client, login=settings.KOERS_SESSION_MAX_HOURS * 3600 + 5)

    response = client.get(reverse("home:mentor"), headers={"HX-Request": "true"})

    assert response.status_code == 204
    assert response.headers["HX-Redirect"].startswith(reverse("login"))


def test_session_login_is_remembered_for_logging_out_everywhere(world, client):
    password_login(client, "mentor")

    assert OpenSession.objects.filter(
        user=world.users["mentor"], session_key=client.session.session_key
    ).exists()


def test_session_logout_forgets_the_session(world, client):
    password_login(client, "mentor")
    key = client.session.session_key

    client.post(reverse("logout"))

    assert not OpenSession.objects.filter(session_key=key).exists()


def test_session_logout_everywhere_ends_the_sessions_on_other_devices(world):
    phone, laptop = Client(), Client()
    password_login(phone, "mentor")
    password_login(laptop, "mentor")

    response = laptop.post(reverse("accounts:logout_everywhere"), follow=True)

    assert "op al je apparaten uitgelogd" in response.content.decode()
    phone_key = phone.cookies[settings.SESSION_COOKIE_NAME].value
    assert not Session.objects.filter(session_key=phone_key).exists()
    assert phone.get(reverse("home:mentor")).status_code == 302


def test_session_logout_everywhere_leaves_other_people_logged_in(world):
    mine, theirs = Client(), Client()
    password_login(mine, "mentor")
    password_login(theirs, "counsellor")

    mine.post(reverse("accounts:logout_everywhere"))

    assert theirs.get(reverse("home:counsellor")).status_code == 200


@pytest.mark.parametrize("persona", ["student", "mentor"])
def test_session_security_page_offers_logging_out_everywhere(login, persona):
    page = login(persona).get(reverse("accounts:security")).content.decode()

    assert "Uitloggen op alle apparaten" in page
    assert ("Tweede stap" in page) == (persona == "mentor")
