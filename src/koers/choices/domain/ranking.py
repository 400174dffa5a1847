"""The student's ranking of elective modules for the year."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.choices.models import PERIODS, Module, Preference
from koers.choices.rules import can_choose_as
from koers.schools.models import Role, Student
from koers.schools.queries import current_group_of

MAX_RANKED = 8


def modules_open_to(student: Student, day: dt.date | None = None) -> list[Module]:
    group = current_group_of(student, day)
    if group is None:
        return []
    return [
        m
        for m in Module.objects.filter(school_id=student.school_id, school_year_id=group.school_year_id)
        if m.open_to(group.track, group.year_level)
    ]


@transaction.atomic
def rank_modules(
    *, by: Role, student: Student, ranking: Sequence[int], day: dt.date | None = None
) -> list[Preference]:
    """Replace the student's ranking for this school year: module ids, most wanted first, none twice, only
    modules of the student's track and year level. All or nothing."""
    require(by, can_choose_as, student)
    group = current_group_of(student, day)
    if group is None:
        raise ValidationError({"ranking": _("Je zit nog niet in een klas; vraag je mentor.")})
    if len(set(ranking)) != len(ranking):
        raise ValidationError(
            {"ranking": _("Je hebt een module twee keer gekozen. Kies elke module één keer.")}
        )
    if len(ranking) > MAX_RANKED:
        raise ValidationError({"ranking": _("Kies hoogstens %(n)d modules.") % {"n": MAX_RANKED}})
    open_ = {m.pk: m for m in modules_open_to(student, day)}
    if any(pk not in open_ for pk in ranking):
        raise ValidationError({"ranking": _("Deze module is niet voor jouw leerweg of leerjaar.")})
    needed = min(len(PERIODS), len(open_))
    if len(ranking) < needed:
        raise ValidationError(
            {"ranking": _("Kies minstens %(n)d modules, voor elke periode één.") % {"n": needed}}
        )
    Preference.objects.filter(student=student, school_year_id=group.school_year_id).delete()
    return Preference.objects.bulk_create(
        Preference(
            school_id=student.school_id,
            school_year_id=group.school_year_id,
            student=student,
            module_id=pk,
            rank=rank,
        )
        for rank, pk in enumerate(ranking, start=1)
    )
