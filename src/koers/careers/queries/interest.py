"""The interest test: its items, a student's results over time, what a result leads to (fixed queries)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from koers.careers.models import InterestField, InterestItem, InterestResult, Sector
from koers.careers.rules import can_keep_careers
from koers.common.lookups import one_or_404
from koers.schools.models import Role, Student


def test_items() -> list[InterestItem]:
    return list(InterestItem.objects.select_related("field").order_by("field__order", "order"))


def results_of(student: Student) -> QuerySet[InterestResult]:
    return InterestResult.objects.filter(student=student).order_by("-created_at", "-pk")


def get_result_for(role: Role, pk: int) -> InterestResult:
    """One of the student's own results; anyone else's is a 404."""
    if not can_keep_careers(role):
        raise Http404
    return one_or_404(InterestResult.objects.select_related("student"), pk=pk, student__user_id=role.user_id)


@dataclass
class FieldScore:
    field: InterestField
    score: int
    most: int
    sectors: list[Sector]

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.most) if self.most else 0


def profile(result: InterestResult) -> list[FieldScore]:
    """The fields of interest, strongest first, each with the sectors it leads to (two queries)."""
    fields = InterestField.objects.prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.order_by("order")), "items"
    ).order_by("order")
    found = []
    for field in fields:
        count = len(field.items.all())
        found.append(
            FieldScore(field, int(result.scores.get(field.key, 0)), 2 * count, list(field.sectors.all()))
        )
    return sorted(found, key=lambda s: (-s.percent, s.field.order))
