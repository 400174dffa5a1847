"""Reads for giving compliments."""

from __future__ import annotations

from django.http import Http404

from koers.dossier.rules import can_compliment
from koers.schools.models import Role, Student
from koers.schools.queries import complimentable_students


def get_complimentable_student_for(role: Role, pk: int) -> Student:
    """A student this role may give a compliment (``complimentable_students``); otherwise 404."""
    student = complimentable_students(role).select_related("user").filter(pk=pk).first()
    if student is None or not can_compliment(role, student):
        raise Http404
    return student
