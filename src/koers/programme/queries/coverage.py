"""The coverage check of a school year's programme: which career competences and effective elements each year
level works on, where the gaps are, what is missing from a good programme (reflection, preparation, parents,
dealing with expectations, conversation rounds), how this year compares with the one before, and whether each
competence runs on from the first year level to the last.

Seven queries whatever the size of the school: the groups' tracks and levels, this year's activities and the
two behind their derived checks (``checks.py``), last year's activities, this year's conversation rounds (the
school years themselves are read by the caller).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from koers.conversations.models import ConversationRound
from koers.lob.vocabulary import Competence, Element
from koers.programme.models import Activity
from koers.programme.queries.checks import apply_checks
from koers.schools.models import Group, SchoolYear, Track

ACTIVITY_FIELDS = (
    "pk",
    "school_year",
    "precision",
    "title",
    "track",
    "year_level",
    "starts_on",
    "has_preparation",
    "has_reflection",
    "involves_guardians",
    "competences",
    "elements",
)


@dataclass
class CoverageRow:
    """One competence or element: how many activities work on it per year level, this year and last."""

    key: str
    label: str
    counts: list[int]  # per level, in the order of Coverage.levels
    levels: list[int]
    total: int
    last_year_total: int | None

    @property
    def cells(self) -> list[tuple[int, int]]:
        return list(zip(self.levels, self.counts, strict=True))

    @property
    def gaps(self) -> list[int]:
        return [level for level, count in self.cells if count == 0]

    @property
    def continuous(self) -> bool:
        return bool(self.levels) and not self.gaps

    @property
    def difference(self) -> int | None:
        return None if self.last_year_total is None else self.total - self.last_year_total


@dataclass
class LevelSummary:
    level: int
    activities: int
    with_preparation: int
    with_reflection: int
    with_guardians: int
    rounds: int
    last_year_activities: int | None

    @property
    def difference(self) -> int | None:
        return None if self.last_year_activities is None else self.activities - self.last_year_activities


@dataclass
class ActivityLine:
    pk: int
    title: str
    year_level: int
    starts_on: dt.date
    where: str = ""  # "leerjaar 3, oktober": made once per line here, not by a template tag per line
    href: str = ""  # filled in by the view, which knows the URLs


@dataclass
class Warning:
    key: str
    text: str
    activities: list[ActivityLine] = field(default_factory=list)


@dataclass
class Coverage:
    year: SchoolYear
    previous_year: SchoolYear | None
    track: str | None
    tracks: list[tuple[str, str]]
    levels: list[int]
    competences: list[CoverageRow]
    elements: list[CoverageRow]
    summaries: list[LevelSummary]
    warnings: list[Warning]
    total: int
    last_year_total: int | None


def _rows(
    choices: list[tuple[str, Any]],
    attribute: str,
    activities: list[dict[str, Any]],
    previous: list[dict[str, Any]] | None,
    levels: list[int],
) -> list[CoverageRow]:
    per_level: dict[str, Counter[int]] = defaultdict(Counter)
    for activity in activities:
        for key in activity[attribute]:
            per_level[key][activity["year_level"]] += 1
    last: Counter[str] = Counter()
    for activity in previous or []:
        for key in activity[attribute]:
            last[key] += 1
    rows = []
    for key, label in choices:
        counts = [per_level[key][level] for level in levels]
        rows.append(
            CoverageRow(
                key=key,
                label=str(label),
                counts=counts,
                levels=levels,
                total=sum(per_level[key].values()),
                last_year_total=None if previous is None else last[key],
            )
        )
    return rows


class _Lines:
    """Activity lines for the warnings, with their month names looked up once per month."""

    def __init__(self) -> None:
        self.months: dict[int, str] = {}
        self.text = _("leerjaar %(level)s, %(month)s")

    def __call__(self, activity: dict[str, Any]) -> ActivityLine:
        day: dt.date = activity["starts_on"]
        month = self.months.get(day.month)
        if month is None:
            month = self.months[day.month] = formats.date_format(day, "F")
        where = self.text % {"level": activity["year_level"], "month": month}
        return ActivityLine(activity["pk"], activity["title"], activity["year_level"], day, where)


def _warnings(
    activities: list[dict[str, Any]], levels: list[int], levels_with_groups: set[int], round_levels: set[int]
) -> list[Warning]:
    warnings: list[Warning] = []
    _line = _Lines()
    without_reflection = [_line(a) for a in activities if not a["has_reflection"]]
    if without_reflection:
        warnings.append(
            Warning(
                "no_reflection",
                ngettext(
                    "%(count)s activiteit zonder reflectie achteraf",
                    "%(count)s activiteiten zonder reflectie achteraf",
                    len(without_reflection),
                )
                % {"count": len(without_reflection)},
                without_reflection,
            )
        )
    without_preparation = [_line(a) for a in activities if not a["has_preparation"]]
    if without_preparation:
        warnings.append(
            Warning(
                "no_preparation",
                ngettext(
                    "%(count)s activiteit zonder voorbereiding",
                    "%(count)s activiteiten zonder voorbereiding",
                    len(without_preparation),
                )
                % {"count": len(without_preparation)},
                without_preparation,
            )
        )
    for level in levels:
        of_level = [a for a in activities if a["year_level"] == level]
        if not of_level:
            warnings.append(
                Warning(
                    f"empty_{level}", _("Leerjaar %(level)s heeft nog geen activiteiten.") % {"level": level}
                )
            )
        elif not any(a["involves_guardians"] for a in of_level):
            warnings.append(
                Warning(
                    f"no_guardians_{level}",
                    _("Leerjaar %(level)s: bij geen enkele activiteit zijn ouders of verzorgers betrokken.")
                    % {"level": level},
                )
            )
    for level in levels:
        if level in levels_with_groups and level not in round_levels:
            warnings.append(
                Warning(
                    f"no_round_{level}",
                    _("Leerjaar %(level)s: er is geen gespreksronde gepland.") % {"level": level},
                )
            )
    expectations = Competence.EXPECTATIONS.value
    for key, label in Element.choices:
        if levels and not any(key in a["elements"] for a in activities):
            warnings.append(
                Warning(
                    f"no_element_{key}",
                    _("Het werkzame element “%(element)s” komt in geen enkel leerjaar aan bod.")
                    % {"element": label},
                )
            )
    if not any(
        expectations in a["competences"] or Element.EXPECTATIONS.value in a["elements"] for a in activities
    ):
        warnings.append(
            Warning(
                "no_expectations",
                _("Omgaan met verwachtingen komt in dit programma nergens aan bod."),
            )
        )
    unmapped = [_line(a) for a in activities if not a["competences"]]
    if unmapped:
        warnings.append(
            Warning(
                "unmapped",
                ngettext(
                    "%(count)s activiteit is aan geen enkele loopbaancompetentie gekoppeld",
                    "%(count)s activiteiten zijn aan geen enkele loopbaancompetentie gekoppeld",
                    len(unmapped),
                )
                % {"count": len(unmapped)},
                unmapped,
            )
        )
    return warnings


def coverage(year: SchoolYear, previous_year: SchoolYear | None, track: str | None = None) -> Coverage:
    """The coverage of ``year`` for one track, or for all tracks together when ``track`` is None."""
    school_id = year.school_id
    group_levels: dict[str, set[int]] = defaultdict(set)
    for group_track, level in (
        Group.objects.filter(school_id=school_id, school_year=year)
        .values_list("track", "year_level")
        .distinct()
    ):
        group_levels[group_track].add(level)
    all_activities = list(
        Activity.objects.filter(school_id=school_id, school_year=year)
        .order_by("year_level", "starts_on", "title")
        .values(*ACTIVITY_FIELDS)
    )
    apply_checks(all_activities)
    order = {value: n for n, value in enumerate(Track.values)}
    present = sorted(set(group_levels) | {a["track"] for a in all_activities}, key=lambda t: order.get(t, 99))
    if track not in present:
        track = None
    activities = [a for a in all_activities if track is None or a["track"] == track]
    if track is None:
        levels_with_groups = set().union(*group_levels.values()) if group_levels else set()
    else:
        levels_with_groups = set(group_levels.get(track, set()))
    levels = sorted(levels_with_groups | {a["year_level"] for a in activities})

    previous: list[dict[str, Any]] | None = None
    if previous_year is not None:
        earlier = Activity.objects.filter(school_id=school_id, school_year=previous_year)
        if track is not None:
            earlier = earlier.filter(track=track)
        previous = [dict(row) for row in earlier.values("year_level", "competences", "elements")]
    round_counts = Counter(
        ConversationRound.objects.filter(school_id=school_id, school_year=year).values_list(
            "year_level", flat=True
        )
    )

    per_level = defaultdict(list)
    for activity in activities:
        per_level[activity["year_level"]].append(activity)
    last_per_level = Counter(a["year_level"] for a in previous or [])
    summaries = [
        LevelSummary(
            level=level,
            activities=len(per_level[level]),
            with_preparation=sum(1 for a in per_level[level] if a["has_preparation"]),
            with_reflection=sum(1 for a in per_level[level] if a["has_reflection"]),
            with_guardians=sum(1 for a in per_level[level] if a["involves_guardians"]),
            rounds=round_counts[level],
            last_year_activities=None if previous is None else last_per_level[level],
        )
        for level in levels
    ]
    labels = dict(Track.choices)
    return Coverage(
        year=year,
        previous_year=previous_year,
        track=track,
        tracks=[(t, str(labels.get(t, t))) for t in present],
        levels=levels,
        competences=_rows(Competence.choices, "competences", activities, previous, levels),
        elements=_rows(Element.choices, "elements", activities, previous, levels),
        summaries=summaries,
        warnings=_warnings(activities, levels, levels_with_groups, set(round_counts)),
        total=len(activities),
        last_year_total=None if previous is None else len(previous),
    )
