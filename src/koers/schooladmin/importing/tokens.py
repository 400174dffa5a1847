"""Import keys: the school's export script uploads its file with a key instead of a person logging in.

The admin creates a key with a name and sees it once; Koers keeps only its SHA-256 hash and its first
characters (to recognise it in the list). A key can be revoked; it is then refused like an unknown one. Every
accepted upload is recorded as an import run with the key's name (the audit the admin reads on the runs
page) and the key's last use. Uploads are counted per key (``UPLOADS``) and unknown keys per address
(``WRONG_KEYS``) in the shared rate-limit counters (``common/ratelimit.py``). Unknown keys and refusals by a
limit are logged, not stored (a flood never fills the database).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from koers.access.gate import require
from koers.access.tenancy import school_scope
from koers.common.ratelimit import Limit
from koers.schooladmin.importing.presets import MANUAL, PRESETS
from koers.schooladmin.importing.runs import unattended_import
from koers.schooladmin.rules import can_import
from koers.schools.models import ImportRun, ImportToken, ImportVia, Role

logger = logging.getLogger("koers.import")

KEY_PREFIX = "koers_imp_"  # makes a leaked key recognisable (secret scanners, logs)
MAX_NAME = 80
MAX_ACTIVE = 10  # keys that are not revoked, per school
# A weekly (or nightly) script uploads a few times a day; a loop gone wrong is stopped after a dozen.
UPLOADS = Limit("import-uploads", limit=12, window=dt.timedelta(hours=1))
# Unknown or revoked keys per address, then that address is refused every key for the rest of the window.
WRONG_KEYS = Limit("import-keys", limit=20, window=dt.timedelta(minutes=15))


def digest_of(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_import_token(*, by: Role, name: str, preset: str) -> tuple[ImportToken, str]:
    """A new key for the admin's school; the key itself is returned once and never stored."""
    require(by, can_import)
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(
            {"name": _("Geef de sleutel een naam, bijvoorbeeld het script dat hem gebruikt.")}
        )
    if len(name) > MAX_NAME:
        raise ValidationError(
            {
                "name": _("Deze naam is %(length)s tekens lang; hoogstens %(max)s.")
                % {"length": len(name), "max": MAX_NAME}
            }
        )
    if preset not in PRESETS and preset != MANUAL:
        raise ValidationError({"preset": _("Kies wat voor export het script stuurt.")})
    active = ImportToken.objects.filter(school_id=by.school_id, revoked_at__isnull=True)
    if active.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("Er is al een sleutel met deze naam. Kies een andere naam.")})
    if active.count() >= MAX_ACTIVE:
        raise ValidationError(
            _("Deze school heeft al %(max)s sleutels. Trek eerst een sleutel in die niet meer nodig is.")
            % {"max": MAX_ACTIVE}
        )
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ImportToken.objects.create(
        school_id=by.school_id,
        name=name,
        preset=preset,
        digest=digest_of(key),
        hint=key[len(KEY_PREFIX) : len(KEY_PREFIX) + 6],
        created_by_id=by.user_id,
    )
    logger.info("import key %s created at school %s by user %s", token.pk, by.school_id, by.user_id)
    return token, key


@transaction.atomic
def revoke_import_token(*, token: ImportToken, by: Role) -> ImportToken:
    """From now on the key is refused like an unknown one; it stays in the list and in the runs."""
    require(by, can_import, token)
    ImportToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db(fields=["revoked_at"])
    logger.info("import key %s revoked at school %s by user %s", token.pk, by.school_id, by.user_id)
    return token


def token_for_key(key: str, *, address: str) -> ImportToken | None:
    """The key's token when it exists and is not revoked; None otherwise (the caller answers 401), counted
    against ``address``. ``TooManyUploads`` when the address sent too many unknown keys already."""
    if WRONG_KEYS.exceeded(address):
        raise TooManyUploads
    token = None
    if key.startswith(KEY_PREFIX) and len(key) <= 200:
        with scopes_disabled():
            token = (
                ImportToken.objects.filter(digest=digest_of(key), revoked_at__isnull=True)
                .select_related("school")
                .first()
            )
    if token is None:
        WRONG_KEYS.hit(address)
        logger.warning("import upload with an unknown or revoked key (%s…)", key[len(KEY_PREFIX) :][:6])
    return token


class TooManyUploads(Exception):
    """Over a limit: this key's uploads (``UPLOADS``) or this address's unknown keys (``WRONG_KEYS``)."""


def _count_upload(token: ImportToken) -> None:
    count = UPLOADS.hit(f"token:{token.pk}")
    if count > UPLOADS.limit:
        logger.warning("import key %s over its upload limit (%s in the window)", token.pk, count)
        raise TooManyUploads


def upload_with_token(
    *, token: ImportToken, filename: str, data: bytes, preset: str, apply: bool, today: dt.date | None = None
) -> ImportRun:
    """What ``koers import`` does, for an upload with a key: the same preview, applied only when asked and
    when no safety threshold is crossed; recorded as a run "by key NAME". ``TooManyUploads`` above the
    limit (nothing recorded then)."""
    _count_upload(token)
    with school_scope(token.school):
        ImportToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return unattended_import(
            school=token.school,
            filename=filename or "upload.csv",
            data=data,
            preset=preset,
            apply=apply,
            via=ImportVia.UPLOAD,
            token=token,
            today=today,
        )
