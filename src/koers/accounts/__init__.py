"""Logging in: passwords with lockout, single sign-on (OIDC, SAML), login cards, a second factor, sessions."""
