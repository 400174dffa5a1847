"""The counsellor's verbs for choice moments."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.choices.models import ChoiceMoment
from koers.choices.rules import can_plan_choices
from koers.common.versions import save_unless_changed
from koers.schools.models import Role, SchoolYear

FIELDS = (
    "kind",
    "title",
    "explanation",
    "track",
    "year_level",
    "opens_on",
    "closes_on",
    "mentor_confirms",
    "guardian_confirms",
    "counsellor_confirms",
    "remind_days_before",
)


@transaction.atomic
def save_moment(
    *,
    by: Role,
    school_year: SchoolYear,
    moment: ChoiceMoment | None = None,
    version: str | None = None,
    **values: object,
) -> ChoiceMoment:
    """Plan a moment (``moment=None``) or change one; changing one that someone else saved since
    ``version`` raises ``EditConflict`` (``FIELDS`` are what the form changes and the version covers)."""
    require(by, can_plan_choices, school_year)
    opens_on = values["opens_on"]
    closes_on = values["closes_on"]
    assert isinstance(opens_on, dt.date) and isinstance(closes_on, dt.date)
    if closes_on < opens_on:
        raise ValidationError({"closes_on": _("Het einde van de keuzeperiode ligt vóór het begin.")})
    if not (school_year.starts_on <= opens_on and closes_on <= school_year.ends_on):
        raise ValidationError(
            {
                "closes_on": _("De keuzeperiode moet binnen het schooljaar %(year)s vallen.")
                % {"year": school_year}
            }
        )
    if moment is None:
        moment = ChoiceMoment(school_id=by.school_id, school_year=school_year)
    else:
        require(by, can_plan_choices, moment)
    for name in FIELDS:
        setattr(moment, name, values[name])
    if moment.pk is None:
        moment.save()
    else:
        save_unless_changed(moment, fields=FIELDS, version=version)
    return moment
