"""Writes about schools and people."""

from django.db import transaction

from koers.lob.vocabulary import SharedKind
from koers.schools.models import Role, RoleKind, School


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
