"""Writes about logging in: linking external accounts, login cards, the school's login policy, sessions.

Every verb is keyword-only, validates with Dutch messages and runs in one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from koers.access.gate import require
from koers.accounts.models import ExternalIdentity, LoginCard, OpenSession, SchoolLoginPolicy
from koers.accounts.rules import can_manage_cards, can_set_login_policy
from koers.common.ratelimit import Limit
from koers.schools.models import STAFF_KINDS, Group, Role, RoleKind, School, Student, User


def UNKNOWN_PERSON_MESSAGE() -> str:
    return _(
        "We kennen dit account niet. Koers maakt zelf geen accounts aan: vraag de beheerder van je school "
        "om je account te koppelen, of log in met je gebruikersnaam en wachtwoord."
    )


# --- linked accounts (OIDC and SAML) -----------------------------------------------------------------


def match_person(*, issuer: str, subject: str, email: str, email_verified: bool) -> User | None:
    """The imported person this external account belongs to, or None; never creates anyone.

    A stored link wins. Otherwise an e-mail address the provider vouches for must belong to exactly one
    active person; the link is then stored, so a later change of address does not matter."""
    if not subject:
        return None
    linked = ExternalIdentity.objects.select_related("user").filter(issuer=issuer, subject=subject).first()
    if linked is not None:
        return linked.user if linked.user.is_active else None
    if not (email and email_verified):
        return None
    candidates = list(User.objects.filter(email__iexact=email.strip(), is_active=True)[:2])
    if len(candidates) != 1:
        return None
    user = candidates[0]
    link_identity(user=user, issuer=issuer, subject=subject)
    return user


def link_identity(*, user: User, issuer: str, subject: str) -> ExternalIdentity:
    try:
        with transaction.atomic():
            return ExternalIdentity.objects.create(user=user, issuer=issuer, subject=subject)
    except IntegrityError:
        existing = ExternalIdentity.objects.get(issuer=issuer, subject=subject)
        if existing.user_id != user.pk:
            raise ValidationError(_("Dit account is al aan iemand anders gekoppeld.")) from None
        return existing


# --- login cards -------------------------------------------------------------------------------------


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedCard:
    card: LoginCard
    token: str  # shown once, on the printed card; only its hash is stored


def _is_current_student(student: Student) -> bool:
    return student.left_on is None or student.left_on > timezone.localdate()


@transaction.atomic
def issue_card(*, student: Student, by: Role) -> IssuedCard:
    """A new card for the student; the card they had stops working."""
    require(by, can_manage_cards, student)
    if not _is_current_student(student):
        raise ValidationError(
            _("Deze leerling staat niet meer ingeschreven; er kan geen kaart worden gemaakt.")
        )
    LoginCard.objects.filter(student=student, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token = secrets.token_urlsafe(24)
    card = LoginCard.objects.create(
        school_id=student.school_id, student=student, token_hash=hash_token(token), issued_by_id=by.user_id
    )
    return IssuedCard(card=card, token=token)


def students_needing_cards(*, students: list[Student], only_missing: bool) -> list[Student]:
    """Those of ``students`` who get a card; refused when there is nobody (before anything is queued)."""
    if only_missing:
        having = set(
            LoginCard.objects.filter(student__in=students, revoked_at__isnull=True).values_list(
                "student_id", flat=True
            )
        )
        students = [s for s in students if s.pk not in having]
    current = [s for s in students if _is_current_student(s)]
    if not current:
        raise ValidationError(_("Er zijn geen leerlingen in deze groep die nog een kaart nodig hebben."))
    return current


@transaction.atomic
def issue_group_cards(
    *, group: Group, students: list[Student], by: Role, only_missing: bool
) -> list[IssuedCard]:
    """Cards for the given students of one group; with ``only_missing`` only for those without a card."""
    require(by, can_manage_cards, group)
    current = students_needing_cards(students=students, only_missing=only_missing)
    now = timezone.now()
    LoginCard.objects.filter(student__in=current, revoked_at__isnull=True).update(revoked_at=now)
    issued = []
    for student in current:
        token = secrets.token_urlsafe(24)
        issued.append((student, token))
    cards = LoginCard.objects.bulk_create(
        [
            LoginCard(school_id=group.school_id, student=s, token_hash=hash_token(t), issued_by_id=by.user_id)
            for s, t in issued
        ]
    )
    return [IssuedCard(card=c, token=t) for c, (_s, t) in zip(cards, issued, strict=True)]


@transaction.atomic
def revoke_card(*, card: LoginCard, by: Role) -> None:
    require(by, can_manage_cards, card)
    if card.revoked_at is not None:
        raise ValidationError(_("Deze kaart was al ingetrokken."))
    card.revoked_at = timezone.now()
    card.save(update_fields=["revoked_at"])


class CardRefused(Exception):
    """The card cannot log anyone in; ``message`` says why, in Dutch."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def use_card(*, token: str) -> tuple[Student, Role]:
    """The student a card logs in, with their student role; a card that does not work raises CardRefused.

    Unknown tokens raise LoginCard.DoesNotExist, so the view can answer 404 without a hint."""
    with scopes_disabled():
        card = LoginCard.objects.select_related("student__user", "school").get(token_hash=hash_token(token))
        student = card.student
        if card.revoked_at is not None:
            raise CardRefused(
                _("Deze inlogkaart werkt niet meer: hij is ingetrokken. Vraag je mentor om een nieuwe kaart.")
            )
        role = Role.objects.filter(
            user_id=student.user_id, school_id=card.school_id, kind=RoleKind.STUDENT
        ).first()
        if role is None or not student.user.is_active or not _is_current_student(student):
            raise CardRefused(_("Met deze inlogkaart kun je niet meer inloggen. Vraag je mentor om hulp."))
        LoginCard.objects.filter(pk=card.pk).update(last_used_at=timezone.now())
    return student, role


