"""The learning route per exam unit: the student (in the window) or the mentor (in or after a conversation)
sets per unit of the chosen programme whether the student explores only, deepens or broadens; the counsellor
keeps the school's programmes, units and deepenings. The route is the student's choice at a route moment,
so it is argued, confirmed and revised like every choice: a changed route loses its confirmations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.choices.domain.choosing import make_choice
from koers.choices.models import (
    Choice,
    ChoiceMoment,
    Deepening,
    ExamUnit,
    MomentKind,
    RouteStep,
    VocationalProgramme,
    Way,
)
from koers.conversations.models import Conversation
from koers.schools.models import Role, Student
from koers.schools.queries import current_group_of


@dataclass(frozen=True)
class StepWish:
    way: str
    deepening: int | None = None
    broaden_with: int | None = None


@transaction.atomic
def save_route(
    *,
    by: Role,
    student: Student,
    moment: ChoiceMoment,
    programme: VocationalProgramme,
    steps: Mapping[int, StepWish],
    why: str = "",
    conversation: Conversation | None = None,
    day: dt.date | None = None,
) -> Choice:
    """Save the student's programme and one step per unit (units left out: explore only). Who may, and when,
    is ``make_choice``'s rule; a route that changes loses its confirmations."""
    day = day or timezone.localdate()
    if moment.kind != MomentKind.ROUTE:
        raise ValidationError({"programme": _("Bij deze keuze hoort geen leerroute.")})
    if programme.school_id not in (None, student.school_id):
        raise ValidationError({"programme": _("Kies een programma uit de lijst.")})
    group = current_group_of(student, day)
    track = group.track if group else ""
    units = {u.pk: u for u in ExamUnit.objects.filter(programme=programme) if u.open_to(track)}
    deepenings = {
        d.pk: d for d in Deepening.objects.filter(school_id=student.school_id, unit_id__in=list(units))
    }
    others = {u.pk: u for u in ExamUnit.objects.exclude(programme=programme) if u.open_to(track)}
    errors: dict[str, str] = {}
    wanted: dict[int, tuple[str, int | None, int | None]] = {}
    for unit_id, wish in steps.items():
        if unit_id not in units:
            errors["programme"] = _("Een onderdeel hoort niet bij dit programma.")
            continue
        if wish.way == Way.DEEPEN:
            found = deepenings.get(wish.deepening or 0)
            if found is None or found.unit_id != unit_id:
                errors[f"deepening_{unit_id}"] = _(
                    "Kies een verdieping die de school bij dit onderdeel aanbiedt."
                )
                continue
            wanted[unit_id] = (Way.DEEPEN, found.pk, None)
        elif wish.way == Way.BROADEN:
            if (wish.broaden_with or 0) not in others:
                errors[f"broaden_{unit_id}"] = _("Kies een onderdeel uit een ander programma.")
                continue
            wanted[unit_id] = (Way.BROADEN, None, wish.broaden_with)
        elif wish.way == Way.EXPLORE:
            wanted[unit_id] = (Way.EXPLORE, None, None)
        else:
            errors[f"way_{unit_id}"] = _("Kies verkennen, verdiepen of verbreden.")
    if errors:
        raise ValidationError(errors)
    for unit_id in units:
        wanted.setdefault(unit_id, (Way.EXPLORE, None, None))

    existing = Choice.objects.filter(moment=moment, student=student).first()
    keep = {}
    if existing is not None:
        keep = {
            "found_out": existing.found_out,
            "still_to_find_out": existing.still_to_find_out,
            "experiences": list(existing.experiences.all()),
        }
    choice = make_choice(
        by=by,
        student=student,
        moment=moment,
        chosen=programme.dutch_name,
        why=why,
        conversation=conversation,
        day=day,
        **keep,  # type: ignore[arg-type]
    )
    before = {
        s.unit_id: (s.way, s.deepening_id, s.broaden_with_id)
        for s in RouteStep.objects.select_for_update().filter(choice=choice)
    }
    if before == wanted and choice.vocational_programme_id == programme.pk:
        return choice
    if choice.confirmations.exists():  # a changed route is a new choice to confirm
        choice.confirmations.all().delete()
        choice.version += 1
    choice.vocational_programme = programme
    choice.save(update_fields=["vocational_programme", "version", "updated_at"])
    RouteStep.objects.filter(choice=choice).delete()
    RouteStep.objects.bulk_create(
        RouteStep(
            school_id=student.school_id,
            choice=choice,
            unit_id=unit_id,
            way=way,
            deepening_id=deepening,
            broaden_with_id=broaden,
        )
        for unit_id, (way, deepening, broaden) in sorted(wanted.items())
    )
    return choice
