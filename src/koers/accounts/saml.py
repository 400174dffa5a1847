"""SAML for federations such as Entree, with pysaml2 as the service provider (SP).

The SP is configured from the environment (see README "Logging in"): the federation's IdP metadata file,
this SP's entity id and, optionally, a key and certificate to sign requests. Assertions must be signed.
The request id travels, signed and time-limited, in RelayState: the federation posts its answer from another
site, so the (SameSite=Lax) session cookie is not sent with it."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.urls import reverse

from koers.common.public_url import public_url

RELAY_SALT = "koers.accounts.saml"
RELAY_MAX_AGE = 600

# The attributes that identify a person, most stable first; a federation may send the OID or the name.
SUBJECT_ATTRIBUTES = (
    "nlEduPersonRealId",
    "urn:mace:dir:attribute-def:nlEduPersonRealId",
    "uid",
    "urn:mace:dir:attribute-def:uid",
)
MAIL_ATTRIBUTES = ("mail", "urn:mace:dir:attribute-def:mail", "email")


def saml_configured() -> bool:
    return bool(settings.KOERS_SAML_IDP_METADATA and settings.KOERS_SAML_SP_ENTITY_ID)


def base_url() -> str:
    """Where the federation calls back: the public address, never the host a request came in on."""
    return public_url("/").rstrip("/")


def sp_config(request: HttpRequest) -> Any:
    from saml2 import BINDING_HTTP_POST
    from saml2.config import SPConfig
    from saml2.saml import NAMEID_FORMAT_PERSISTENT

    signing_files = {}
    if settings.KOERS_SAML_KEY_FILE and settings.KOERS_SAML_CERT_FILE:
        signing_files = {"key_file": settings.KOERS_SAML_KEY_FILE, "cert_file": settings.KOERS_SAML_CERT_FILE}
    base = base_url()
    config = SPConfig()
    config.load(
        {
            "entityid": settings.KOERS_SAML_SP_ENTITY_ID,
            "xmlsec_binary": settings.KOERS_SAML_XMLSEC,
            "allow_unknown_attributes": True,
            "metadata": {"local": [settings.KOERS_SAML_IDP_METADATA]},
            "service": {
                "sp": {
                    "name": "Koers",
                    "endpoints": {
                        "assertion_consumer_service": [
                            (base + reverse("accounts:saml_acs"), BINDING_HTTP_POST)
                        ],
                    },
                    "allow_unsolicited": False,
                    "authn_requests_signed": bool(signing_files),
                    "want_assertions_signed": True,
                    "want_response_signed": False,
                    "name_id_format": NAMEID_FORMAT_PERSISTENT,
                    "requested_attributes": [],
                }
            },
            **signing_files,
        }
    )
    return config


def client(request: HttpRequest) -> Any:
    from saml2.client import Saml2Client

    return Saml2Client(config=sp_config(request))


def idp_entity_id(saml_client: Any) -> str:
    idps = list(saml_client.metadata.identity_providers())
    if len(idps) != 1:
        raise ValueError("the SAML metadata must describe exactly one identity provider")
    return str(idps[0])


def start(request: HttpRequest) -> str:
    """The URL at the identity provider to send the person to."""
    from saml2 import BINDING_HTTP_REDIRECT

    saml_client = client(request)
    request_id, info = saml_client.prepare_for_authenticate(
        entityid=idp_entity_id(saml_client), binding=BINDING_HTTP_REDIRECT, relay_state="-"
    )
    relay = signing.TimestampSigner(salt=RELAY_SALT).sign(str(request_id))
    location = dict(info["headers"])["Location"]
    # prepare_for_authenticate put a placeholder RelayState in the URL; the signed id replaces it.
    parts = urlsplit(location)
    query = [(k, relay if k == "RelayState" else v) for k, v in parse_qsl(parts.query)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def first(values: Any) -> str:
    if isinstance(values, list | tuple):
        return str(values[0]) if values else ""
    return str(values or "")


def read_response(request: HttpRequest) -> dict[str, str]:
    """Checks the posted answer (signature, audience, time, our request id) and returns who it is about.

    Raises ValueError for anything that does not check out."""
    from saml2 import BINDING_HTTP_POST

    try:
        request_id = signing.TimestampSigner(salt=RELAY_SALT).unsign(
            request.POST.get("RelayState", ""), max_age=RELAY_MAX_AGE
        )
    except signing.BadSignature as error:
        raise ValueError("RelayState is missing, forged or too old") from error
    saml_client = client(request)
    try:
        response = saml_client.parse_authn_request_response(
            request.POST.get("SAMLResponse", ""), BINDING_HTTP_POST, outstanding={request_id: "/"}
        )
    except Exception as error:  # pysaml2 raises many unrelated types for a bad answer
        raise ValueError(f"the SAML response did not check out: {error}") from error
    if response is None:
        raise ValueError("no SAML response")
    identity = response.get_identity()
    subject = next((first(identity[k]) for k in SUBJECT_ATTRIBUTES if identity.get(k)), "")
    if not subject and response.name_id is not None:
        subject = str(response.name_id.text or "")
    mail = next((first(identity[k]) for k in MAIL_ATTRIBUTES if identity.get(k)), "")
    return {"issuer": str(response.issuer()), "subject": subject, "email": mail}


def metadata_xml(request: HttpRequest) -> str:
    from saml2.metadata import entity_descriptor

    return str(entity_descriptor(sp_config(request)))
