"""Open days: the counsellor records them; a student marks "I go" and reflects afterwards."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.careers.models import OpenDay, OpenDayVisit, Programme
from koers.careers.rules import can_keep_careers, can_plan_open_days
from koers.schools.models import Role, Student


@transaction.atomic
def record_open_day(
    *,
    by: Role,
    kind: str,
    institution: str,
    date: dt.date,
    place: str = "",
    url: str = "",
    programme: Programme | None = None,
) -> OpenDay:
    require(by, can_plan_open_days)
    if not institution.strip():
        raise ValidationError({"institution": _("Vul de school of instelling in.")})
    return OpenDay.objects.create(
        school_id=by.school_id,
        kind=kind,
        institution=institution.strip(),
        date=date,
        place=place.strip(),
        url=url.strip(),
        programme=programme,
    )


@transaction.atomic
def delete_open_day(*, by: Role, open_day: OpenDay) -> None:
    require(by, can_plan_open_days, open_day)
    open_day.delete()


@transaction.atomic
def mark_going(*, by: Role, student: Student, open_day: OpenDay, going: bool) -> OpenDayVisit | None:
    """Mark "I go" (it shows on the LOB-lijn, also the guardian's) or undo it; a reflected visit stays."""
    require(by, can_keep_careers)
    visit = OpenDayVisit.objects.filter(student=student, open_day=open_day).first()
    if going:
        if visit is None:
            visit = OpenDayVisit.objects.create(
                school_id=student.school_id, student=student, open_day=open_day, shared_with_guardians=True
            )
        return visit
    if visit is not None and not visit.reflection:
        visit.delete()
        return None
    return visit


@transaction.atomic
def reflect_on_visit(
    *, by: Role, visit: OpenDayVisit, reflection: str, today: dt.date | None = None
) -> OpenDayVisit:
    require(by, can_keep_careers)
    today = today or timezone.localdate()
    if visit.open_day.date > today:
        raise ValidationError({"reflection": _("Na de open dag kun je hier opschrijven hoe het was.")})
    if not reflection.strip():
        raise ValidationError({"reflection": _("Schrijf op hoe het was, al is het één zin.")})
    visit.reflection = reflection.strip()
    visit.save(update_fields=["reflection", "updated_at"])
    return visit
