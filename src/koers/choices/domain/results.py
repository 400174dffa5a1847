"""The student's side of a module at its end: the module into the dossier as an experience."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.choices.models import Placement
from koers.choices.rules import can_choose_as
from koers.common.uploads import CheckedUpload
from koers.dossier.domain.experiences import record_experience
from koers.dossier.models import Experience
from koers.schools.models import Role


def record_module_experience(
    *,
    by: Role,
    placement: Placement,
    values: dict[str, Any],
    evidence: Sequence[CheckedUpload] = (),
    caption: str = "",
) -> Experience:
    """At the end of a module the student puts it into the dossier as an experience with its evidence (the
    dossier's own verb, so its rules and sharing defaults apply); once per module."""
    require(by, can_choose_as, placement.student)
    with transaction.atomic():
        locked = Placement.objects.select_for_update().get(pk=placement.pk)
        if locked.experience_id is not None:
            raise ValidationError(_("Deze module staat al in je dossier."))
        experience = record_experience(
            student=placement.student, by=by, evidence=evidence, caption=caption, **values
        )
        locked.experience = experience
        locked.save(update_fields=["experience"])
    placement.experience = experience
    return experience
