"""The workplace supervisor's personal link: no account, one internship, an expiry date, revocable,
rate-limited when guessed, and every use audited (``LinkUse``).

Only a SHA-256 of the secret is stored, so the link is shown once, to the mentor who makes it. Opening a link
is looked up by that hash before any school is known (the one unscoped read of this area); from then on
everything runs inside the link's school.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from koers.access.gate import require
from koers.common.ratelimit import Limit
from koers.partners.models import (
    FeedbackKind,
    Internship,
    LinkUse,
    LinkUseAction,
    Rating,
    SupervisorFeedback,
    SupervisorLink,
)
from koers.partners.rules import can_follow_internship
from koers.schools.models import Role

LINK_DAYS = 42
MAX_LINK_DAYS = 180
# Unknown links per address, then a pause (kept where every web process counts together).
WRONG_LINKS = Limit("supervisor-link", limit=20, window=dt.timedelta(minutes=15))
FEEDBACK_MAX = 3000
# The points an end assessment rates, by stable key; their words live in partners/assessment.py.
POINTS = ("punctual", "attitude", "cooperation", "initiative", "skill")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def make_link(*, by: Role, internship: Internship, days: int = LINK_DAYS, language: str = "nl") -> str:
    """A new link for the internship's supervisor; earlier links of this internship stop working. Returns the
    secret, which is not stored."""
    require(by, can_follow_internship, internship.student)
    if not internship.approved:
        raise ValidationError(_("Keur de stage eerst goed."))
    if not 1 <= days <= MAX_LINK_DAYS:
        raise ValidationError({"days": _("Een link werkt tussen 1 en 180 dagen.")})
    name = internship.place.supervisor_name.strip()
    if not name:
        raise ValidationError(_("Vul bij de stageplaats eerst de naam van de praktijkbegeleider in."))
    now = timezone.now()
    SupervisorLink.objects.filter(internship=internship, revoked_at__isnull=True).update(revoked_at=now)
    token = secrets.token_urlsafe(24)
    SupervisorLink.objects.create(
        school_id=internship.school_id,
        internship=internship,
        token_hash=_hash(token),
        supervisor_name=name,
        language=language if language in ("nl", "en") else "nl",
        created_by_id=by.user_id,
        created_at=now,
        expires_at=now + dt.timedelta(days=days),
    )
    return token


@transaction.atomic
def revoke_link(*, by: Role, link: SupervisorLink) -> None:
    require(by, can_follow_internship, link.internship.student)
    SupervisorLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())


class LinkRefused(Exception):
    """The link does not (or no longer) work; ``message`` says why in the active language."""

    def __init__(self, message: str, *, status: int = 404):
        super().__init__(message)
        self.message = message
        self.status = status


def open_link(token: str, *, address: str, action: str = LinkUseAction.OPENED) -> SupervisorLink:
    """The link behind ``token``, audited; ``LinkRefused`` when it is unknown (counted per address: after too
    many wrong ones every answer is refused for a while), expired or revoked."""
    if WRONG_LINKS.exceeded(address):
        raise LinkRefused(
            _("Te veel pogingen met een onbekende link. Probeer het over een kwartier opnieuw."), status=429
        )
    with scopes_disabled():
        link = (
            SupervisorLink.objects.filter(token_hash=_hash(token or ""))
            .select_related("internship__student__user", "internship__place__partner", "school")
            .first()
        )
    if link is None:
        WRONG_LINKS.hit(address)
        raise LinkRefused(_("Deze link bestaat niet. Kijk of u hem helemaal goed heeft overgenomen."))
    if link.revoked_at is not None:
        LinkUse.objects.create(school_id=link.school_id, link=link, action=LinkUseAction.REFUSED)
        raise LinkRefused(
            _("Deze link is ingetrokken door de school. Vraag de mentor van de leerling om een nieuwe link."),
            status=410,
        )
    if link.expires_at <= timezone.now():
        LinkUse.objects.create(school_id=link.school_id, link=link, action=LinkUseAction.REFUSED)
        raise LinkRefused(
            _("Deze link is verlopen. Vraag de mentor van de leerling om een nieuwe link."), status=410
        )
    LinkUse.objects.create(school_id=link.school_id, link=link, action=action)
    return link


@transaction.atomic
def give_feedback(
    *, link: SupervisorLink, kind: str, text: str, ratings: dict[str, str]
) -> SupervisorFeedback:
    """The supervisor's feedback or end assessment, through their link (opened and audited just before)."""
    errors = {}
    if kind not in FeedbackKind.values:
        errors["kind"] = _("Kies tussentijdse feedback of de eindbeoordeling.")
    text = (text or "").strip()
    if not text:
        errors["text"] = _("Schrijf een paar zinnen voor de leerling.")
    elif len(text) > FEEDBACK_MAX:
        errors["text"] = _("Houd het korter: hoogstens %(max)d tekens.") % {"max": FEEDBACK_MAX}
    clean = {k: v for k, v in (ratings or {}).items() if k in POINTS and v in Rating.values}
    if kind == FeedbackKind.FINAL and len(clean) != len(POINTS):
        errors["ratings"] = _("Geef bij de eindbeoordeling bij elk punt een oordeel.")
    if errors:
        raise ValidationError(errors)
    return SupervisorFeedback.objects.create(
        school_id=link.school_id,
        internship_id=link.internship_id,
        link=link,
        kind=kind,
        text=text,
        ratings=clean if kind == FeedbackKind.FINAL else {},
        supervisor_name=link.supervisor_name,
    )
