"""The student's own careers items: favourites and "does this fit me?" answers, in fixed queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch
from django.http import Http404

from koers.careers.models import (
    Favourite,
    FitReflection,
    InterestField,
    InterestResult,
    Occupation,
    Programme,
)
from koers.careers.queries.catalogue import display_name, visible_occupations, visible_programmes
from koers.careers.rules import can_keep_careers, can_see_careers_of_students, can_see_child_careers
from koers.common.lookups import one_or_404
from koers.schools.models import Role, Student
from koers.schools.queries import get_student_for, guardian_sees_dossier_of, visible_students


def fit_reflection_of(student: Student, occupation: Occupation) -> FitReflection | None:
    return FitReflection.objects.filter(student=student, occupation=occupation).first()


@dataclass
class Favourites:
    occupations: list[tuple[Occupation, str]]
    programmes: list[tuple[Programme, str]]
    shared: bool = False

    def __bool__(self) -> bool:
        return bool(self.occupations or self.programmes)


def favourites_of(student: Student, *, shared_only: bool = False) -> Favourites:
    """The student's favourite occupations and programmes, newest first, as the school shows them (two
    queries whatever their number); ``shared_only`` for a guardian."""
    found = Favourite.objects.filter(student=student).order_by("-created_at", "-pk")
    if shared_only:
        found = found.filter(shared_with_guardians=True)
    found = found.prefetch_related(
        Prefetch("occupation", queryset=visible_occupations()),
        Prefetch("programme", queryset=visible_programmes()),
    )
    rows = list(found)
    return Favourites(
        occupations=[(f.occupation, display_name(f.occupation)) for f in rows if f.occupation is not None],
        programmes=[(f.programme, display_name(f.programme)) for f in rows if f.programme is not None],
        shared=any(f.shared_with_guardians for f in rows),
    )


@dataclass
class StudentCareers:
    """What a guide (all) or a guardian (what is shared) sees of a student's exploring."""

    student: Student
    favourites: Favourites
    results: list[tuple[InterestResult, list[str]]]
    fit_reflections: list[FitReflection]
    sees: bool = True


def careers_of(student: Student, *, shared_only: bool) -> StudentCareers:
    """Favourites, the last test results and "does this fit me?" answers (fixed queries)."""
    results = InterestResult.objects.filter(student=student).order_by("-created_at", "-pk")
    reflections = (
        FitReflection.objects.filter(student=student).select_related("occupation").order_by("-updated_at")
    )
    field_names = {f.key: f.name for f in InterestField.objects.all()}
    if shared_only:
        results = results.filter(shared_with_guardians=True)
        reflections = reflections.none()
    return StudentCareers(
        student=student,
        favourites=favourites_of(student, shared_only=shared_only),
        results=[(r, [field_names.get(key, key) for key in r.top_fields()]) for r in results[:5]],
        fit_reflections=list(reflections[:10]),
    )


def get_followed_student_for(role: Role, pk: int) -> Student:
    """A student this mentor or counsellor follows now; otherwise 404."""
    if not can_see_careers_of_students(role):
        raise Http404
    return get_student_for(role, pk)


def get_child_for(role: Role, pk: int) -> tuple[Student, bool]:
    """A guardian's child and whether the guardian sees the shared dossier (the law decides); else 404."""
    if not can_see_child_careers(role):
        raise Http404
    student = get_student_for(role, pk)
    return student, guardian_sees_dossier_of(role, student)


def get_fit_voice_for(role: Role, pk: int) -> FitReflection:
    """A spoken "does this fit me?" answer: the student's own, or of a student this mentor or counsellor
    follows now (guardians do not see these answers); otherwise 404."""
    spoken = FitReflection.objects.select_related("student").exclude(voice="")
    if can_keep_careers(role):
        return one_or_404(spoken, pk=pk, student__user_id=role.user_id)
    if can_see_careers_of_students(role):
        return one_or_404(spoken, pk=pk, student__in=visible_students(role))
    raise Http404
