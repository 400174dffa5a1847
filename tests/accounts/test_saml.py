"""SAML against a local identity provider (pysaml2's IdP classes, assertions signed with xmlsec1): the
federation's attributes are mapped to an imported person; unknown people and forged answers are refused."""

from __future__ import annotations

import base64
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.urls import reverse

from koers.accounts.models import ExternalIdentity
from tests.accounts.saml_idp import IDP_ENTITY_ID, IDP_SSO_URL, XMLSEC, LocalIdP, key_and_certificate

pytestmark = pytest.mark.skipif(
    not Path(XMLSEC).exists() or shutil.which("xmlsec1") is None,
    reason="SAML signatures need xmlsec1 (apt-get install xmlsec1; scripts/os-packages.sh installs it)",
)

ENTREE = {
    "uid": ["mjansen"],
    "mail": ["m.jansen@hetbaken.nl"],
    "nlEduPersonRealId": ["real-id-42@entree"],
}


@pytest.fixture
def idp(settings, tmp_path, client, world) -> Iterator[LocalIdP]:
    local = LocalIdP(tmp_path)
    sp_key, sp_cert = key_and_certificate(tmp_path, "sp")
    settings.KOERS_SAML_IDP_METADATA = str(local.metadata_path)
    settings.KOERS_SAML_SP_ENTITY_ID = "https://koers.test/saml/sp"
    settings.KOERS_PUBLIC_URL = "http://testserver"
    settings.KOERS_SAML_KEY_FILE = str(sp_key)
    settings.KOERS_SAML_CERT_FILE = str(sp_cert)
    metadata = client.get(reverse("accounts:saml_metadata"))
    assert metadata.status_code == 200
    local.trust(metadata.content)
    yield local


@pytest.fixture
def mentor_mail(world):
    mentor = world.users["mentor"]
    mentor.email = "m.jansen@hetbaken.nl"
    mentor.save(update_fields=["email"])
    return mentor


def round_trip(client, idp: LocalIdP, identity=ENTREE, **changes):
    start = client.get(reverse("accounts:saml_start"))
    assert start.headers["Location"].startswith(IDP_SSO_URL)
    form = {**idp.answer(start.headers["Location"], identity), **changes}
    return client.post(reverse("accounts:saml_acs"), form, follow=True)


def test_saml_button_is_shown_only_when_configured(world, client, settings):
    assert "Inloggen via Entree" not in client.get(reverse("login")).content.decode()


def test_saml_metadata_describes_the_assertion_consumer_service(idp, client):
    metadata = client.get(reverse("accounts:saml_metadata")).content.decode()

    assert "https://koers.test/saml/sp" in metadata
    assert "http://testserver" + reverse("accounts:saml_acs") in metadata
    assert "Inloggen via Entree" in client.get(reverse("login")).content.decode()


def test_saml_signed_assertion_logs_in_the_person_with_that_mail_and_links_them(idp, client, mentor_mail):
    response = round_trip(client, idp)

    assert int(client.session["_auth_user_id"]) == mentor_mail.pk
    assert response.redirect_chain[-1][0] == reverse("home:mentor")
    link = ExternalIdentity.objects.get(user=mentor_mail)
    assert (link.issuer, link.subject) == (IDP_ENTITY_ID, "real-id-42@entree")


def test_saml_linked_person_logs_in_by_their_real_id_without_mail(idp, client, mentor_mail):
    ExternalIdentity.objects.create(user=mentor_mail, issuer=IDP_ENTITY_ID, subject="real-id-42@entree")

    round_trip(client, idp, identity={"nlEduPersonRealId": ["real-id-42@entree"]})

    assert int(client.session["_auth_user_id"]) == mentor_mail.pk


def test_saml_unknown_person_is_refused_with_a_dutch_message(idp, client, world):
    response = round_trip(client, idp, identity={"uid": ["iemand"], "mail": ["onbekend@elders.nl"]})

    assert "_auth_user_id" not in client.session
    assert "We kennen dit account niet" in response.content.decode()


def test_saml_tampered_assertion_is_refused(idp, client, mentor_mail):
    start = client.get(reverse("accounts:saml_start"))
    form = idp.answer(start.headers["Location"], {**ENTREE, "mail": ["m.jansen@hetbaken.nl"]})
    xml = base64.b64decode(form["SAMLResponse"]).decode()
    forged = xml.replace("real-id-42@entree", "real-id-99@entree")
    assert forged != xml

    response = client.post(
        reverse("accounts:saml_acs"),
        {"SAMLResponse": base64.b64encode(forged.encode()).decode(), "RelayState": form["RelayState"]},
        follow=True,
    )

    assert "_auth_user_id" not in client.session
    assert "Inloggen via Entree is niet gelukt" in response.content.decode()


def test_saml_answer_without_our_signed_request_id_is_refused(idp, client, mentor_mail):
    response = round_trip(client, idp, RelayState="verzonnen")

    assert "_auth_user_id" not in client.session
    assert "niet gelukt" in response.content.decode()
