"""Writes of the school's admin: the school's settings. (The import has its own verbs: importing/runs.py.)"""

from django.db import transaction

from koers.access.gate import require
from koers.lob.vocabulary import SharedKind
from koers.schooladmin.rules import can_change_school_settings
from koers.schools.models import Role, School


@transaction.atomic
def update_school_settings(
    *, school: School, by: Role, inactive_after_weeks: int, shared_by_default: set[str]
) -> School:
    """Set when a quiet student becomes a signal for the counsellor, and what guardians see by default."""
    require(by, can_change_school_settings, school)
    if not 1 <= inactive_after_weeks <= 52:
        raise ValueError("inactive_after_weeks must be between 1 and 52")
    unknown = shared_by_default - set(SharedKind.values)
    if unknown:
        raise ValueError(f"unknown item kinds: {sorted(unknown)}")
    school.inactive_after_weeks = inactive_after_weeks
    school.guardian_sharing_defaults = {kind: kind in shared_by_default for kind in SharedKind.values}
    school.save(update_fields=["inactive_after_weeks", "guardian_sharing_defaults"])
    return school
