"""Reads for the goals: the list with live progress (one set of measures for all goals), one goal with its
reviews. The list costs a fixed number of queries whatever the number of goals."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from koers.common.lookups import one_or_404
from koers.quality.measures import Figure, label_of, measure_all
from koers.quality.models import Goal, GoalLevel, GoalReview
from koers.quality.rules import can_read_goals
from koers.schools.models import Role


def get_goal_for(role: Role, pk: int) -> Goal:
    if not can_read_goals(role):
        raise Http404
    return one_or_404(
        Goal.objects.filter(school_id=role.school_id).select_related("owner", "parent", "scan_item"), pk=pk
    )


@dataclass
class Progress:
    goal: Goal
    figure: Figure | None

    @property
    def current(self) -> int | None:
        return self.figure.value if self.figure else None

    @property
    def measure_label(self) -> str:
        return label_of(self.goal.measure)

    @property
    def percent_of_target(self) -> int | None:
        """How far from the baseline to the target (0-100), for the progress bar."""
        if self.current is None or self.goal.target is None:
            return None
        start = self.goal.baseline or 0
        if self.goal.target <= start:
            return 100 if self.current >= self.goal.target else 0
        return max(0, min(100, round(100 * (self.current - start) / (self.goal.target - start))))

    @property
    def reached(self) -> bool:
        return self.current is not None and self.goal.target is not None and self.current >= self.goal.target


@dataclass
class GoalTree:
    strategic: list[tuple[Goal, list[Progress]]]
    loose: list[Progress]  # tactical goals under no strategic goal


def goal_tree(role: Role, figures: dict[str, Figure] | None = None) -> GoalTree:
    goals = list(
        Goal.objects.filter(school_id=role.school_id).select_related("owner").order_by("due_on", "pk")
    )
    figures = figures if figures is not None else measure_all(role.school)
    children: dict[int | None, list[Progress]] = {}
    for goal in goals:
        if goal.level == GoalLevel.TACTICAL:
            children.setdefault(goal.parent_id, []).append(Progress(goal, figures.get(goal.measure)))
    strategic = [(goal, children.pop(goal.pk, [])) for goal in goals if goal.level == GoalLevel.STRATEGIC]
    loose = [progress for progress_list in children.values() for progress in progress_list]
    return GoalTree(strategic=strategic, loose=loose)


def reviews_of(goal: Goal) -> QuerySet[GoalReview]:
    return goal.reviews.select_related("by")


def strategic_goals(role: Role) -> QuerySet[Goal]:
    return Goal.objects.filter(school_id=role.school_id, level=GoalLevel.STRATEGIC)
