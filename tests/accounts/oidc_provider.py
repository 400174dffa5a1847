"""A tiny OpenID Connect provider for the tests: discovery, JWKS and token endpoints served over HTTP from a
thread, ID tokens signed with RS256 by joserfc. The test plays the browser at the authorization step."""

from __future__ import annotations

import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from joserfc import jwt
from joserfc.jwk import RSAKey


class LocalProvider:
    def __init__(self, client_id: str = "koers") -> None:
        self.client_id = client_id
        self.key = RSAKey.generate_key(2048, parameters={"kid": "sleutel-1", "use": "sig"})
        self.codes: dict[str, dict[str, Any]] = {}
        self.token_requests: list[dict[str, list[str]]] = []
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def _json(self, body: dict[str, Any], status: int = 200) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path == "/.well-known/openid-configuration":
                    self._json(provider.discovery())
                elif self.path == "/jwks":
                    self._json({"keys": [provider.key.as_dict(private=False)]})
                else:
                    self._json({"error": "not_found"}, 404)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                form = parse_qs(self.rfile.read(length).decode())
                provider.token_requests.append(form)
                claims = provider.codes.pop(form.get("code", [""])[0], None)
                if self.path != "/token" or claims is None or form.get("client_secret") != ["geheim"]:
                    self._json({"error": "invalid_grant"}, 400)
                    return
                self._json(
                    {"id_token": provider.sign(claims), "access_token": "toegang", "token_type": "Bearer"}
                )

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LocalProvider:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()

    def discovery(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode({"alg": "RS256", "kid": "sleutel-1"}, claims, self.key)

    def authorize(self, *, nonce: str, **claims: Any) -> str:
        """What the provider does after the person logged in there: a one-time code for these claims."""
        code = secrets.token_urlsafe(12)
        self.codes[code] = {
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": 1_700_000_000,
            "exp": 4_000_000_000,
            "nonce": nonce,
            **claims,
        }
        return code
