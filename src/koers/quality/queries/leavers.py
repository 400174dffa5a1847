"""Reads for leavers: the counsellor's list (names: the counsellor records them), and the outcome figures per
leaving year and track, where no figure is shown for fewer than ``MIN_GROUP`` students.

``outcomes`` costs two queries whatever the number of leavers: the leavers counted per year, track and
destination, and the leavers' anonymous answers (they carry only their leaving year).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from koers.common.lookups import one_or_404
from koers.quality.measures import POSITIVE_FROM, Figure
from koers.quality.models import Audience, Destination, EvaluationResponse, EvaluationRound, Leaver
from koers.quality.queries.evaluations import MIN_GROUP
from koers.quality.rules import can_run_quality
from koers.schools.models import Role, Track


def leavers_of(role: Role, *, left_in: str = "") -> list[Leaver]:
    found = Leaver.objects.filter(school_id=role.school_id).order_by("-left_in", "name", "pk")
    if left_in:
        found = found.filter(left_in=left_in)
    return list(found)


def leaving_years(role: Role) -> list[str]:
    return list(
        Leaver.objects.filter(school_id=role.school_id)
        .values_list("left_in", flat=True)
        .distinct()
        .order_by("-left_in")
    )


def get_leaver_for(role: Role, pk: int) -> Leaver:
    if not can_run_quality(role):
        raise Http404
    return one_or_404(Leaver.objects.filter(school_id=role.school_id), pk=pk)


def open_leaver_rounds(role: Role) -> QuerySet[EvaluationRound]:
    return EvaluationRound.objects.filter(
        school_id=role.school_id, audience=Audience.LEAVER, closed_at__isnull=True
    )


@dataclass
class OutcomeLine:
    label: str  # the track, or "all tracks"
    count: int
    destinations: list[tuple[str, Figure]] = field(default_factory=list)
    stayed: Figure | None = None  # of those whose first year is known

    @property
    def shown(self) -> bool:
        return self.count >= MIN_GROUP


@dataclass
class OutcomeYear:
    left_in: str
    total: OutcomeLine
    tracks: list[OutcomeLine]
    rating: Figure | None  # share of positive answers of former students, from MIN_GROUP respondents
    respondents: int


@dataclass
class Tally:
    count: int = 0
    per_destination: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    stayed: int = 0
    known: int = 0

    def add(self, destination: str, n: int, stayed: int, known: int) -> None:
        self.count += n
        self.per_destination[destination] += n
        self.stayed += stayed
        self.known += known

    def line(self, label: str) -> OutcomeLine:
        if self.count < MIN_GROUP:
            return OutcomeLine(label=label, count=self.count)
        return OutcomeLine(
            label=label,
            count=self.count,
            destinations=[
                (str(name), Figure(self.per_destination.get(value, 0), self.count))
                for value, name in Destination.choices
            ],
            stayed=Figure(self.stayed, self.known) if self.known >= MIN_GROUP else None,
        )


def outcomes(role: Role) -> list[OutcomeYear]:
    rows = (
        Leaver.objects.filter(school_id=role.school_id)
        .values("left_in", "track", "destination")
        .annotate(
            n=Count("pk"),
            stayed_yes=Count("pk", filter=Q(stayed=True)),
            known=Count("pk", filter=Q(stayed__isnull=False)),
        )
        .order_by()
    )
    years: dict[str, Tally] = defaultdict(Tally)
    tracks: dict[str, dict[str, Tally]] = defaultdict(lambda: defaultdict(Tally))
    for row in rows:
        years[row["left_in"]].add(row["destination"], row["n"], row["stayed_yes"], row["known"])
        tracks[row["left_in"]][row["track"]].add(
            row["destination"], row["n"], row["stayed_yes"], row["known"]
        )
    answers: dict[str, list[dict[str, object]]] = defaultdict(list)
    for group, given in EvaluationResponse.objects.filter(
        school_id=role.school_id, round__audience=Audience.LEAVER
    ).values_list("group", "answers"):
        answers[group].append(given)
    track_labels = dict(Track.choices)
    result = []
    for left_in in sorted(years, reverse=True):
        given = answers.get(left_in, [])
        scores = [value for one in given for value in one.values() if isinstance(value, int)]
        rating = None
        if len(given) >= MIN_GROUP and scores:
            rating = Figure(sum(score >= POSITIVE_FROM for score in scores), len(scores))
        result.append(
            OutcomeYear(
                left_in=left_in,
                total=years[left_in].line(""),
                tracks=[
                    tally.line(str(track_labels.get(track, track or "—")))
                    for track, tally in sorted(tracks[left_in].items())
                ],
                rating=rating,
                respondents=len(given),
            )
        )
    return result
