"""Figures Koers measures from what the school already records, to sit next to the team's own judgement
(self-scan items) and to show a goal's progress without anyone counting by hand.

``measure_all(school)`` computes every figure at once in a fixed number of queries (nine, whatever the
size of the school): the current school year, the current students, conversations, reflections, guardians,
this year's activities (one row per activity, summed here), the year levels with groups, and the latest
closed student evaluation with its answers. Every figure is a share of a whole (a percentage), counted
over groups, never naming a student.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from koers.conversations.models import Conversation, ConversationStatus
from koers.dossier.models import Reflection
from koers.lob.vocabulary import Competence
from koers.programme.models import Activity
from koers.programme.queries.checks import apply_checks
from koers.quality.models import Audience, EvaluationResponse, EvaluationRound
from koers.schools.models import Group, Guardianship, Membership, School, SchoolYear

# The student evaluation counts as "positive" from this score on its 1-4 scale.
POSITIVE_FROM = 3


@dataclass(frozen=True)
class Figure:
    """``count`` of ``of``: ``value`` is the percentage, None when there is nothing to count."""

    count: int
    of: int

    @property
    def value(self) -> int | None:
        return round(100 * self.count / self.of) if self.of else None

    def as_json(self) -> dict[str, Any]:
        return {"value": self.value, "count": self.count, "of": self.of}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Figure | None:
        if not data:
            return None
        return cls(count=int(data.get("count") or 0), of=int(data.get("of") or 0))


MEASURES: dict[str, Promise] = {
    "conversations_held": _("Leerlingen met een afgerond loopbaangesprek dit schooljaar"),
    "reflected": _("Leerlingen die dit schooljaar een reflectie schreven"),
    "guardians_linked": _("Leerlingen met een ouder of verzorger in Koers"),
    "activities_with_preparation": _("Activiteiten van dit jaar met een voorbereiding"),
    "activities_with_reflection": _("Activiteiten van dit jaar met een reflectie achteraf"),
    "activities_with_guardians": _("Activiteiten van dit jaar waar ouders bij betrokken zijn"),
    "competence_coverage": _("Loopbaancompetenties die in elk leerjaar aan bod komen"),
    "student_evaluation": _("Leerlingen die de LOB-hulp nuttig vinden (laatste evaluatie)"),
}


def measure_choices() -> list[tuple[str, Any]]:
    return [("", _("geen: we meten het zelf")), *MEASURES.items()]


def label_of(key: str) -> str:
    return str(MEASURES.get(key, ""))


def current_year(school_id: int, day: dt.date) -> SchoolYear | None:
    years = SchoolYear.objects.filter(school_id=school_id)
    return (
        years.filter(starts_on__lte=day, ends_on__gte=day).first() or years.filter(starts_on__lte=day).first()
    )


def measure_all(school: School, *, day: dt.date | None = None) -> dict[str, Figure]:
    day = day or timezone.localdate()
    year = current_year(school.pk, day)
    current = Membership.objects.current(day).filter(school_id=school.pk).values("student_id")
    students = current.distinct().count()
    figures: dict[str, Figure] = {}
    if year is not None:
        start, end = year.starts_on, min(year.ends_on, day)
    else:
        start, end = day, day
    held = (
        Conversation.objects.filter(
            school_id=school.pk,
            status=ConversationStatus.CLOSED,
            scheduled_at__date__gte=start,
            scheduled_at__date__lte=end,
            student_id__in=current,
        )
        .values("student_id")
        .distinct()
        .count()
    )
    figures["conversations_held"] = Figure(held, students)
    reflected = (
        Reflection.objects.filter(
            school_id=school.pk,
            created_at__date__gte=start,
            created_at__date__lte=end,
            student_id__in=current,
        )
        .values("student_id")
        .distinct()
        .count()
    )
    figures["reflected"] = Figure(reflected, students)
    linked = (
        Guardianship.objects.filter(school_id=school.pk, student_id__in=current)
        .values("student_id")
        .distinct()
        .count()
    )
    figures["guardians_linked"] = Figure(linked, students)
    activities: list[dict[str, Any]] = []
    levels: set[int] = set()
    if year is not None:
        rows = Activity.objects.filter(school_year=year).values(
            "pk",
            "school_year",
            "starts_on",
            "precision",
            "year_level",
            "competences",
            "has_preparation",
            "has_reflection",
            "involves_guardians",
        )
        activities = [dict(row) for row in rows]
        apply_checks(activities)
        levels = set(Group.objects.filter(school_year=year).values_list("year_level", flat=True).distinct())
    total = len(activities)
    figures["activities_with_preparation"] = Figure(sum(a["has_preparation"] for a in activities), total)
    figures["activities_with_reflection"] = Figure(sum(a["has_reflection"] for a in activities), total)
    figures["activities_with_guardians"] = Figure(sum(a["involves_guardians"] for a in activities), total)
    covered = {
        (c, a["year_level"]) for a in activities for c in a["competences"] if a["year_level"] in levels
    }
    competences = [c.value for c in Competence]
    continuous = sum(all((c, level) in covered for level in levels) for c in competences) if levels else 0
    figures["competence_coverage"] = Figure(continuous, len(competences) if levels else 0)
    figures["student_evaluation"] = student_evaluation_figure(school)
    return figures


def student_evaluation_figure(school: School) -> Figure:
    """Share of scale answers of POSITIVE_FROM or more in the latest closed student round. Two queries."""
    last = (
        EvaluationRound.objects.filter(
            school_id=school.pk, audience=Audience.STUDENT, closed_at__isnull=False
        )
        .order_by("-closed_at")
        .first()
    )
    if last is None:
        return Figure(0, 0)
    scale_keys = [q["key"] for q in last.questions if q.get("kind") == "scale"]
    positive = answered = 0
    for answers in EvaluationResponse.objects.filter(round=last).values_list("answers", flat=True):
        for key in scale_keys:
            score = answers.get(key)
            if isinstance(score, int):
                answered += 1
                positive += score >= POSITIVE_FROM
    return Figure(positive, answered)
