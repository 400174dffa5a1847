"""Authentication backends: the lockout check, and OpenID Connect matched to already imported people."""

from __future__ import annotations

import logging
from typing import Any

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from koers.access.tenancy import user_with_roles
from koers.accounts.domain import logins as domain

logger = logging.getLogger(__name__)


class UserWithRoles:
    """``get_user`` that loads the person's roles with them: one query instead of two on every logged-in
    request (see ``koers.access.tenancy.user_with_roles``)."""

    def get_user(self, user_id: Any) -> Any:
        user = user_with_roles(user_id)
        return user if user is not None and user.is_active else None


class LockoutBackend(UserWithRoles, AxesStandaloneBackend):
    """Axes' lockout check; without a request (a command, ``Client.login`` in a test) there is no address to
    lock out, so it stays out of the way instead of refusing. (A session names it when a test logs in with
    ``force_login``, which picks the first backend.)"""

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> Any:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


class PasswordBackend(UserWithRoles, ModelBackend):
    """Django's username and password check, with the roles loaded with the user.

    Also the backend named by the other ways in (login card, invitation, SAML), which check the person
    themselves and then log them in through this one."""


def oidc_configured() -> bool:
    return bool(
        settings.OIDC_RP_CLIENT_ID
        and settings.OIDC_OP_AUTHORIZATION_ENDPOINT
        and settings.OIDC_OP_TOKEN_ENDPOINT
        and settings.OIDC_OP_JWKS_ENDPOINT
    )


class SchoolOIDCBackend(UserWithRoles, OIDCAuthenticationBackend):
    """Logs in a person the school already imported, never creates one.

    The person is found by an earlier link (issuer + subject) or, the first time, by an e-mail address the
    provider says it verified; the link is then stored. Claims come from the signed ID token itself."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.configured = oidc_configured()
        if self.configured:
            super().__init__(*args, **kwargs)

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        if not self.configured or request is None or "code" not in request.GET:
            return None
        return super().authenticate(request, **kwargs)

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> dict[str, Any]:
        return payload

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        issuer = settings.KOERS_OIDC_ISSUER
        audience = claims.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        return (
            bool(claims.get("sub"))
            and (not issuer or claims.get("iss") == issuer)
            and settings.OIDC_RP_CLIENT_ID in audiences
        )

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            raise SuspiciousOperation("ID token claims do not belong to this client or issuer")
        user = domain.match_person(
            issuer=str(claims.get("iss", "")),
            subject=str(claims["sub"]),
            email=str(claims.get("email", "")),
            email_verified=claims.get("email_verified") is True,
        )
        if user is None:
            messages.error(self.request, domain.UNKNOWN_PERSON_MESSAGE())
            logger.info("OIDC login refused: no imported person matches")
        return user

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:  # pragma: no cover - not used
        raise NotImplementedError
