"""Writes of the school's admin: the school's settings. (The import has its own verbs: importing/runs.py.)"""

from django.db import transaction

from koers.access.gate import require
from koers.common.versions import save_unless_changed
from koers.lob.vocabulary import SharedKind
from koers.schooladmin.rules import can_change_school_settings
from koers.schools.models import Role, School

# What the settings form changes, and its version covers.
SETTINGS_FIELDS = ("inactive_after_weeks", "guardian_sharing_defaults", "registration_days_after")


@transaction.atomic
def update_school_settings(
    *,
    school: School,
    by: Role,
    inactive_after_weeks: int,
    shared_by_default: set[str],
    registration_days_after: int | None = None,
    version: str | None = None,
) -> School:
    """Set when a quiet student becomes a signal for the counsellor, what guardians see by default, and how
    long after an activity staff may still register who took part. Against a changed ``version`` (another
    admin saved since) ``EditConflict``."""
    require(by, can_change_school_settings, school)
    if not 1 <= inactive_after_weeks <= 52:
        raise ValueError("inactive_after_weeks must be between 1 and 52")
    if registration_days_after is not None and not 0 <= registration_days_after <= 60:
        raise ValueError("registration_days_after must be between 0 and 60")
    unknown = shared_by_default - set(SharedKind.values)
    if unknown:
        raise ValueError(f"unknown item kinds: {sorted(unknown)}")
    school.inactive_after_weeks = inactive_after_weeks
    school.guardian_sharing_defaults = {kind: kind in shared_by_default for kind in SharedKind.values}
    fields = ["inactive_after_weeks", "guardian_sharing_defaults"]
    if registration_days_after is not None:
        school.registration_days_after = registration_days_after
        fields.append("registration_days_after")
    save_unless_changed(school, fields=fields, version=version)
    return school