# --- the school's login policy -----------------------------------------------------------------------


def policy_of(school: School) -> SchoolLoginPolicy:
    return SchoolLoginPolicy.objects.filter(school=school).first() or SchoolLoginPolicy(school=school)


@transaction.atomic
def set_login_policy(*, school: School, staff_second_factor: bool, by: Role) -> SchoolLoginPolicy:
    require(by, can_set_login_policy, school)
    policy, _created = SchoolLoginPolicy.objects.get_or_create(school=school)
    policy.staff_second_factor = staff_second_factor
    policy.save(update_fields=["staff_second_factor"])
    return policy


def device_to_confirm(*, user: User) -> TOTPDevice:
    """The authenticator-app device the person is setting up: the one they started, or a new one."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Koers", confirmed=False)
    return device


def confirm_device(*, device: TOTPDevice, code: str) -> bool:
    """The device works once the person types a code it made; whether the code was right."""
    if not device.verify_token(code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


def needs_second_factor(user: User) -> bool:
    """Whether this person holds a staff role at a school that requires a second factor."""
    with scopes_disabled():
        return Role.objects.filter(
            user=user, kind__in=STAFF_KINDS, school__login_policy__staff_second_factor=True
        ).exists()


# --- sessions ----------------------------------------------------------------------------------------


def _session_store() -> type[SessionBase]:

    return import_string(f"{settings.SESSION_ENGINE}.SessionStore")


@transaction.atomic
def end_all_sessions(*, user: User) -> int:
    """Log the person out on every device: every session they opened by logging in is deleted."""
    store = _session_store()
    keys = list(OpenSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        store(session_key=key).delete()
    OpenSession.objects.filter(user=user).delete()
    return len(keys)


# --- password spraying -------------------------------------------------------------------------------------

LOGIN_ADDRESS_WINDOW = dt.timedelta(minutes=15)


def wrong_logins() -> Limit:
    """Failed logins per address across all usernames (one password tried on many accounts), beside axes'
    lockout of one username from one address. The ceiling (KOERS_LOGIN_ADDRESS_LIMIT) is set for a school's
    pupils behind one address mistyping at the start of a lesson."""
    return Limit("login-address", limit=settings.KOERS_LOGIN_ADDRESS_LIMIT, window=LOGIN_ADDRESS_WINDOW)


def login_refused_for(address: str) -> bool:
    return wrong_logins().exceeded(address)


def count_wrong_login(address: str) -> None:
    wrong_logins().hit(address)
