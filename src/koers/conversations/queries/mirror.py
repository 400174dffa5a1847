"""Reads for the conversation mirror pages, the printable card and the conversation report.

The mirror pages read one row per closed conversation (only the stored ``mirror`` JSON and the period it
belongs to) and sum them in Python: one query whatever the number of conversations. The school page groups by
round and year level and never by mentor.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from koers.access.rules import is_guardian
from koers.conversations.mirror import MARKS
from koers.conversations.models import (
    Agreement,
    Conversation,
    ConversationStatus,
    ConversationType,
    Preparation,
)
from koers.lob.vocabulary import Phase
from koers.schools.models import Membership, Role, RoleKind

BY_MONTH = "month"
BY_ROUND = "round"


@dataclass
class MarkShare:
    key: str
    label: Promise
    present: int
    percent: int


@dataclass
class MirrorRow:
    """One period (a month or a round, possibly with a year level) and how often each mark was present."""

    label: str
    count: int
    shares: list[MarkShare]
    year_level: int | None = None


@dataclass
class Bar:
    period: str
    percent: int
    x: int
    y: int
    width: int
    height: int
    text_x: int
    text_y: int
    period_y: int


@dataclass
class ChartBlock:
    label: Promise
    label_y: int
    bars: list[Bar] = field(default_factory=list)


@dataclass
class Chart:
    width: int
    height: int
    blocks: list[ChartBlock]
    periods: list[str]


def summarise(label: str, mirrors: Iterable[dict[str, Any]], *, year_level: int | None = None) -> MirrorRow:
    """Count, per mark, the conversations in which it was present, and the share as a whole percentage."""
    mirrors = list(mirrors)
    count = len(mirrors)
    shares = []
    for mark in MARKS:
        present = sum(1 for mirror in mirrors if mirror.get(mark.key))
        # A mark that could not apply (no earlier agreements to revisit) is left out of its share.
        applies = sum(1 for mirror in mirrors if mirror.get(mark.key, False) is not None)
        shares.append(
            MarkShare(mark.key, mark.label, present, round(100 * present / applies) if applies else 0)
        )
    return MirrorRow(label=label, count=count, shares=shares, year_level=year_level)


def _closed_with_mirror(role: Role) -> Any:
    return Conversation.objects.filter(
        school_id=role.school_id, status=ConversationStatus.CLOSED, student__isnull=False
    ).exclude(mirror={})


def _month_of(scheduled_at: dt.datetime, closed_at: dt.datetime | None) -> dt.date:
    moment = timezone.localtime(closed_at or scheduled_at)
    return dt.date(moment.year, moment.month, 1)


def mentor_mirror(role: Role, *, by: str = BY_MONTH) -> list[MirrorRow]:
    """The mirror of the conversations this person held, per month or per round, oldest first."""
    rows = (
        _closed_with_mirror(role)
        .filter(mentor_id=role.user_id)
        .values_list("mirror", "scheduled_at", "closed_at", "round_id", "round__name", "round__starts_on")
    )
    groups: dict[Any, list[dict[str, Any]]] = {}
    labels: dict[Any, str] = {}
    for mirror, scheduled_at, closed_at, round_id, round_name, round_start in rows:
        if by == BY_ROUND:
            key: Any = (round_start or dt.date.max, round_id or 0)
            labels[key] = round_name or _("Zonder ronde")
        else:
            key = _month_of(scheduled_at, closed_at)
            labels[key] = date_format(key, "F Y")
        groups.setdefault(key, []).append(mirror)
    return [summarise(labels[key], groups[key]) for key in sorted(groups)]


def school_mirror(role: Role) -> tuple[list[MirrorRow], list[MirrorRow], MirrorRow]:
    """Summed over every mentor: per round (with its year level), per year level, and for the whole school.

    A conversation outside a round counts under its student's current year level. Mentors are never named.
    """
    current_level = Subquery(
        Membership.objects.current()
        .filter(student_id=OuterRef("student_id"))
        .order_by("-starts_on")
        .values("group__year_level")[:1],
        output_field=IntegerField(),
    )
    rows = (
        _closed_with_mirror(role)
        .annotate(level=Coalesce(F("round__year_level"), current_level))
        .values_list(
            "mirror", "level", "round_id", "round__name", "round__starts_on", "round__school_year__name"
        )
    )
    per_round: dict[Any, list[dict[str, Any]]] = {}
    round_labels: dict[Any, tuple[str, int | None]] = {}
    per_level: dict[int, list[dict[str, Any]]] = {}
    everything: list[dict[str, Any]] = []
    for mirror, level, round_id, round_name, round_start, year_name in rows:
        key = (round_start or dt.date.max, round_id or 0, level or 0)
        if round_id:
            round_labels[key] = (f"{round_name} · {year_name}", level)
        else:
            round_labels[key] = (_("Zonder ronde"), level)
        per_round.setdefault(key, []).append(mirror)
        per_level.setdefault(level or 0, []).append(mirror)
        everything.append(mirror)
    by_round = [
        summarise(round_labels[key][0], per_round[key], year_level=round_labels[key][1])
        for key in sorted(per_round)
    ]
    by_level = [
        summarise(
            _("Leerjaar %(level)s") % {"level": level} if level else _("Leerjaar onbekend"),
            per_level[level],
            year_level=level or None,
        )
        for level in sorted(per_level, key=lambda level: level or 99)
    ]
    return by_round, by_level, summarise(_("Hele school"), everything)


# Geometry of the bar chart (SVG user units). Drawn on the server so it works without JavaScript.
CHART_WIDTH = 640
PERIOD_COLUMN = 150
BAR_HEIGHT = 14
BAR_GAP = 6
LABEL_LINE = 22
BLOCK_GAP = 14
MAX_PERIODS = 6


def mirror_chart(rows: list[MirrorRow]) -> Chart | None:
    """Per mark, one horizontal bar for each of the last few periods: the share of conversations with it."""
    rows = rows[-MAX_PERIODS:]
    if not rows:
        return None
    room = CHART_WIDTH - PERIOD_COLUMN - 50
    blocks = []
    y = 0
    for index, mark in enumerate(MARKS):
        block = ChartBlock(label=mark.label, label_y=y + 15)
        y += LABEL_LINE
        for row in rows:
            percent = row.shares[index].percent
            width = max(1, round(room * percent / 100))
            block.bars.append(
                Bar(
                    period=row.label,
                    percent=percent,
                    x=PERIOD_COLUMN,
                    y=y,
                    width=width,
                    height=BAR_HEIGHT,
                    text_x=PERIOD_COLUMN + width + 6,
                    text_y=y + BAR_HEIGHT - 3,
                    period_y=y + BAR_HEIGHT - 3,
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        blocks.append(block)
        y += BLOCK_GAP
    return Chart(width=CHART_WIDTH, height=y, blocks=blocks, periods=[row.label for row in rows])


# --- the printable card and the report ---


def _text(item: Any) -> str:
    """A guide line is plain text, or a mapping of language code to text (Dutch first)."""
    if isinstance(item, dict):
        return str(item.get("nl") or next(iter(item.values()), ""))
    return str(item)


def card_of(conversation_type: ConversationType) -> dict[str, Any]:
    """The phases of a type's guide in their usual order, with example and deeper questions, and reminders."""
    guide = conversation_type.guide or {}
    phases_in_guide = guide.get("phases") or {}
    phases = []
    for phase in Phase:
        entry = phases_in_guide.get(phase.value) or {}
        phases.append(
            {
                "key": phase.value,
                "label": phase.label,
                "questions": [_text(q) for q in entry.get("questions", [])],
                "deeper": [_text(q) for q in entry.get("deeper", [])],
            }
        )
    return {"phases": phases, "reminders": [_text(r) for r in guide.get("reminders", [])]}


def report_of(conversation: Conversation, role: Role) -> dict[str, Any]:
    """What the report shows: never the mentor's private note, and for a guardian no preparation either."""
    preparation = None
    if not is_guardian(role) and conversation.student is not None:
        preparation = (
            Preparation.objects.filter(
                conversation=conversation,
                author_id=conversation.student.user_id,
                author_role=RoleKind.STUDENT,
            )
            .select_related("experience")
            .first()
        )
    agreements = list(
        Agreement.objects.filter(conversation=conversation).select_related("action").order_by("pk")
    )
    return {"conversation": conversation, "preparation": preparation, "agreements": agreements}
