"""Username and password: the login form, the lockout after repeated failures, and password reset by mail."""

from __future__ import annotations

import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def post_login(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_with_the_right_password_goes_home(world, client):
    response = post_login(client, "mentor", PASSWORD)

    assert response.status_code == 302
    assert response.headers["Location"] == reverse("home")


def test_login_page_shows_dutch_labels_and_a_reset_link(world, client):
    page = client.get(reverse("login")).content.decode()

    assert "Gebruikersnaam" in page
    assert "Wachtwoord" in page
    assert reverse("accounts:password_reset") in page


def test_login_with_a_wrong_password_stays_on_the_form_with_a_message(world, client):
    response = post_login(client, "mentor", "fout")

    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()


def test_login_locked_out_after_five_failures_shows_a_dutch_message_on_the_login_page(world, client):
    for _ in range(4):
        assert post_login(client, "mentor", "fout").status_code == 200

    response = post_login(client, "mentor", "fout")

    page = response.content.decode()
    assert response.status_code == 429
    assert "te vaak een verkeerd wachtwoord" in page
    assert "15 minuten" in page
    assert 'name="username"' in page  # the login page itself, not a bare refusal


def test_login_locked_out_refuses_even_the_right_password(world, client):
    for _ in range(5):
        post_login(client, "mentor", "fout")

    response = post_login(client, "mentor", PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_login_lockout_is_per_username(world, client):
    for _ in range(5):
        post_login(client, "mentor", "fout")

    response = post_login(client, "counsellor", PASSWORD)

    assert response.status_code == 302


def test_behind_a_trusted_proxy_the_lockout_is_per_client_not_per_proxy(world, settings):
    # Every request arrives from the proxy's address; the client's is the one the proxy added.
    settings.KOERS_TRUSTED_PROXIES = 1
    guesser, mentor = Client(REMOTE_ADDR="10.0.0.2"), Client(REMOTE_ADDR="10.0.0.2")
    for _ in range(5):
        guesser.post(
            reverse("login"),
            {"username": "mentor", "password": "fout"},
            HTTP_X_FORWARDED_FOR="203.0.113.5",
        )

    response = mentor.post(
        reverse("login"),
        {"username": "mentor", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )

    assert response.status_code == 302
    assert AccessAttempt.objects.filter(ip_address="203.0.113.5").exists()


def test_a_forwarded_value_that_is_no_address_is_recorded_without_one(world, settings):
    settings.KOERS_TRUSTED_PROXIES = 1
    client = Client(REMOTE_ADDR="10.0.0.2")

    response = client.post(
        reverse("login"), {"username": "mentor", "password": "fout"}, HTTP_X_FORWARDED_FOR="geen-adres"
    )

    assert response.status_code == 200  # the login page with its message, not a server error
    assert AccessAttempt.objects.get(username="mentor").ip_address is None


def test_login_success_resets_the_failure_count(world, client):
    for _ in range(4):
        post_login(client, "mentor", "fout")

    post_login(client, "mentor", PASSWORD)

    assert not AccessAttempt.objects.filter(username="mentor").exists()


def test_login_client_login_without_request_still_works(world, client):
    # Commands and tests call authenticate() without a request; the lockout check must not refuse them.
    assert client.login(username="mentor", password=PASSWORD)


# --- password reset ---


def set_email(world, persona: str, address: str) -> None:
    user = world.users[persona]
    user.email = address
    user.save(update_fields=["email"])


def test_password_reset_mails_a_dutch_link_to_a_known_address(
    world, client, django_capture_on_commit_callbacks
):
    set_email(world, "mentor", "mentor@school.nl")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "mentor@school.nl"})

    assert response.headers["Location"] == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Een nieuw wachtwoord voor Koers"
    assert "kies een nieuw wachtwoord" in mail.outbox[0].body


def test_password_reset_unknown_address_answers_the_same_and_sends_nothing(
    world, client, django_capture_on_commit_callbacks
):
    set_email(world, "mentor", "mentor@school.nl")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:password_reset"), {"email": "niemand@school.nl"})

    assert response.headers["Location"] == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_password_reset_link_sets_a_new_password(world, client, django_capture_on_commit_callbacks):
    set_email(world, "mentor", "mentor@school.nl")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "mentor@school.nl"})
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Zonnebloem-Rivier-42", "new_password2": "Zonnebloem-Rivier-42"},
    )

    assert response.headers["Location"] == reverse("accounts:password_reset_complete")
    world.users["mentor"].refresh_from_db()
    assert world.users["mentor"].check_password("Zonnebloem-Rivier-42")


def test_password_reset_link_that_does_not_work_is_a_404_with_a_dutch_message(world, client):
    url = reverse("accounts:password_reset_confirm", kwargs={"uidb64": "MQ", "token": "oud"})

    response = client.get(url)

    assert response.status_code == 404
    assert "Deze link werkt niet meer" in response.content.decode()
