"""Inviting guardians: who may invite whom, making invitations (e-mail link or printed letter with a code),
adding a guardian by hand, and activating access with a code or link.

Every write is a keyword-only verb that validates with Dutch messages and runs in one transaction. Only
hashes of codes and tokens are stored; the secret itself is shown once (in the e-mail or on the letter).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from koers.access.audit import leaves_trace, record_change
from koers.access.gate import require
from koers.accounts.models import ExternalIdentity, GuardianInvitation, InvitationKind
from koers.accounts.queries import invitable_guardianships
from koers.accounts.rules import can_invite_guardians, can_invite_guardians_of
from koers.common.ratelimit import Limit
from koers.schools.models import Guardianship, Role, RoleKind, Student, User

VALID_FOR = dt.timedelta(days=14)
# No 0/O, 1/I/L: a code is typed over from paper.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_PREFIX = "KRS"
CODE_LENGTH = 8
# Guessing codes is counted twice, where every web process sees it (koers.common.ratelimit). Per address, with
# a ceiling a parents' evening behind one school address does not reach, so one network cannot lock everyone
# out while one address still gets nowhere guessing. Per code prefix (the first two letters after KRS), across
# all addresses, so guessing from many addresses at once is slowed as well; a pause there stops only the codes
# that start with those letters (1 in 961), not every letter.
WRONG_CODES_PER_ADDRESS = Limit("letter-code-address", limit=30, window=dt.timedelta(minutes=15))
WRONG_CODES_PER_PREFIX = Limit("letter-code-prefix", limit=10, window=dt.timedelta(minutes=15))
PREFIX_LENGTH = 2


# --- codes and tokens ------------------------------------------------------------------------------------


def normalise_code(code: str) -> str:
    """What a person typed, as the code it stands for: case, spaces, dashes and the prefix do not matter."""
    cleaned = "".join(ch for ch in (code or "").upper() if ch.isalnum())
    if cleaned.startswith(CODE_PREFIX) and len(cleaned) == len(CODE_PREFIX) + CODE_LENGTH:
        cleaned = cleaned[len(CODE_PREFIX) :]
    return cleaned


def hash_secret(value: str) -> str:
    return hashlib.sha256(f"koers-invitation:{value}".encode()).hexdigest()


def new_code() -> str:
    letters = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{CODE_PREFIX}-{letters[:4]}-{letters[4:]}"


@dataclass(frozen=True)
class IssuedInvitation:
    invitation: GuardianInvitation
    code: str  # printed on the letter
    token: str  # in the e-mail link

    @property
    def guardian(self) -> User:
        return self.invitation.guardian


# --- writes ----------------------------------------------------------------------------------------------


def _require_inviter(by: Role, guardianships: list[Guardianship]) -> None:
    """Every one of them must be the role's to invite (one query); anything else is refused (a 404)."""
    require(by, can_invite_guardians)
    wanted = {g.pk for g in guardianships}
    if invitable_guardianships(by).filter(pk__in=wanted).count() != len(wanted):
        raise PermissionDenied


def _issue(*, guardianship: Guardianship, kind: str, by: Role, now: dt.datetime) -> IssuedInvitation:
    code, token = new_code(), secrets.token_urlsafe(24)
    invitation = GuardianInvitation.objects.create(
        school_id=by.school_id,
        guardian=guardianship.guardian,
        student=guardianship.student,
        created_by_id=by.user_id,
        kind=kind,
        code_hash=hash_secret(normalise_code(code)),
        token_hash=hash_secret(token),
        expires_at=now + VALID_FOR,
    )
    return IssuedInvitation(invitation=invitation, code=code, token=token)


def renew_secrets(invitation: GuardianInvitation) -> IssuedInvitation:
    """A fresh code and link for an open invitation, made where they are printed or mailed (the worker),
    because only their hashes are stored: the ones made with the invitation were never shown."""
    code, token = new_code(), secrets.token_urlsafe(24)
    invitation.code_hash = hash_secret(normalise_code(code))
    invitation.token_hash = hash_secret(token)
    invitation.save(update_fields=["code_hash", "token_hash"])
    return IssuedInvitation(invitation=invitation, code=code, token=token)


