"""What a student can link to the reasons for a choice, and the links as each reader sees them.

The options are the student's own dossier items and test results, and the careers catalogue this school
shows with the student's favourites first. A guardian sees only what the student shares with guardians (the
dossier's rule); occupations and programmes are catalogue entries, not the student's writing, so everyone
sees them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from koers.careers.models import Favourite, InterestField, InterestResult, Occupation, Programme
from koers.careers.queries.catalogue import display_name, visible_occupations, visible_programmes
from koers.choices.models import Choice
from koers.common.lookups import one_or_404
from koers.dossier.models import Experience, Reflection, StudentTrait
from koers.schools.models import Role, RoleKind, Student
from koers.schools.queries import guardian_sees_dossier_of, visible_students


@dataclass
class LinkOptions:
    reflections: QuerySet[Reflection]
    traits: QuerySet[StudentTrait]
    occupations: QuerySet[Occupation]
    programmes: QuerySet[Programme]
    interest_results: QuerySet[InterestResult]
    field_names: dict[str, str]


def link_options(student: Student) -> LinkOptions:
    """The querysets the choice form offers (each one query when the form renders)."""
    favourite_occupation = Favourite.objects.filter(student=student, occupation=OuterRef("pk"))
    favourite_programme = Favourite.objects.filter(student=student, programme=OuterRef("pk"))
    return LinkOptions(
        reflections=Reflection.objects.filter(student=student)
        .select_related("experience")
        .order_by("-created_at", "-pk"),
        traits=StudentTrait.objects.filter(student=student).select_related("trait").order_by("kind", "pk"),
        occupations=visible_occupations()
        .annotate(favourite=Exists(favourite_occupation))
        .order_by("-favourite", "order", "pk"),
        programmes=visible_programmes()
        .annotate(favourite=Exists(favourite_programme))
        .order_by("-favourite", "kind", "level", "order", "pk"),
        interest_results=InterestResult.objects.filter(student=student).order_by("-created_at", "-pk"),
        field_names=interest_field_names(),
    )


def interest_field_names() -> dict[str, str]:
    return {f.key: f.name for f in InterestField.objects.all()}


def with_links(choices: QuerySet[Choice], *, shared_only: bool = False) -> QuerySet[Choice]:
    """Prefetch everything the argument links to: six queries, whatever the number of choices and links.
    ``shared_only`` (a guardian) keeps only the dossier items and results shared with guardians."""
    experiences = Experience.objects.order_by("-happened_on", "-pk")
    reflections = Reflection.objects.select_related("experience").order_by("-created_at", "-pk")
    traits = StudentTrait.objects.select_related("trait").order_by("kind", "pk")
    results = InterestResult.objects.order_by("-created_at", "-pk")
    if shared_only:
        experiences = experiences.filter(shared_with_guardians=True)
        reflections = reflections.filter(shared_with_guardians=True)
        traits = traits.filter(shared_with_guardians=True)
        results = results.filter(shared_with_guardians=True)
    return choices.prefetch_related(
        Prefetch("experiences", queryset=experiences),
        Prefetch("reflections", queryset=reflections),
        Prefetch("traits", queryset=traits),
        Prefetch("occupations", queryset=visible_occupations().order_by("order", "pk")),
        Prefetch("linked_programmes", queryset=visible_programmes().order_by("kind", "level", "order", "pk")),
        Prefetch("interest_results", queryset=results),
    )


def label_links(choices: Iterable[Choice], field_names: dict[str, str]) -> None:
    """Give each prefetched choice the names a page shows: ``occupation_names``, ``programme_names`` and
    ``result_lines`` (date and top fields of each linked interest test)."""
    for choice in choices:
        choice.occupation_names = [display_name(o) for o in choice.occupations.all()]  # type: ignore[attr-defined]
        choice.programme_names = [display_name(p) for p in choice.linked_programmes.all()]  # type: ignore[attr-defined]
        choice.result_lines = [  # type: ignore[attr-defined]
            (r, [field_names.get(key, key) for key in r.top_fields()]) for r in choice.interest_results.all()
        ]


def needs_field_names(choices: Iterable[Choice]) -> bool:
    return any(c.interest_results.all() for c in choices)


def get_voice_for(role: Role, pk: int) -> Choice:
    """A choice's spoken reasons: for the student, the mentors and counsellor who follow them, and a guardian
    who may see the student's dossier (family rules); anything else is a 404."""
    choice = one_or_404(
        Choice.objects.select_related("student__user")
        .exclude(voice="")
        .filter(student__in=visible_students(role)),
        pk=pk,
    )
    if role.kind == RoleKind.GUARDIAN and not guardian_sees_dossier_of(role, choice.student):
        raise Http404
    return choice
