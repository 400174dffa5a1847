"""The school leader's page: programme health, conversations per round, the conversation mirror over time,
the latest self-scan, goals and their progress, evaluations, leavers and the staff's learning needs.
Aggregates only: no student's name, no single reflection, no answer that points at one person.

A fixed number of queries whatever the size of the school (a guard in tests/quality checks it at two sizes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from koers.conversations.models import ConversationRound, ConversationStatus
from koers.conversations.queries.mirror import MirrorRow, school_mirror
from koers.quality.measures import MEASURES, Figure, current_year, measure_all
from koers.quality.models import Audience, EvaluationRound, ScanRound
from koers.quality.queries.evaluations import EvaluationResults, evaluation_results
from koers.quality.queries.goals import GoalTree, goal_tree
from koers.quality.queries.leavers import OutcomeYear, outcomes
from koers.quality.queries.scan import ScanResults, scan_results
from koers.schools.models import Membership, Role


@dataclass
class RoundLine:
    name: str
    year_level: int
    starts_on: dt.date
    ends_on: dt.date
    students: int
    held: int

    @property
    def figure(self) -> Figure:
        return Figure(self.held, self.students)


@dataclass
class LeaderQuality:
    figures: list[tuple[str, Figure]]
    rounds: list[RoundLine]
    mirror_rounds: list[MirrorRow]
    mirror_school: MirrorRow
    scan: ScanResults | None
    goals: GoalTree
    evaluations: list[EvaluationResults]
    leavers: list[OutcomeYear]
    extra: dict[str, Any]


def conversation_rounds(role: Role, day: dt.date) -> list[RoundLine]:
    """This year's conversation rounds: students in the round's year level now, and how many of them had a
    closed conversation in the round. Three queries."""
    year = current_year(role.school_id, day)
    if year is None:
        return []
    rounds = list(
        ConversationRound.objects.filter(school_id=role.school_id, school_year=year)
        .annotate(
            held=Count(
                "conversations__student",
                filter=Q(conversations__status=ConversationStatus.CLOSED),
                distinct=True,
            )
        )
        .order_by("starts_on", "year_level")
    )
    per_level = dict(
        Membership.objects.current(day)
        .filter(school_id=role.school_id, group__school_year=year)
        .values("group__year_level")
        .annotate(n=Count("student", distinct=True))
        .values_list("group__year_level", "n")
    )
    return [
        RoundLine(r.name, r.year_level, r.starts_on, r.ends_on, per_level.get(r.year_level, 0), r.held)
        for r in rounds
    ]


def leader_quality(role: Role, *, day: dt.date | None = None) -> LeaderQuality:
    day = day or timezone.localdate()
    figures = measure_all(role.school, day=day)
    by_round, _by_level, whole = school_mirror(role)
    latest = ScanRound.objects.filter(school_id=role.school_id).select_related("school_year").first()
    return LeaderQuality(
        figures=[(str(label), figures[key]) for key, label in MEASURES.items()],
        rounds=conversation_rounds(role, day),
        mirror_rounds=by_round[-6:],
        mirror_school=whole,
        scan=scan_results(role, latest, figures) if latest else None,
        goals=goal_tree(role, figures),
        evaluations=latest_evaluations(role),
        leavers=outcomes(role)[:3],
        extra={},
    )


def latest_evaluations(role: Role) -> list[EvaluationResults]:
    """The latest closed round of each audience with its results (the same threshold as the results page).
    One query for the rounds, three per audience that has one."""
    latest: dict[str, EvaluationRound] = {}
    for evaluation in EvaluationRound.objects.filter(
        school_id=role.school_id, closed_at__isnull=False
    ).order_by("-closed_at"):
        latest.setdefault(evaluation.audience, evaluation)
    return [evaluation_results(latest[audience]) for audience in Audience.values if audience in latest]
