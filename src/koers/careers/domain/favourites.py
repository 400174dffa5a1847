"""The student's own: favourites and the "does this fit me?" reflection on an occupation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.careers.models import AmbitionLink, Favourite, FitReflection, InterestResult, Occupation, Programme
from koers.careers.rules import can_keep_careers
from koers.common.uploads import CheckedUpload, UploadKind, delete_files_on_commit, files_removed_on_error
from koers.common.versions import conflict_with, save_unless_changed, version_of_instance
from koers.dossier.domain.ambitions import create_ambition
from koers.schools.family_rules import refuse_without_consent
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


FIT_FIELDS = ("attracts", "doubts", "find_out")  # what the fit form changes, and its version covers


def fit_version(existing: FitReflection | None) -> str:
    """The version a "does this fit me?" form starts from; an empty one when nothing was saved yet."""
    return version_of_instance(existing or FitReflection(), FIT_FIELDS)


def save_fit_reflection(
    *,
    by: Role,
    student: Student,
    occupation: Occupation,
    attracts: str,
    doubts: str,
    find_out: str,
    voice: CheckedUpload | None = None,
    remove_voice: bool = False,
    version: str | None = None,
) -> FitReflection:
    """Save the student's answer to "does this fit me?": in words, as a voice note, or both. Against a
    changed ``version`` (saved meanwhile in another tab or on another device) ``EditConflict``."""
    require(by, can_keep_careers)
    texts = {"attracts": attracts.strip(), "doubts": doubts.strip(), "find_out": find_out.strip()}
    if voice is not None and voice.kind != UploadKind.AUDIO:
        raise ValidationError({"voice": _("Dit is geen spraakbericht.")})
    if voice is not None:
        refuse_without_consent(student, [voice.kind], "voice")
    existing = FitReflection.objects.filter(student=student, occupation=occupation).first()
    keeps_voice = bool(existing and existing.voice) and not remove_voice
    if not (any(texts.values()) or voice is not None or keeps_voice):
        raise ValidationError(
            {"attracts": _("Schrijf bij minstens één vraag iets op, al is het kort, of spreek het in.")}
        )
    with files_removed_on_error() as files, transaction.atomic():
        reflection = existing or FitReflection(
            school_id=student.school_id, student=student, occupation=occupation
        )
        for name, value in texts.items():
            setattr(reflection, name, value)
        if reflection.voice and (voice is not None or remove_voice):
            delete_files_on_commit(reflection.voice)  # takes the old name now, before a new file replaces it
            reflection.voice = ""
            reflection.voice_content_type = ""
        if voice is not None:
            files.save(reflection.voice, voice)
            reflection.voice_content_type = voice.content_type
        if existing is not None:
            save_unless_changed(
                reflection, fields=FIT_FIELDS, version=version, also=("voice", "voice_content_type")
            )
            return reflection
        try:
            with transaction.atomic():
                reflection.save()
        except IntegrityError:  # another tab or device saved the first answer just now
            stored = FitReflection.objects.get(student=student, occupation=occupation)
            raise conflict_with(stored, FIT_FIELDS) from None
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
def make_ambition(
    *,
    by: Role,
    student: Student,
    name: str,
    occupation: Occupation | None = None,
    programme: Programme | None = None,
) -> AmbitionLink:
    """A dream in the dossier that points to this occupation or programme (once per entry)."""
    require(by, can_keep_careers)
    if (occupation is None) == (programme is None):
        raise ValidationError(_("Kies één beroep of één opleiding."))
    target = {"occupation": occupation} if occupation is not None else {"programme": programme}
    existing = AmbitionLink.objects.filter(ambition__student=student, **target).first()
    if existing is not None:
        return existing
    if occupation is not None:
        dream = _("%(occupation)s worden") % {"occupation": name}
    else:
        dream = _("De opleiding %(programme)s doen") % {"programme": name}
    ambition = create_ambition(student=student, by=by, dream=dream)
    return AmbitionLink.objects.create(school_id=student.school_id, ambition=ambition, **target)
