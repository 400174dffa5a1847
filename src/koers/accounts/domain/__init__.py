"""Writes of logging in (``logins``: linked accounts, login cards, the login policy, second factor,
sessions) and of guardian invitations (``invitations``)."""
