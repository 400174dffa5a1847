"""Reads for the student's qualities and motives."""

from __future__ import annotations

from django.db.models import Prefetch

from koers.dossier.models import (
    Experience,
    StudentTrait,
)
from koers.dossier.queries.overview import Visibility, own_item, shared_only
from koers.schools.models import Role, Student


def traits_of(student: Student, visibility: Visibility) -> list[StudentTrait]:
    # The student's own experiences only (the domain links no others): this also lets SQLite find them on
    # the student index instead of walking every experience of the school.
    linked = shared_only(Experience.objects.filter(student=student).order_by("-happened_on"), visibility)
    return list(
        shared_only(StudentTrait.objects.filter(student=student), visibility)
        .select_related("trait")
        .prefetch_related(Prefetch("experiences", queryset=linked))
    )


def get_trait_for(role: Role, pk: int) -> StudentTrait:
    return own_item(StudentTrait.objects.select_related("trait"), role, pk)
