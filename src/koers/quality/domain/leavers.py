"""Leavers: where each went (by hand, from the follow-up choices, or from a CSV file), and the short question
list former students answer after their first year through a personal link, without an account.

The link is made where it is mailed (``quality/tasks.py``): only a SHA-256 of its secret is kept, it expires,
and it works once. Opening it is looked up by that hash before any school is known (the one unscoped read of
this area). The answer is stored like every evaluation answer: no person and no time, only the leaving year
it counts in; the invite only says that it was used.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from koers.access.gate import require
from koers.background.queue import enqueue_job
from koers.careers.vocabulary import ProgrammeKind
from koers.choices.models import Choice, MomentKind
from koers.common.ratelimit import Limit
from koers.quality import family_texts as texts
from koers.quality.domain.evaluations import clean_answers
from koers.quality.models import (
    Audience,
    Destination,
    EvaluationResponse,
    EvaluationRound,
    Leaver,
    LeaverInvite,
)
from koers.quality.rules import can_run_quality
from koers.schools.models import Role, SchoolYear, Track

INVITE_DAYS = 30
MAX_INVITE_DAYS = 90
# Unknown links per address, then a pause (kept where every web process counts together).
WRONG_LINKS = Limit("leaver-link", limit=20, window=dt.timedelta(minutes=15))
LEAVER_FIELDS = ("name", "left_in", "track", "destination", "programme", "institution", "stayed", "email")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """The leaver's fields, checked; ValidationError per field, in the user's language."""
    values = {name: data.get(name) for name in LEAVER_FIELDS}
    for name in ("name", "left_in", "track", "programme", "institution", "email"):
        values[name] = (values[name] or "").strip()
    errors = {}
    if not values["name"]:
        errors["name"] = _("Vul de naam in.")
    if not values["left_in"]:
        errors["left_in"] = _("Vul het schooljaar van vertrek in, bijvoorbeeld 2025-2026.")
    if values["destination"] not in Destination.values:
        errors["destination"] = _("Kies waar de leerling naartoe ging.")
    if values["track"] and values["track"] not in Track.values:
        errors["track"] = _("Onbekende leerweg. Kies uit: %(tracks)s.") % {"tracks": ", ".join(Track.values)}
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError:
            errors["email"] = _("Dit is geen geldig e-mailadres.")
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def record_leaver(*, by: Role, leaver: Leaver | None = None, **data: Any) -> Leaver:
    """A leaver recorded or corrected by hand."""
    require(by, can_run_quality)
    values = _clean(data)
    if leaver is None:
        return Leaver.objects.create(school_id=by.school_id, **values)
    require(by, can_run_quality, leaver)
    for name, value in values.items():
        setattr(leaver, name, value)
    leaver.save(update_fields=list(values))
    return leaver


@transaction.atomic
def remove_leaver(*, by: Role, leaver: Leaver) -> None:
    require(by, can_run_quality, leaver)
    leaver.delete()


def destination_of(choice: Choice) -> str:
    """Where a follow-up choice leads: the catalogue's kind of programme, else the words the student chose."""
    programme = choice.programme
    if programme is not None:
        return Destination.MBO if programme.kind == ProgrammeKind.MBO else Destination.HIGHER
    words = choice.chosen.lower()
    if "havo" in words or "vwo" in words:
        return Destination.HAVO_VWO
    if "mbo" in words:
        return Destination.MBO
    if "werk" in words:
        return Destination.WORK
    return Destination.OTHER


@transaction.atomic
def fill_from_choices(*, by: Role, school_year: SchoolYear) -> int:
    """A leaver for every student with a follow-up choice in ``school_year`` who has none yet. Returns how
    many were added. Three queries and one insert, whatever the number of students."""
    require(by, can_run_quality, school_year)
    known = set(
        Leaver.objects.filter(school_id=by.school_id, student__isnull=False).values_list(
            "student_id", flat=True
        )
    )
    choices = (
        Choice.objects.filter(
            school_id=by.school_id,
            moment__school_year=school_year,
            moment__kind=MomentKind.FOLLOW_UP,
        )
        .select_related("moment", "programme", "student__user")
        .order_by("student__user__last_name", "student__user__first_name", "-updated_at")
    )
    new: dict[int, Leaver] = {}
    for choice in choices:
        if choice.student_id in known or choice.student_id in new:
            continue
        new[choice.student_id] = Leaver(
            school_id=by.school_id,
            student=choice.student,
            name=choice.student.name,
            left_in=school_year.name,
            track=choice.moment.track,
            destination=destination_of(choice),
            programme=(choice.programme.name if choice.programme else choice.chosen)[:200],
            institution=choice.institution,
            email=choice.student.user.email,
        )
    Leaver.objects.bulk_create(new.values())
    return len(new)


IMPORT_COLUMNS = {
    "naam": "name",
    "schooljaar": "left_in",
    "leerweg": "track",
    "ging naar": "destination",
    "opleiding": "programme",
    "school": "institution",
    "gebleven": "stayed",
    "e-mail": "email",
}
DESTINATION_WORDS = {
    **{value: value for value in Destination.values},
    **{str(label).lower(): value for value, label in Destination.choices},
    "havo": Destination.HAVO_VWO,
    "vwo": Destination.HAVO_VWO,
    "hbo": Destination.HIGHER,
    "wo": Destination.HIGHER,
}
YES, NO = {"ja", "j", "yes", "1", "true"}, {"nee", "n", "no", "0", "false"}


@dataclass
class ImportResult:
    added: int
    errors: list[str]