@transaction.atomic
def invite(*, guardianships: list[Guardianship], kind: str, by: Role) -> list[IssuedInvitation]:
    """New invitations (one per guardian); older open invitations of those guardians stop working.

    E-mail invitations need an address: guardians without one are refused as a whole, so nothing is half
    done."""
    if kind not in InvitationKind.values:
        raise ValidationError(_("Kies hoe je de uitnodiging wilt versturen."))
    if not guardianships:
        raise ValidationError(_("Kies eerst een of meer ouders/verzorgers."))
    _require_inviter(by, guardianships)
    if kind == InvitationKind.EMAIL:
        missing = [g.guardian for g in guardianships if not g.guardian.email]
        if missing:
            raise ValidationError(
                _("Van %(names)s is geen e-mailadres bekend. Maak voor hen een brief.")
                % {"names": ", ".join(_name(u) for u in missing)}
            )
    now = timezone.now()
    seen: set[int] = set()
    unique = []
    for guardianship in guardianships:
        if guardianship.guardian_id not in seen:
            seen.add(guardianship.guardian_id)
            unique.append(guardianship)
    GuardianInvitation.objects.filter(
        guardian_id__in=seen, school_id=by.school_id, used_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    return [_issue(guardianship=g, kind=kind, by=by, now=now) for g in unique]


@leaves_trace
@transaction.atomic
def add_guardian(
    *,
    by: Role,
    student: Student,
    first_name: str,
    last_name: str,
    email: str = "",
    language: str = "nl",
    has_authority: bool = True,
) -> Guardianship:
    """A guardian added by hand (someone the import did not bring), linked to the child. They get no
    password: they set one when they use their invitation."""
    require(by, can_invite_guardians_of, student)
    first_name, last_name, email = first_name.strip(), last_name.strip(), email.strip().lower()
    errors = {}
    if not first_name and not last_name:
        errors["last_name"] = _("Vul de naam van de ouder/verzorger in.")
    if language not in dict(settings.LANGUAGES):
        errors["language"] = _("Kies een taal uit de lijst.")
    if email and User.objects.filter(email__iexact=email).exists():
        errors["email"] = _(
            "Er is al iemand met dit e-mailadres. Nodig die persoon uit vanuit de lijst met ouders."
        )
    if errors:
        raise ValidationError(errors)
    guardian = User(
        username=_free_username(first_name, last_name),
        first_name=first_name,
        last_name=last_name,
        email=email,
        preferred_language=language,
    )
    guardian.set_unusable_password()
    guardian.save()
    Role.objects.get_or_create(user=guardian, school_id=by.school_id, kind=RoleKind.GUARDIAN)
    guardianship = Guardianship.objects.create(
        school_id=student.school_id, guardian=guardian, student=student, has_authority=has_authority
    )
    record_change(by=by, student=student, change="guardianship.added", subject=_name(guardian))
    return guardianship


def _name(user: User) -> str:
    return user.get_full_name() or user.username


def _free_username(first_name: str, last_name: str) -> str:

    base = slugify(f"{first_name}.{last_name}").replace("-", ".")[:30] or "ouder"
    with scopes_disabled():
        taken = set(User.objects.filter(username__startswith=base).values_list("username", flat=True))
    if base not in taken:
        return base
    number = 2
    while f"{base}{number}" in taken:
        number += 1
    return f"{base}{number}"


@transaction.atomic
def revoke_invitation(*, invitation: GuardianInvitation, by: Role) -> None:
    require(by, can_invite_guardians, invitation)
    if invitation.used_at is not None:
        raise ValidationError(_("Deze uitnodiging is al gebruikt; intrekken kan niet meer."))
    if invitation.revoked_at is not None:
        raise ValidationError(_("Deze uitnodiging was al ingetrokken."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


# --- activating ------------------------------------------------------------------------------------------


class InvitationRefused(Exception):
    """The code or link does not (or no longer) work; ``message`` says why, in the active language."""

    def __init__(self, message: str, *, field: str = "code"):
        super().__init__(message)
        self.message = message
        self.field = field


def _prefix(*, code: str, token: str) -> str:
    return f"token:{token[:PREFIX_LENGTH]}" if token else f"code:{normalise_code(code)[:PREFIX_LENGTH]}"


def too_many_attempts(address: str, prefix: str = "") -> bool:
    return WRONG_CODES_PER_ADDRESS.exceeded(address) or (
        bool(prefix) and WRONG_CODES_PER_PREFIX.exceeded(prefix)
    )


def _count_failure(address: str, prefix: str) -> None:
    WRONG_CODES_PER_ADDRESS.hit(address)
    WRONG_CODES_PER_PREFIX.hit(prefix)


def _refusal_for(invitation: GuardianInvitation, now: dt.datetime) -> InvitationRefused | None:
    if invitation.used_at is not None:
        return InvitationRefused(
            _(
                "Deze code is al gebruikt. Heb je al een wachtwoord gemaakt? Log dan in. "
                "Lukt dat niet, vraag de school om een nieuwe brief."
            )
        )
    if invitation.revoked_at is not None:
        return InvitationRefused(
            _("Deze code werkt niet meer, omdat de school een nieuwe uitnodiging heeft gemaakt.")
        )
    if invitation.expires_at <= now:
        return InvitationRefused(
            _("Deze code is verlopen. Vraag de school om een nieuwe uitnodiging; dat kost maar even.")
        )
    return None


def find_invitation(*, code: str = "", token: str = "", address: str) -> GuardianInvitation:
    """The open invitation a code or link stands for; otherwise InvitationRefused with a clear message.

    Wrong guesses count per address and per code prefix: past either limit, every code from that address
    (or with that prefix) is refused for a while, right or wrong, so guessing gets nowhere."""
    prefix = _prefix(code=code, token=token)
    if too_many_attempts(address, prefix):
        raise InvitationRefused(
            _(
                "Er is te vaak een verkeerde code geprobeerd. Wacht een kwartier en probeer het dan opnieuw. "
                "Lukt het daarna nog niet, vraag de school om hulp."
            )
        )
    with scopes_disabled():
        lookup = (
            {"token_hash": hash_secret(token)} if token else {"code_hash": hash_secret(normalise_code(code))}
        )
        invitation = (
            GuardianInvitation.objects.select_related("guardian", "school", "student__user")
            .filter(**lookup)
            .first()
            if (token or normalise_code(code))
            else None
        )
    if invitation is None:
        _count_failure(address, prefix)
        raise InvitationRefused(
            _("Deze code kennen we niet. Kijk goed of je hem precies zo hebt overgenomen als op de brief.")
        )
    refusal = _refusal_for(invitation, timezone.now())
    if refusal is not None:
        raise refusal
    return invitation


def has_account(user: User) -> bool:
    """Whether the person can already log in: a password of their own or a linked school login. An
    invitation never sets credentials for such a person (it would take the account over)."""
    with scopes_disabled():
        return user.has_usable_password() or ExternalIdentity.objects.filter(user_id=user.pk).exists()


def already_has_account() -> InvitationRefused:
    return InvitationRefused(
        _(
            "U heeft al een account bij Koers. Log in met uw eigen gegevens en vul daarna deze code in: "
            "dan komt uw kind bij uw account."
        )
    )


@leaves_trace
def link_to_account(*, invitation: GuardianInvitation, user: User) -> Role:
    """A guardian who already has an account, logged in, uses their code: the invitation is used up and the
    child is theirs at the inviting school. Their username and password stay exactly as they were."""
    if invitation.guardian_id != user.pk:
        raise InvitationRefused(
            _(
                "Deze code hoort bij een ander account. Log uit en log in als de ouder of verzorger voor "
                "wie de brief is, of vraag de school om hulp."
            )
        )
    with scopes_disabled(), transaction.atomic():
        fresh = GuardianInvitation.objects.select_for_update().get(pk=invitation.pk)
        refusal = _refusal_for(fresh, timezone.now())
        if refusal is not None:
            raise refusal
        fresh.used_at = timezone.now()
        fresh.save(update_fields=["used_at"])
        role, _created = Role.objects.get_or_create(
            user=user, school_id=invitation.school_id, kind=RoleKind.GUARDIAN
        )
        record_change(by=role, student=invitation.student, change="guardianship.linked", subject=_name(user))
    return role


@leaves_trace
def activate(
    *, invitation: GuardianInvitation, username: str, password: str, language: str
) -> tuple[User, Role]:
    """The guardian sets a username, password and language; the invitation is used up. Returns the user
    and their guardian role at the inviting school. Only for a guardian without an account: anyone who can
    log in already links the code to their account after logging in (``link_to_account``)."""
    if has_account(invitation.guardian):
        raise already_has_account()
    username = username.strip()
    errors: dict[str, list[str]] = {}
    if language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Kies een taal uit de lijst.")]
    guardian = invitation.guardian
    with scopes_disabled():
        if not username:
            errors["username"] = [_("Kies een gebruikersnaam.")]
        elif User.objects.filter(username__iexact=username).exclude(pk=guardian.pk).exists():
            errors["username"] = [_("Deze gebruikersnaam is al bezet. Kies een andere.")]
        try:
            validate_password(password, user=guardian)
        except ValidationError as error:
            errors["password"] = list(error.messages)
        if errors:
            raise ValidationError(errors)
        with transaction.atomic():
            # Lock the row: two people using the same code at once cannot both succeed.
            fresh = GuardianInvitation.objects.select_for_update().get(pk=invitation.pk)
            refusal = _refusal_for(fresh, timezone.now())
            if refusal is not None:
                raise refusal
            fresh.used_at = timezone.now()
            fresh.save(update_fields=["used_at"])
            guardian.username = username
            guardian.preferred_language = language
            guardian.is_active = True
            guardian.set_password(password)
            guardian.save(update_fields=["username", "preferred_language", "is_active", "password"])
            role, _created = Role.objects.get_or_create(
                user=guardian, school_id=invitation.school_id, kind=RoleKind.GUARDIAN
            )
            record_change(
                by=role, student=invitation.student, change="guardianship.linked", subject=_name(guardian)
            )
    return guardian, role
