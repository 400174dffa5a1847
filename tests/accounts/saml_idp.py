"""A local SAML identity provider for the tests, built from pysaml2's own IdP classes: it reads Koers'
AuthnRequest and answers with a real assertion signed by xmlsec1, as a federation such as Entree would."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

IDP_ENTITY_ID = "https://idp.test/saml/idp"
IDP_SSO_URL = "https://idp.test/saml/sso"
XMLSEC = "/usr/bin/xmlsec1"


def key_and_certificate(folder: Path, name: str) -> tuple[Path, Path]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = folder / f"{name}.key", folder / f"{name}.crt"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


class LocalIdP:
    def __init__(self, folder: Path):
        self.folder = folder
        self.key, self.cert = key_and_certificate(folder, "idp")
        self.metadata_path = folder / "idp-metadata.xml"
        self.metadata_path.write_text(self._metadata())
        self.server: Any = None

    def _config(self, sp_metadata: Path | None) -> Any:
        from saml2 import BINDING_HTTP_REDIRECT
        from saml2.config import IdPConfig
        from saml2.saml import NAME_FORMAT_BASIC, NAMEID_FORMAT_PERSISTENT

        config = IdPConfig()
        config.load(
            {
                "entityid": IDP_ENTITY_ID,
                "xmlsec_binary": XMLSEC,
                "key_file": str(self.key),
                "cert_file": str(self.cert),
                "metadata": {"local": [str(sp_metadata)]} if sp_metadata else {},
                "service": {
                    "idp": {
                        "endpoints": {"single_sign_on_service": [(IDP_SSO_URL, BINDING_HTTP_REDIRECT)]},
                        "name_id_format": [NAMEID_FORMAT_PERSISTENT],
                        "policy": {"default": {"lifetime": {"minutes": 15}, "name_form": NAME_FORMAT_BASIC}},
                    }
                },
            }
        )
        return config

    def _metadata(self) -> str:
        from saml2.metadata import entity_descriptor

        return str(entity_descriptor(self._config(None)))

    def trust(self, sp_metadata_xml: bytes) -> None:
        """Read Koers' SP metadata, as a federation does when a service joins."""
        from saml2.server import Server

        path = self.folder / "sp-metadata.xml"
        path.write_bytes(sp_metadata_xml)
        self.server = Server(config=self._config(path))

    def answer(
        self, redirect_url: str, identity: dict[str, list[str]], *, subject: str = "persistent-1"
    ) -> dict[str, str]:
        """The person logged in at the IdP: the form fields their browser posts back to Koers."""
        from saml2 import BINDING_HTTP_REDIRECT
        from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID

        query = parse_qs(urlsplit(redirect_url).query)
        request = self.server.parse_authn_request(query["SAMLRequest"][0], BINDING_HTTP_REDIRECT)
        args = self.server.response_args(request.message)
        response = self.server.create_authn_response(
            identity,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=subject),
            authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"},
            sign_assertion=True,
            sign_response=True,
            in_response_to=args["in_response_to"],
            destination=args["destination"],
            sp_entity_id=args["sp_entity_id"],
        )
        return {
            "SAMLResponse": base64.b64encode(str(response).encode()).decode(),
            "RelayState": query["RelayState"][0],
        }
