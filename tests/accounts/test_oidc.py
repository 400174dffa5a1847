"""OpenID Connect end to end against a local provider: the person is matched to an imported user (verified
e-mail the first time, the stored subject after that) and nobody is ever created."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from joserfc import jwt
from joserfc.jwk import RSAKey

from koers.accounts.models import ExternalIdentity
from koers.schools.models import User
from tests.accounts.oidc_provider import LocalProvider


@pytest.fixture
def provider(settings) -> Iterator[LocalProvider]:
    with LocalProvider() as local:
        with urllib.request.urlopen(f"{local.issuer}/.well-known/openid-configuration") as answer:
            discovery = json.load(answer)
        settings.OIDC_RP_CLIENT_ID = "koers"
        settings.OIDC_RP_CLIENT_SECRET = "geheim"
        settings.KOERS_OIDC_ISSUER = discovery["issuer"]
        settings.KOERS_OIDC_NAME = "Microsoft"
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = discovery["authorization_endpoint"]
        settings.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
        settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
        settings.OIDC_OP_USER_ENDPOINT = discovery["userinfo_endpoint"]
        yield local


@pytest.fixture
def mentor_mail(world) -> User:
    mentor = world.users["mentor"]
    mentor.email = "m.jansen@hetbaken.nl"
    mentor.save(update_fields=["email"])
    return mentor


def sign_in(client, provider: LocalProvider, **claims):
    """The browser's round trip: to the provider and back with a code."""
    start = client.get(reverse("accounts:oidc_start"))
    assert start.status_code == 302
    asked = parse_qs(urlsplit(start.headers["Location"]).query)
    assert start.headers["Location"].startswith(provider.issuer + "/authorize")
    code = provider.authorize(nonce=asked["nonce"][0], **claims)
    return client.get(
        reverse("accounts:oidc_callback"), {"code": code, "state": asked["state"][0]}, follow=True
    )


def test_oidc_button_is_absent_when_not_configured(world, client):
    assert "schoolaccount" not in client.get(reverse("login")).content.decode()


def test_oidc_button_is_shown_when_configured(world, client, provider):
    assert "Inloggen met je schoolaccount (Microsoft)" in client.get(reverse("login")).content.decode()


def test_oidc_verified_email_of_an_imported_person_logs_them_in_and_links_the_account(
    world, client, provider, mentor_mail
):
    response = sign_in(client, provider, sub="abc-123", email="M.Jansen@hetbaken.nl", email_verified=True)

    assert int(client.session["_auth_user_id"]) == mentor_mail.pk
    assert response.redirect_chain[-1][0] == reverse("home:mentor")
    link = ExternalIdentity.objects.get(user=mentor_mail)
    assert (link.issuer, link.subject) == (provider.issuer, "abc-123")
    assert provider.token_requests[0]["redirect_uri"][0].endswith(reverse("accounts:oidc_callback"))


def test_oidc_linked_subject_logs_in_even_after_the_email_changed(world, client, provider, mentor_mail):
    ExternalIdentity.objects.create(user=mentor_mail, issuer=provider.issuer, subject="abc-123")

    sign_in(client, provider, sub="abc-123", email="nieuw@elders.nl", email_verified=False)

    assert int(client.session["_auth_user_id"]) == mentor_mail.pk


def test_oidc_unverified_email_is_refused_with_a_dutch_message(world, client, provider, mentor_mail):
    response = sign_in(client, provider, sub="abc-123", email="m.jansen@hetbaken.nl", email_verified=False)

    assert "_auth_user_id" not in client.session
    assert "We kennen dit account niet" in response.content.decode()
    assert not ExternalIdentity.objects.exists()


def test_oidc_unknown_person_is_refused_and_never_created(world, client, provider):
    users_before = User.objects.count()

    response = sign_in(client, provider, sub="zzz", email="onbekend@elders.nl", email_verified=True)

    assert response.redirect_chain[-1][0] == reverse("login")
    assert "Koers maakt zelf geen accounts aan" in response.content.decode()
    assert User.objects.count() == users_before


def test_oidc_token_for_another_client_is_refused(world, client, provider, mentor_mail):
    sign_in(
        client,
        provider,
        sub="abc-123",
        email="m.jansen@hetbaken.nl",
        email_verified=True,
        aud="iemand-anders",
    )

    assert "_auth_user_id" not in client.session


def test_oidc_token_signed_with_another_key_is_refused(world, client, provider, mentor_mail, monkeypatch):
    impostor = RSAKey.generate_key(2048, parameters={"kid": "sleutel-1"})
    monkeypatch.setattr(
        provider, "sign", lambda claims: jwt.encode({"alg": "RS256", "kid": "sleutel-1"}, claims, impostor)
    )

    response = sign_in(client, provider, sub="abc-123", email="m.jansen@hetbaken.nl", email_verified=True)

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    assert not ExternalIdentity.objects.exists()
