"""Writes for planning: conversation rounds, conversation types, planning, rescheduling and cancelling.

Every verb is keyword-only, validates its input, runs in one transaction and raises ``ValidationError``
keyed by form field, so a view can show the message next to the field. Invitations (an e-mail with an .ics
file, in the receiver's language) are jobs written in the same transaction and handed to the worker once it
commits (conversations/tasks.py), so a refused or rolled-back plan never sends mail and a planned one is
never lost when the mail server is down.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from koers.access.audit import leaves_trace, record_change
from koers.access.gate import require
from koers.background.queue import enqueue_job
from koers.common.public_url import public_reverse
from koers.common.versions import save_unless_changed
from koers.conversations import ics
from koers.conversations.models import Conversation, ConversationRound, ConversationStatus, ConversationType
from koers.conversations.rules import (
    can_manage_rounds_and_types,
    can_plan_conversations,
    can_plan_with_group,
    can_plan_with_student,
    can_replan_conversation,
)
from koers.lob.vocabulary import Phase
from koers.notifications.domain import notify
from koers.notifications.registry import New, local_param
from koers.schools.models import Group, Guardianship, Membership, Role, RoleKind, SchoolYear, Student, User
from koers.schools.queries import current_group_of

MIN_DURATION, MAX_DURATION = 5, 240

Invitation = Literal["new", "update", "cancel"]
# What the round and type forms change, and their versions cover (a round's types are set beside it).
ROUND_FIELDS = ("school_year", "year_level", "name", "starts_on", "ends_on")
TYPE_FIELDS = ("name", "purpose", "with_guardians", "is_group", "active", "guide")


# --- rounds ------------------------------------------------------------------------------------------


def save_round(
    *,
    by: Role,
    school_year: SchoolYear,
    year_level: int,
    name: str,
    starts_on: dt.date,
    ends_on: dt.date,
    types: Iterable[ConversationType] = (),
    round: ConversationRound | None = None,
    version: str | None = None,
) -> ConversationRound:
    """Create a round (``round=None``) or change one. Only counsellors set rounds. Changing one that
    someone else saved since ``version`` raises ``EditConflict``."""
    require(by, can_manage_rounds_and_types, school_year)
    require(by, can_manage_rounds_and_types, round)
    chosen_types = list(types)
    errors: dict[str, str] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _('Geef de ronde een naam, bijvoorbeeld "Ronde 1 (najaar)".')
    if not 1 <= year_level <= 6:
        errors["year_level"] = _("Kies een leerjaar van 1 tot en met 6.")
    if ends_on < starts_on:
        errors["ends_on"] = _("De einddatum ligt voor de begindatum.")
    elif starts_on < school_year.starts_on or ends_on > school_year.ends_on:
        errors["starts_on"] = _(
            "De ronde moet binnen het schooljaar %(year)s vallen (%(start)s tot en met %(end)s)."
        ) % {
            "year": school_year.name,
            "start": school_year.starts_on.strftime("%d-%m-%Y"),
            "end": school_year.ends_on.strftime("%d-%m-%Y"),
        }
    if any(t.school_id != by.school_id for t in chosen_types):
        errors["types"] = _("Kies alleen gesprekstypen van je eigen school.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        if round is None:
            round = ConversationRound.objects.create(
                school_id=by.school_id,
                school_year=school_year,
                year_level=year_level,
                name=name,
                starts_on=starts_on,
                ends_on=ends_on,
            )
        else:
            round.school_year = school_year
            round.year_level = year_level
            round.name = name
            round.starts_on = starts_on
            round.ends_on = ends_on
            save_unless_changed(round, fields=ROUND_FIELDS, version=version)
        round.types.set(chosen_types)
    return round


# --- types -------------------------------------------------------------------------------------------


def _clean_lines(lines: Iterable[str]) -> list[str]:
    return [line.strip() for line in lines if line and line.strip()]


def clean_guide(guide: dict[str, Any]) -> dict[str, Any]:
    """A guide in the stored shape: every phase (in order) with its questions and deeper questions."""
    phases = guide.get("phases", {})
    return {
        "phases": {
            phase.value: {
                "questions": _clean_lines(phases.get(phase.value, {}).get("questions", [])),
                "deeper": _clean_lines(phases.get(phase.value, {}).get("deeper", [])),
            }
            for phase in Phase
        },
        "reminders": _clean_lines(guide.get("reminders", [])),
    }


def save_type(
    *,
    by: Role,
    name: str,
    purpose: str = "",
    with_guardians: bool = False,
    is_group: bool = False,
    active: bool = True,
    guide: dict[str, Any],
    type: ConversationType | None = None,
    version: str | None = None,
) -> ConversationType:
    """Add a school's own type (``type=None``) or adapt one, shipped or not. Only counsellors do this.
    Adapting one that someone else saved since ``version`` raises ``EditConflict``."""
    require(by, can_manage_rounds_and_types, type)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Geef het gesprekstype een naam.")})
    if with_guardians and is_group:
        raise ValidationError(
            {"is_group": _("Een groepsgesprek kan geen driegesprek met ouders zijn. Kies een van de twee.")}
        )
    cleaned = clean_guide(guide)
    if not any(p["questions"] for p in cleaned["phases"].values()):
        raise ValidationError({"goal_questions": _("Zet minstens één vraag in de leidraad.")})
    fields = {
        "name": name,
        "purpose": (purpose or "").strip(),
        "with_guardians": with_guardians,
        "is_group": is_group,
        "active": active,
        "guide": cleaned,
    }
    with transaction.atomic():
        if type is None:
            taken = set(ConversationType.objects.filter(school_id=by.school_id).values_list("key", flat=True))
            base = slugify(name)[:50] or "gesprek"
            key, n = base, 2
            while key in taken:
                key, n = f"{base}-{n}", n + 1
            order = 100 + len(taken)
            return ConversationType.objects.create(school_id=by.school_id, key=key, order=order, **fields)
        for attribute, value in fields.items():
            setattr(type, attribute, value)
        save_unless_changed(type, fields=TYPE_FIELDS, version=version)
        return type


# --- planning ----------------------------------------------------------------------------------------


def round_covering(*, day: dt.date, year_level: int, school_id: int) -> ConversationRound | None:
    return (
        ConversationRound.objects.filter(
            school_id=school_id, year_level=year_level, starts_on__lte=day, ends_on__gte=day
        )
        .order_by("-starts_on")
        .first()
    )


def _check_slot(
    scheduled_at: dt.datetime, duration_minutes: int, place: str, video_url: str
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if timezone.is_naive(scheduled_at):
        raise ValueError("scheduled_at must be timezone-aware")
    if scheduled_at <= timezone.now():
        errors["scheduled_at"] = _(
            "Dit moment ligt in het verleden. Kies een datum en tijd die nog moeten komen."
        )
    if not MIN_DURATION <= duration_minutes <= MAX_DURATION:
        errors["duration_minutes"] = _("Kies een duur van %(min)s tot %(max)s minuten.") % {
            "min": MIN_DURATION,
            "max": MAX_DURATION,
        }
    if not place.strip() and not video_url.strip():
        errors["place"] = _("Vul een plaats in, of een videolink als het gesprek online is.")
    return errors


@leaves_trace
def plan_conversation(
    *,
    by: Role,
    type: ConversationType,
    student: Student | None = None,
    group: Group | None = None,
    scheduled_at: dt.datetime,
    duration_minutes: int = 20,
    place: str = "",
    video_url: str = "",
    guardians: Sequence[User] = (),
    round: ConversationRound | None = None,
) -> Conversation:
    """Plan a conversation with one student (and guardians for a driegesprek) or with a whole group, and
    invite everyone in the app and by e-mail."""
    require(by, can_plan_conversations, type)
    if (student is None) == (group is None):
        raise ValidationError({"student": _("Kies een leerling, of een groep voor een groepsgesprek.")})
    errors = _check_slot(scheduled_at, duration_minutes, place, video_url)
    if not type.active:
        errors["type"] = _("Dit gesprekstype is uitgezet. Kies een ander type.")
    chosen_guardians = list(guardians)
    year_level: int | None = None
    if student is not None:
        require(by, can_plan_with_student, student)
        if type.is_group:
            errors["type"] = _("Een groepsgesprek plan je voor een hele groep, niet voor één leerling.")
        day = timezone.localtime(scheduled_at).date()
        current = current_group_of(student, day) or current_group_of(student)
        year_level = current.year_level if current else None
        linked = set(
            Guardianship.objects.filter(student=student, guardian__in=chosen_guardians).values_list(
                "guardian_id", flat=True
            )
        )
        strangers = [g for g in chosen_guardians if g.pk not in linked]
        if strangers:
            errors["guardians"] = _(
                "%(names)s is niet als ouder of verzorger aan %(student)s gekoppeld "
                "en kan niet worden uitgenodigd."
            ) % {"names": ", ".join(str(g) for g in strangers), "student": student}
        elif type.with_guardians and not chosen_guardians:
            errors["guardians"] = _("Kies voor een driegesprek minstens één ouder of verzorger.")
        elif chosen_guardians and not type.with_guardians:
            errors["guardians"] = _("Ouders nodig bij dit gesprek? Kies dan het type driegesprek.")
    else:
        assert group is not None
        require(by, can_plan_with_group, group)
        if not type.is_group:
            errors["type"] = _("Voor een hele groep kies je het type groepsgesprek.")
        if chosen_guardians:
            errors["guardians"] = _("Bij een groepsgesprek worden geen ouders uitgenodigd.")
        year_level = group.year_level
    if round is not None and (
        round.school_id != by.school_id or (year_level and round.year_level != year_level)
    ):
        errors["round"] = _(
            "Deze ronde hoort bij een ander leerjaar. Kies een ronde van leerjaar %(level)s."
        ) % {"level": year_level}
    if errors:
        raise ValidationError(errors)
    if round is None and year_level is not None:
        round = round_covering(
            day=timezone.localtime(scheduled_at).date(), year_level=year_level, school_id=by.school_id
        )
    with transaction.atomic():
        conversation = Conversation.objects.create(
            school_id=by.school_id,
            type=type,
            round=round,
            student=student,
            group=group,
            mentor_id=by.user_id,
            scheduled_at=scheduled_at,
            duration_minutes=duration_minutes,
            place=place.strip(),
            video_url=video_url.strip(),
        )
        if chosen_guardians:
            conversation.guardians.set(chosen_guardians)
        enqueue_invitations(conversation, kind="new")
        record_change(by=by, student=student, change="conversation.planned")
    return conversation


def _require_planned_by(by: Role, conversation: Conversation) -> None:
    require(by, can_replan_conversation, conversation)
    if conversation.status != ConversationStatus.PLANNED:
        raise ValidationError(_("Dit gesprek is al afgerond of geannuleerd en kan niet meer worden verzet."))


@leaves_trace
def reschedule_conversation(
    *,
    by: Role,
    conversation: Conversation,
    scheduled_at: dt.datetime,
    duration_minutes: int,
    place: str = "",
    video_url: str = "",
) -> Conversation:
    """Move a planned conversation; everyone invited gets an updated .ics (same UID, higher SEQUENCE)."""
    _require_planned_by(by, conversation)
    errors = _check_slot(scheduled_at, duration_minutes, place, video_url)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        conversation.scheduled_at = scheduled_at
        conversation.duration_minutes = duration_minutes
        conversation.place = place.strip()
        conversation.video_url = video_url.strip()
        conversation.calendar_sequence += 1
        conversation.save(
            update_fields=["scheduled_at", "duration_minutes", "place", "video_url", "calendar_sequence"]
        )
        enqueue_invitations(conversation, kind="update")
        record_change(by=by, student=conversation.student, change="conversation.moved")
    return conversation


@leaves_trace
def cancel_conversation(*, by: Role, conversation: Conversation) -> Conversation:
    """Cancel a planned conversation; everyone invited gets a cancellation (METHOD:CANCEL)."""
    _require_planned_by(by, conversation)
    with transaction.atomic():
        conversation.status = ConversationStatus.CANCELLED
        conversation.calendar_sequence += 1
        conversation.save(update_fields=["status", "calendar_sequence"])
        enqueue_invitations(conversation, kind="cancel")
        record_change(by=by, student=conversation.student, change="conversation.cancelled")
    return conversation


# --- invitations -------------------------------------------------------------------------------------


def calendar_uid(conversation: Conversation) -> str:
    return f"gesprek-{conversation.pk}@{getattr(settings, 'KOERS_CALENDAR_DOMAIN', 'koers')}"


def conversation_url(conversation: Conversation) -> str:
    return public_reverse("conversations:detail", kwargs={"pk": conversation.pk})


def _event_for(conversation: Conversation) -> ics.Event:
    start = conversation.scheduled_at
    with_whom = conversation.student or conversation.group
    summary = _("Loopbaangesprek: %(type)s (%(who)s)") % {"type": conversation.type.name, "who": with_whom}
    mentor = conversation.mentor
    return ics.Event(
        uid=calendar_uid(conversation),
        start=start,
        end=start + dt.timedelta(minutes=conversation.duration_minutes),
        summary=summary,
        location=conversation.place or conversation.video_url,
        url=conversation.video_url or conversation_url(conversation),
        description=_("Met %(mentor)s. Bereid je voor in Koers: %(url)s")
        % {"mentor": mentor, "url": conversation_url(conversation)},
        sequence=conversation.calendar_sequence,
        organizer=ics.Attendee(email=settings.DEFAULT_FROM_EMAIL, name=str(mentor)),
    )


def calendar_for(conversation: Conversation, *, kind: Invitation = "new") -> str:
    """The .ics text for this conversation, in the active language."""
    return ics.build_calendar(_event_for(conversation), method="CANCEL" if kind == "cancel" else "REQUEST")


def calendar_of_leader(conversations: Sequence[Conversation]) -> str:
    """One .ics with every upcoming conversation a mentor or counsellor leads, for their own calendar."""
    events = []
    for conversation in conversations:
        event = _event_for(conversation)
        description = _("Open het gesprek in Koers: %(url)s") % {"url": conversation_url(conversation)}
        events.append(dataclasses.replace(event, description=description))
    return ics.build_feed(events, name=str(_("Mijn loopbaangesprekken")))


def invitees(conversation: Conversation) -> list[User]:
    """The student (or the group's current students) and, for a driegesprek, the chosen guardians."""
    people: list[User] = []
    if conversation.student_id is not None:
        assert conversation.student is not None
        people.append(conversation.student.user)
    elif conversation.group_id is not None:
        day = timezone.localtime(conversation.scheduled_at).date()
        people += [
            m.student.user
            for m in Membership.objects.current(day)
            .filter(group_id=conversation.group_id)
            .select_related("student__user")
        ]
    if conversation.type.with_guardians:
        people += list(conversation.guardians.all())
    return people


def enqueue_invitations(conversation: Conversation, *, kind: Invitation) -> int:
    """One e-mail job per invitee with an address (sent by the worker, in their language, once the change has
    committed); a driegesprek invitation also shows in the guardians' notifications. Returns the jobs."""

    people = invitees(conversation)
    for person in people:
        if person.email:
            enqueue_job(
                "conversations.invitation",
                school=conversation.school_id,
                conversation=conversation.pk,
                person=person.pk,
                kind=kind,
            )
    if kind == "new" and conversation.type.with_guardians and conversation.student is not None:
        guardians = Role.objects.filter(
            school_id=conversation.school_id,
            kind=RoleKind.GUARDIAN,
            user_id__in=[g.pk for g in conversation.guardians.all()],
        )
        params = {
            "conversation": conversation.pk,
            "child": conversation.student.name,
            "type": local_param(conversation.type.name, conversation.type.translations, "name"),
            "at": conversation.scheduled_at.isoformat(),
        }
        notify(
            school_id=conversation.school_id,
            items=[
                New(
                    role_id=r.pk, kind="conversation_invited", params=params, key=f"invited:{conversation.pk}"
                )
                for r in guardians
            ],
            mailed=True,  # the invitation itself went by e-mail
        )
    return sum(1 for person in people if person.email)
