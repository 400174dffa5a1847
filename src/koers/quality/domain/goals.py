"""Goal verbs: set a goal (strategic: why; tactical: SMART), review it with a note."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.quality.measures import MEASURES, measure_all
from koers.quality.models import Goal, GoalLevel, GoalReview, GoalStatus, ScanItem
from koers.quality.rules import can_set_goals
from koers.schools.models import Role, User


@transaction.atomic
def set_goal(
    *,
    by: Role,
    level: str,
    title: str,
    why: str = "",
    how: str = "",
    owner: User | None = None,
    due_on: dt.date | None = None,
    measure: str = "",
    measured_by: str = "",
    target: int | None = None,
    parent: Goal | None = None,
    scan_item: ScanItem | None = None,
) -> Goal:
    """A strategic goal needs its why; a tactical goal is SMART: what, who, by when, and a measurable target
    (a figure Koers measures, or the team's own way of measuring, with a target percentage)."""
    require(by, can_set_goals)
    errors: dict[str, str] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = _("Schrijf op wat jullie willen bereiken.")
    if measure and measure not in MEASURES:
        errors["measure"] = _("Kies een cijfer uit de lijst.")
    for thing in (parent, scan_item, owner):
        if thing is not None and isinstance(thing, Goal | ScanItem) and thing.school_id != by.school_id:
            raise ValidationError(_("Dit hoort niet bij jullie school."))
    if level == GoalLevel.STRATEGIC:
        if not (why or "").strip():
            errors["why"] = _("Een strategisch doel zegt waarom dit belangrijk is voor onze school.")
        parent = None
    elif level == GoalLevel.TACTICAL:
        if owner is None:
            errors["owner"] = _("Wie is eigenaar? Een SMART doel heeft iemand die het trekt.")
        if due_on is None:
            errors["due_on"] = _("Wanneer moet het klaar zijn?")
        elif due_on < timezone.localdate():
            errors["due_on"] = _("Die datum is al voorbij.")
        if not measure and not (measured_by or "").strip():
            errors["measure"] = _("Hoe meten jullie het? Kies een cijfer van Koers of beschrijf het zelf.")
        if target is None:
            errors["target"] = _("Geef een streefwaarde: welk percentage willen jullie halen?")
    else:
        errors["level"] = _("Kies strategisch of tactisch.")
    if errors:
        raise ValidationError(errors)
    baseline = None
    if measure:
        baseline = measure_all(by.school)[measure].value
    return Goal.objects.create(
        school_id=by.school_id,
        level=level,
        parent=parent,
        title=title,
        why=(why or "").strip(),
        how=(how or "").strip(),
        owner=owner,
        due_on=due_on,
        measure=measure,
        measured_by=(measured_by or "").strip(),
        target=target,
        baseline=baseline,
        scan_item=scan_item,
        created_by=by.user,
    )


@transaction.atomic
def review_goal(*, by: Role, goal: Goal, note: str, status: str) -> GoalReview:
    require(by, can_set_goals, goal)
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Schrijf kort op hoe het ervoor staat.")})
    if status not in GoalStatus.values:
        raise ValidationError({"status": _("Kies een stand.")})
    value = measure_all(by.school)[goal.measure].value if goal.measure else None
    if goal.status != status:
        goal.status = status
        goal.save(update_fields=["status"])
    return GoalReview.objects.create(school_id=by.school_id, goal=goal, note=note, value=value, by=by.user)
