"""Writes about the language a person reads Koers in, and which languages they may choose.

Language sits below the school structure, so it knows people only as what they are handed: a user (with
``preferred_language`` and ``simple_language``) and the roles they hold (anything with a ``kind``). The view
passes the roles the request already loaded (``request.roles``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

STAFF_LANGUAGES = ("nl", "en")
# The values of schools.models.RoleKind.STUDENT and .GUARDIAN (schools sits above language; a test checks
# that they still match).
FAMILY_ROLE_KINDS = frozenset({"student", "guardian"})


class HasKind(Protocol):
    kind: str


class Reader(Protocol):
    """A person as far as language is concerned (``schools.models.User``)."""

    preferred_language: str
    simple_language: bool

    def save(self, *, update_fields: list[str]) -> None: ...


R = TypeVar("R", bound=Reader)


def languages_for(roles: Iterable[HasKind] | None) -> list[str]:
    """The language codes a person may choose: all of settings.LANGUAGES for students, guardians and
    visitors who are not logged in (``roles`` None); Dutch and English for someone who is only staff, because
    staff screens are not translated further."""
    every = [code for code, _name in settings.LANGUAGES]
    if roles is None or any(role.kind in FAMILY_ROLE_KINDS for role in roles):
        return every
    return [code for code in every if code in STAFF_LANGUAGES]


@transaction.atomic
def choose_language(*, user: R, roles: Iterable[HasKind], language: str) -> R:
    """Save the language ``user`` (who holds ``roles``) reads Koers in; also used for e-mails to them."""
    if language not in languages_for(roles):
        if language in dict(settings.LANGUAGES):
            raise ValidationError(
                {"language": _("Medewerkers kunnen Koers alleen in het Nederlands of het Engels gebruiken.")}
            )
        raise ValidationError({"language": _("Kies een van de talen uit de lijst.")})
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return user


def choose_simple_language(*, user: R, on: bool) -> R:
    """Switch simple language on or off for ``user``: it follows them to every device they log in on."""
    if user.simple_language != on:
        user.simple_language = on
        user.save(update_fields=["simple_language"])
    return user
