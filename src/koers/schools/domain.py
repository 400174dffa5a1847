"""Writes about schools and people."""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.common.tenancy import roles_of
from koers.lob.vocabulary import SharedKind
from koers.schools.family_rules import decides_for_self, may_decide_consent
from koers.schools.models import Consent, ConsentPurpose, Guardianship, Role, RoleKind, School, Student, User


@transaction.atomic
def update_school_settings(
    *, school: School, by: Role, inactive_after_weeks: int, shared_by_default: set[str]
) -> School:
    """Set when a quiet student becomes a signal for the counsellor, and what guardians see by default."""
    if by.kind != RoleKind.ADMIN or by.school_id != school.pk:
        raise PermissionError("only the school's admin changes its settings")
    if not 1 <= inactive_after_weeks <= 52:
        raise ValueError("inactive_after_weeks must be between 1 and 52")
    unknown = shared_by_default - set(SharedKind.values)
    if unknown:
        raise ValueError(f"unknown item kinds: {sorted(unknown)}")
    school.inactive_after_weeks = inactive_after_weeks
    school.guardian_sharing_defaults = {kind: kind in shared_by_default for kind in SharedKind.values}
    school.save(update_fields=["inactive_after_weeks", "guardian_sharing_defaults"])
    return school


STAFF_LANGUAGES = ("nl", "en")
FAMILY_ROLE_KINDS = (RoleKind.STUDENT, RoleKind.GUARDIAN)


def languages_for(roles: Iterable[Role] | None) -> list[str]:
    """The language codes a person may choose: all of settings.LANGUAGES for students, guardians and
    visitors who are not logged in (``roles`` None); Dutch and English for someone who is only staff, because
    staff screens are not translated further."""
    every = [code for code, _name in settings.LANGUAGES]
    if roles is None or any(role.kind in FAMILY_ROLE_KINDS for role in roles):
        return every
    return [code for code in every if code in STAFF_LANGUAGES]


@transaction.atomic
def choose_language(*, user: User, language: str) -> User:
    """Save the language ``user`` reads Koers in (also used for e-mails to them)."""
    allowed = languages_for(roles_of(user))
    if language not in allowed:
        if language in dict(settings.LANGUAGES):
            raise ValidationError(
                {"language": _("Medewerkers kunnen Koers alleen in het Nederlands of het Engels gebruiken.")}
            )
        raise ValidationError({"language": _("Kies een van de talen uit de lijst.")})
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return user


def choose_simple_language(*, user: User, on: bool) -> User:
    """Switch simple language on or off for ``user``: it follows them to every device they log in on."""
    if user.simple_language != on:
        user.simple_language = on
        user.save(update_fields=["simple_language"])
    return user


def hide_dossier_from_guardians(*, by: Role, student: Student, hidden: bool) -> Student:
    """A student of 16 or older decides whether guardians see their dossier (schools/family_rules.py)."""
    if by.kind != RoleKind.STUDENT or student.user_id != by.user_id or student.school_id != by.school_id:
        raise PermissionDenied
    if not decides_for_self(student):
        raise ValidationError(
            _("Tot je zestiende beslissen je ouders of verzorgers mee; daarna kies je dit zelf."),
            code="too_young",
        )
    student.dossier_hidden_from_guardians = hidden
    student.save(update_fields=["dossier_hidden_from_guardians"])
    return student


@transaction.atomic
def decide_consent(*, by: Role, student: Student, purpose: str, granted: bool) -> Consent:
    """Give, refuse or withdraw consent for one purpose. Until 16 a guardian with parental authority decides,
    from 16 the student; every decision is kept."""
    if purpose not in ConsentPurpose.values:
        raise ValidationError(_("Onbekend doel voor toestemming."), code="unknown_purpose")
    if student.school_id != by.school_id:
        raise PermissionDenied
    is_the_student = by.kind == RoleKind.STUDENT and student.user_id == by.user_id
    has_authority = (
        by.kind == RoleKind.GUARDIAN
        and Guardianship.objects.filter(guardian_id=by.user_id, student=student, has_authority=True).exists()
    )
    if not may_decide_consent(
        by.kind, is_the_student=is_the_student, has_authority=has_authority, student=student
    ):
        raise PermissionDenied
    return Consent.objects.create(
        school_id=student.school_id,
        student=student,
        purpose=purpose,
        granted=granted,
        decided_by_id=by.user_id,
        decided_as=by.kind,
    )
