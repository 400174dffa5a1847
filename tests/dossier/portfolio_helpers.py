"""Builders for the portfolio tests (overview, LOB-lijn, traits, ambitions, network, actions, sharing)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_scopes import scopes_disabled

from koers.lob.models import Trait
from koers.lob.vocabulary import Competence, TraitKind
from koers.schools.models import Role, RoleKind, Student
from tests import factories as f


def today() -> dt.date:
    return timezone.localdate()


def role_of(student: Student) -> Role:
    with scopes_disabled():
        return Role.objects.select_related("school").get(
            user=student.user, school=student.school, kind=RoleKind.STUDENT
        )


def role_of_user(world, persona: str, kind: str) -> Role:
    with scopes_disabled():
        return Role.objects.select_related("school").get(
            user=world.users[persona], school=world.school, kind=kind
        )


def fill_dossier(student: Student, n: int, *, shared: bool = False) -> None:
    """``n`` of everything: experiences with evidence and reflections, traits linked to them, compliments,
    ambitions with steps, contacts and actions that are open, overdue and done."""
    competences = list(Competence)
    with scopes_disabled():
        qualities = list(Trait.objects.filter(kind=TraitKind.QUALITY).order_by("order")[:n])
        motives = list(Trait.objects.filter(kind=TraitKind.MOTIVE).order_by("order")[:n])
        for i in range(n):
            experience = f.ExperienceFactory(
                student=student, happened_on=today() - dt.timedelta(days=i + 1), shared_with_guardians=shared
            )
            f.EvidenceFactory(experience=experience)
            f.ReflectionFactory(
                experience=experience,
                competence=competences[i % len(competences)],
                shared_with_guardians=shared,
            )
            for trait in (qualities[i], motives[i]):
                claimed = f.StudentTraitFactory(
                    student=student, trait=trait, kind=trait.kind, shared_with_guardians=shared
                )
                claimed.experiences.add(experience)
            f.ComplimentFactory(student=student, trait=qualities[i])
            ambition = f.AmbitionFactory(student=student, dream=f"Droom {i}", shared_with_guardians=shared)
            f.AmbitionStepFactory(ambition=ambition, due_on=today() + dt.timedelta(days=i + 3))
            f.AmbitionStepFactory(ambition=ambition, done=True)
            f.ContactFactory(student=student, shared_with_guardians=shared)
            f.ActionFactory(student=student, experience=experience, shared_with_guardians=shared)
            f.ActionFactory(
                student=student, due_on=today() - dt.timedelta(days=2), shared_with_guardians=shared
            )
            f.ActionFactory(student=student, status="done", shared_with_guardians=shared)
