"""Taking the interest test and turning a result into an experience of the dossier."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.careers.models import InterestItem, InterestResult
from koers.careers.rules import can_keep_careers
from koers.dossier.domain.experiences import record_experience
from koers.dossier.models import Experience
from koers.lob.vocabulary import ExperienceKind
from koers.schools.models import Role, Student

ANSWERS = {"yes": 2, "maybe": 1, "no": 0}


@transaction.atomic
def take_interest_test(
    *, by: Role, student: Student, items: list[InterestItem], answers: dict[str, str]
) -> InterestResult:
    """Store a result with the score per field (yes 2, maybe 1, no 0); every item needs an answer."""
    require(by, can_keep_careers)
    if not items:
        raise ValidationError(_("De interessetest is nog niet klaar op deze school."))
    given = {item.key: answers.get(item.key, "") for item in items}
    missing = [key for key, answer in given.items() if answer not in ANSWERS]
    if len(missing) == len(items):
        raise ValidationError(_("Je hebt nog niets ingevuld. Kies bij elke zin een gezicht."))
    if missing:
        raise ValidationError(
            {key: _("Kies een gezicht bij deze zin.") for key in missing},
        )
    scores: dict[str, int] = {}
    for item in items:
        scores[item.field.key] = scores.get(item.field.key, 0) + ANSWERS[given[item.key]]
    return InterestResult.objects.create(
        school_id=student.school_id, student=student, answers=given, scores=scores
    )


@transaction.atomic
def result_to_experience(
    *, by: Role, result: InterestResult, field_names: list[str], today: dt.date | None = None
) -> Experience:
    """Write the result into the dossier as an experience the student can reflect on (once)."""
    require(by, can_keep_careers)
    if result.experience_id:
        return result.experience  # type: ignore[return-value]
    top = ", ".join(field_names[:3])
    experience = record_experience(
        student=result.student,
        by=by,
        kind=ExperienceKind.LOB_ACTIVITY,
        title=_("Interessetest"),
        happened_on=today or result.created_at.date(),
        what_i_did=_("Ik deed de interessetest van Koers. Dit vind ik het leukst: %(fields)s.")
        % {"fields": top},
    )
    result.experience = experience
    result.save(update_fields=["experience", "updated_at"])
    return experience
