"""The student's own: favourites and the "does this fit me?" reflection on an occupation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.careers.models import AmbitionLink, Favourite, FitReflection, InterestResult, Occupation, Programme
from koers.careers.rules import can_keep_careers
from koers.dossier.domain.portfolio import create_ambition
from koers.schools.models import Role, Student


@transaction.atomic
def toggle_favourite(
    *, by: Role, student: Student, occupation: Occupation | None = None, programme: Programme | None = None
) -> bool:
    """Keep the occupation or programme as a favourite, or let it go when it already is one; True when it is
    a favourite afterwards."""
    require(by, can_keep_careers)
    if (occupation is None) == (programme is None):
        raise ValidationError(_("Kies één beroep of één opleiding."))
    target = {"occupation": occupation} if occupation is not None else {"programme": programme}
    deleted, _rows = Favourite.objects.filter(student=student, **target).delete()
    if deleted:
        return False
    shared = Favourite.objects.filter(student=student).values_list("shared_with_guardians", flat=True).first()
    Favourite.objects.create(
        school_id=student.school_id,
        student=student,
        shared_with_guardians=bool(shared)
        if shared is not None
        else student.school.shares_by_default("favourite"),
        **target,
    )
    return True


@transaction.atomic
def save_fit_reflection(
    *, by: Role, student: Student, occupation: Occupation, attracts: str, doubts: str, find_out: str
) -> FitReflection:
    require(by, can_keep_careers)
    texts = {"attracts": attracts.strip(), "doubts": doubts.strip(), "find_out": find_out.strip()}
    if not any(texts.values()):
        raise ValidationError({"attracts": _("Schrijf bij minstens één vraag iets op, al is het kort.")})
    reflection, _created = FitReflection.objects.update_or_create(
        student=student, occupation=occupation, defaults={"school_id": student.school_id, **texts}
    )
    return reflection


@transaction.atomic
def share_favourites(*, by: Role, student: Student, shared: bool) -> int:
    """Let guardians see the student's favourites, or not (all at once; new ones follow the choice)."""
    require(by, can_keep_careers)
    return Favourite.objects.filter(student=student).update(shared_with_guardians=shared)


@transaction.atomic
def share_result(*, by: Role, result: InterestResult, shared: bool) -> InterestResult:
    require(by, can_keep_careers)
    result.shared_with_guardians = shared
    result.save(update_fields=["shared_with_guardians", "updated_at"])
    return result


@transaction.atomic
def make_ambition(*, by: Role, student: Student, occupation: Occupation, name: str) -> AmbitionLink:
    """A dream in the dossier that points to this occupation (once per occupation)."""
    require(by, can_keep_careers)
    existing = AmbitionLink.objects.filter(ambition__student=student, occupation=occupation).first()
    if existing is not None:
        return existing
    ambition = create_ambition(
        student=student, by=by, dream=_("%(occupation)s worden") % {"occupation": name}
    )
    return AmbitionLink.objects.create(school_id=student.school_id, ambition=ambition, occupation=occupation)
