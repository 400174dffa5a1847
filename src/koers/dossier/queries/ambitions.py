"""Reads for ambitions and their steps."""

from __future__ import annotations

from django.db.models import Prefetch

from koers.dossier.models import (
    Ambition,
    AmbitionStep,
)
from koers.dossier.queries.overview import Visibility, own_item, shared_only
from koers.schools.models import Role, Student


def ambitions_of(student: Student, visibility: Visibility) -> list[Ambition]:
    return list(
        shared_only(Ambition.objects.filter(student=student), visibility).prefetch_related(
            Prefetch("steps", queryset=AmbitionStep.objects.order_by("order", "pk"))
        )
    )


def get_ambition_for(role: Role, pk: int) -> Ambition:
    return own_item(Ambition.objects.all(), role, pk)


def get_step_for(role: Role, pk: int) -> AmbitionStep:
    return own_item(AmbitionStep.objects.select_related("ambition"), role, pk, "ambition__student")
