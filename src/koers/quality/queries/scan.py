"""Reads for the self-scan pages: the rounds, the form, and a round's results compared with the round
before, per statement and per theme, with the measured figures next to them.

``scan_results`` costs a fixed number of queries whatever the number of respondents or statements: the
previous round, the statements, the answers of both rounds in one query, the respondent counts in one,
and (for an open round) the live figures (measures.py).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count
from django.http import Http404

from koers.common.lookups import one_or_404
from koers.quality.measures import MEASURES, Figure, measure_all
from koers.quality.models import ScanAnswer, ScanItem, ScanResponse, ScanRound, Theme
from koers.quality.rules import can_answer_scan, can_run_quality
from koers.schools.models import Role

# An item whose average is below this is weak: it is offered as a goal.
WEAK_BELOW = 2.5


def get_scan_round_for(role: Role, pk: int) -> ScanRound:
    if not can_answer_scan(role):
        raise Http404
    return one_or_404(ScanRound.objects.filter(school_id=role.school_id).select_related("school_year"), pk=pk)


def get_scan_item_for(role: Role, pk: int) -> ScanItem:
    if not can_run_quality(role):
        raise Http404
    return one_or_404(ScanItem.objects.filter(school_id=role.school_id), pk=pk)


def rounds_of(role: Role) -> list[ScanRound]:
    """Every round with its number of respondents and whether this person answered. One query."""
    rounds: list[ScanRound] = list(
        ScanRound.objects.filter(school_id=role.school_id)
        .select_related("school_year")
        .annotate(respondents=Count("responses"))
    )
    answered = (
        set(
            ScanResponse.objects.filter(
                round__in=[r.pk for r in rounds], respondent_id=role.user_id
            ).values_list("round_id", flat=True)
        )
        if rounds
        else set()
    )
    for scan_round in rounds:
        scan_round.answered = scan_round.pk in answered  # type: ignore[attr-defined]
    return rounds


def active_items(role: Role) -> list[ScanItem]:
    return list(ScanItem.objects.filter(school_id=role.school_id, active=True))


def has_answered(role: Role, scan_round: ScanRound) -> bool:
    return ScanResponse.objects.filter(round=scan_round, respondent_id=role.user_id).exists()


@dataclass
class ItemResult:
    item: ScanItem
    average: float | None
    answered: int
    unknown: int
    remarks: list[str]
    previous_average: float | None
    figure: Figure | None
    previous_figure: Figure | None

    @property
    def difference(self) -> float | None:
        if self.average is None or self.previous_average is None:
            return None
        return round(self.average - self.previous_average, 1)

    @property
    def weak(self) -> bool:
        return self.average is not None and self.average < WEAK_BELOW

    @property
    def measure_label(self) -> str:
        return str(MEASURES.get(self.item.measure, ""))


@dataclass
class ThemeResult:
    key: str
    label: str
    items: list[ItemResult] = field(default_factory=list)
    average: float | None = None
    previous_average: float | None = None


@dataclass
class ChartBar:
    label: str
    value: float
    x: int
    y: int
    width: int
    text_x: int
    text_y: int
    previous: bool


@dataclass
class ScanChart:
    width: int
    height: int
    bars: list[ChartBar]
    themes: list[tuple[str, int]]  # label and its y
    description: str


@dataclass
class ScanResults:
    round: ScanRound
    previous: ScanRound | None
    respondents: int
    previous_respondents: int
    themes: list[ThemeResult]
    chart: ScanChart | None

    @property
    def weak_items(self) -> list[ItemResult]:
        return [result for theme in self.themes for result in theme.items if result.weak]


def _mean(scores: list[int]) -> float | None:
    return round(sum(scores) / len(scores), 1) if scores else None


def scan_results(role: Role, scan_round: ScanRound, figures: dict[str, Figure] | None = None) -> ScanResults:
    previous = (
        ScanRound.objects.filter(
            school_id=role.school_id, closed_at__isnull=False, opened_at__lt=scan_round.opened_at
        )
        .order_by("-opened_at")
        .first()
    )
    rounds = [scan_round.pk] + ([previous.pk] if previous else [])
    scores: dict[tuple[int, int], list[int]] = defaultdict(list)
    unknown: dict[int, int] = defaultdict(int)
    remarks: dict[int, list[str]] = defaultdict(list)
    for item_id, round_id, score, remark in ScanAnswer.objects.filter(
        response__round_id__in=rounds
    ).values_list("item_id", "response__round_id", "score", "remark"):
        if score is not None:
            scores[(round_id, item_id)].append(score)
        elif round_id == scan_round.pk:
            unknown[item_id] += 1
        if remark and round_id == scan_round.pk:
            remarks[item_id].append(remark)
    counts = dict(
        ScanResponse.objects.filter(round_id__in=rounds)
        .values("round_id")
        .annotate(n=Count("pk"))
        .values_list("round_id", "n")
    )
    answered_items = {item_id for (round_id, item_id) in scores if round_id == scan_round.pk} | set(unknown)
    items = [
        item
        for item in ScanItem.objects.filter(school_id=role.school_id).order_by("order", "pk")
        if (scan_round.is_open and item.active) or item.pk in answered_items
    ]
    live: dict[str, Figure] = {}
    if scan_round.is_open:
        live = figures if figures is not None else measure_all(role.school)
    themes = {key: ThemeResult(key=key, label=str(label)) for key, label in Theme.choices}
    for item in items:
        figure = (
            live.get(item.measure)
            if scan_round.is_open
            else Figure.from_json(scan_round.measures.get(item.measure))
        )
        previous_figure = (
            Figure.from_json(previous.measures.get(item.measure)) if previous and item.measure else None
        )
        this = scores.get((scan_round.pk, item.pk), [])
        themes[item.theme].items.append(
            ItemResult(
                item=item,
                average=_mean(this),
                answered=len(this),
                unknown=unknown.get(item.pk, 0),
                remarks=remarks.get(item.pk, []),
                previous_average=_mean(scores.get((previous.pk, item.pk), [])) if previous else None,
                figure=figure if item.measure else None,
                previous_figure=previous_figure,
            )
        )
    for theme in themes.values():
        theme.average = _mean([s for r in theme.items for s in scores.get((scan_round.pk, r.item.pk), [])])
        if previous:
            theme.previous_average = _mean(
                [s for r in theme.items for s in scores.get((previous.pk, r.item.pk), [])]
            )
    shown = [theme for theme in themes.values() if theme.items]
    return ScanResults(
        round=scan_round,
        previous=previous,
        respondents=counts.get(scan_round.pk, 0),
        previous_respondents=counts.get(previous.pk, 0) if previous else 0,
        themes=shown,
        chart=_chart(shown, scan_round, previous),
    )


# The chart: per theme a bar for this round and one for the previous, on the 1-4 scale. Drawn on the server.
WIDTH = 640
LABEL_COLUMN = 250
BAR = 14
GAP = 4
THEME_GAP = 16


def _chart(themes: list[ThemeResult], scan_round: ScanRound, previous: ScanRound | None) -> ScanChart | None:
    if not any(theme.average is not None for theme in themes):
        return None
    room = WIDTH - LABEL_COLUMN - 40
    bars: list[ChartBar] = []
    labels: list[tuple[str, int]] = []
    lines: list[str] = []
    y = 4
    for theme in themes:
        labels.append((theme.label, y + BAR))
        line = f"{theme.label}: {theme.average if theme.average is not None else '-'}"
        for value, is_previous in ((theme.average, False), (theme.previous_average, True)):
            if is_previous and previous is None:
                continue
            if value is not None:
                width = max(2, round(room * value / 4))
                bars.append(
                    ChartBar(
                        label=previous.name if is_previous and previous else scan_round.name,
                        value=value,
                        x=LABEL_COLUMN,
                        y=y,
                        width=width,
                        text_x=LABEL_COLUMN + width + 4,
                        text_y=y + BAR - 3,
                        previous=is_previous,
                    )
                )
            y += BAR + GAP
        if previous is not None:
            line += (
                f" ({previous.name}: {theme.previous_average if theme.previous_average is not None else '-'})"
            )
        lines.append(line)
        y += THEME_GAP
    return ScanChart(width=WIDTH, height=y, bars=bars, themes=labels, description="; ".join(lines))


def results_as_rows(results: ScanResults) -> tuple[list[str], list[list[Any]]]:
    """The results as a CSV table: theme, statement, this round, the one before, measured figures."""
    header = [
        "thema",
        "stelling",
        "gemiddelde",
        "antwoorden",
        "weet niet",
        "vorige ronde",
        "gemeten (%)",
        "gemeten vorige ronde (%)",
    ]
    rows = [
        [
            theme.label,
            result.item.text,
            result.average,
            result.answered,
            result.unknown,
            result.previous_average,
            result.figure.value if result.figure else None,
            result.previous_figure.value if result.previous_figure else None,
        ]
        for theme in results.themes
        for result in theme.items
    ]
    return header, rows


def all_items(role: Role) -> list[ScanItem]:
    return list(ScanItem.objects.filter(school_id=role.school_id).order_by("theme", "order", "pk"))