def import_leavers(*, by: Role, data: bytes) -> ImportResult:
    """Leavers from a CSV file with the columns of IMPORT_COLUMNS (Dutch headings, any order, ``;`` or
    ``,``). All or nothing: one bad line saves no line, and every bad line is named."""
    require(by, can_run_quality)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.splitlines()[0] if text.strip() else ""
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not rows:
        return ImportResult(0, [_("Het bestand is leeg.")])
    header = [cell.strip().lower() for cell in rows[0]]
    missing = [name for name in ("naam", "schooljaar", "ging naar") if name not in header]
    if missing:
        return ImportResult(0, [_("Deze kolommen ontbreken: %(columns)s.") % {"columns": ", ".join(missing)}])
    leavers, errors = [], []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells: dict[str, Any] = {
            IMPORT_COLUMNS[h]: (row[i] if i < len(row) else "")
            for i, h in enumerate(header)
            if h in IMPORT_COLUMNS
        }
        cells["destination"] = DESTINATION_WORDS.get((cells.get("destination") or "").strip().lower(), "?")
        stayed = (cells.get("stayed") or "").strip().lower()
        cells["stayed"] = True if stayed in YES else False if stayed in NO else None
        try:
            leavers.append(Leaver(school_id=by.school_id, **_clean(cells)))
        except ValidationError as error:
            errors.append(
                _("Regel %(number)d: %(reason)s") % {"number": number, "reason": " ".join(error.messages)}
            )
    if errors:
        return ImportResult(0, errors)
    with transaction.atomic():
        Leaver.objects.bulk_create(leavers)
    return ImportResult(len(leavers), [])


# --- the personal link -------------------------------------------------------------------------------------


def covered(evaluation: EvaluationRound) -> QuerySet[LeaverInvite]:
    """Invites of this round that still count: working ones and used ones (ids of their leavers)."""
    return LeaverInvite.objects.filter(round=evaluation).filter(
        Q(used=True) | Q(expires_at__gt=timezone.now())
    )


@transaction.atomic
def send_invites(*, by: Role, evaluation: EvaluationRound, days: int) -> int:
    """Mail a personal link to every leaver with an e-mail address and no working link for this round (in
    the background). Refuses a round that is closed or not for leavers, and a lifetime outside 1-90 days.
    Returns how many are sent."""
    require(by, can_run_quality, evaluation)
    if evaluation.audience != Audience.LEAVER:
        raise ValidationError(_("Kies een ronde van de vragenlijst voor oud-leerlingen."))
    if not evaluation.is_open:
        raise ValidationError(_("Deze ronde is gesloten."))
    if not 1 <= days <= MAX_INVITE_DAYS:
        raise ValidationError({"days": _("Een link werkt tussen 1 en 90 dagen.")})
    leavers = list(
        Leaver.objects.filter(school_id=by.school_id)
        .exclude(email="")
        .exclude(pk__in=covered(evaluation).values("leaver_id"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not leavers:
        raise ValidationError(
            _(
                "Er is niemand om te mailen: wie een e-mailadres heeft, heeft al een werkende link voor "
                "deze ronde."
            )
        )
    enqueue_job(
        "quality.leaver_invites",
        school=by.school_id,
        by=by.user,
        total=len(leavers),
        round=evaluation.pk,
        leavers=leavers,
        days=days,
    )
    return len(leavers)


def issue_invite(*, leaver: Leaver, evaluation: EvaluationRound, days: int) -> tuple[str, LeaverInvite]:
    """A new link for one leaver; returns the secret, which is not stored, and the invite."""
    token = secrets.token_urlsafe(24)
    invite = LeaverInvite.objects.create(
        school_id=leaver.school_id,
        leaver=leaver,
        round=evaluation,
        token_hash=_hash(token),
        expires_at=timezone.now() + dt.timedelta(days=days),
    )
    return token, invite


class InviteRefused(Exception):
    """The link does not (or no longer) work; ``message`` says why in the active language."""

    def __init__(self, message: str, *, status: int = 404):
        super().__init__(message)
        self.message = message
        self.status = status


def open_invite(token: str, *, address: str) -> LeaverInvite:
    """The invite behind ``token``; ``InviteRefused`` when it is unknown (counted per address: after too many
    wrong ones every answer is refused for a while), expired, used, or its round closed."""
    if WRONG_LINKS.exceeded(address):
        raise InviteRefused(str(texts.TOO_MANY), status=429)
    with scopes_disabled():
        invite = (
            LeaverInvite.objects.filter(token_hash=_hash(token or ""))
            .select_related("round", "school")
            .first()
        )
    if invite is None:
        WRONG_LINKS.hit(address)
        raise InviteRefused(str(texts.UNKNOWN_LINK))
    if invite.used:
        raise InviteRefused(str(texts.LINK_USED), status=410)
    if invite.expires_at <= timezone.now() or not invite.round.is_open:
        raise InviteRefused(str(texts.LINK_EXPIRED), status=410)
    return invite


@transaction.atomic
def answer_by_invite(*, invite: LeaverInvite, data: Any) -> EvaluationResponse:
    """The former student's answers, once. The answer counts in the leaving year only."""
    locked = LeaverInvite.objects.select_for_update().select_related("leaver").get(pk=invite.pk)
    evaluation = EvaluationRound.objects.select_for_update().get(pk=locked.round_id)
    if locked.used:
        raise ValidationError(texts.LINK_USED)
    if evaluation.closed_at is not None or locked.expires_at <= timezone.now():
        raise ValidationError(texts.LINK_EXPIRED)
    answers = clean_answers(evaluation, data)
    if not answers:
        raise ValidationError(texts.EMPTY)
    locked.used = True
    locked.save(update_fields=["used"])
    return EvaluationResponse.objects.create(
        school_id=locked.school_id, round=evaluation, group=locked.leaver.left_in, answers=answers
    )
