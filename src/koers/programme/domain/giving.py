"""Giving an assignment from the bank to groups; a home assignment is announced to the guardians (a job)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.background.queue import enqueue_job
from koers.programme.models import Activity, Assignment, Audience, GivenAssignment, Purpose
from koers.programme.queries.assignments import givable_groups
from koers.programme.rules import can_give_assignment
from koers.schools.models import Group, Role


def give_assignment(
    *,
    by: Role,
    assignment: Assignment,
    groups: Sequence[Group],
    given_on: dt.date,
    due_on: dt.date,
    purpose: str = Purpose.STANDALONE,
    activity: Activity | None = None,
) -> GivenAssignment:
    """Give an assignment to groups the giver may give to, optionally as an activity's preparation or
    reflection. Another school's assignment, group or activity is refused as if it did not exist."""
    require(by, can_give_assignment, assignment)
    require(by, can_give_assignment, activity)
    allowed = set(givable_groups(by).values_list("pk", flat=True))
    if any(g.pk not in allowed for g in groups):
        raise PermissionDenied  # a group the giver may not give to (givable_groups: one query for all)
    errors: dict[str, ValidationError] = {}
    if not assignment.active:
        errors["assignment"] = ValidationError(
            _("Deze opdracht is gearchiveerd. Haal hem eerst terug in de opdrachtenbank."), code="archived"
        )
    if not groups:
        errors["groups"] = ValidationError(_("Kies minstens één groep."), code="required")
    if purpose not in Purpose.values:
        errors["purpose"] = ValidationError(_("Kies waarvoor de opdracht is."), code="invalid")
    elif purpose != Purpose.STANDALONE and activity is None:
        errors["activity"] = ValidationError(
            _("Kies de activiteit die de leerlingen met deze opdracht voorbereiden of nabespreken."),
            code="required",
        )
    if due_on < given_on:
        errors["due_on"] = ValidationError(
            _("De inleverdatum ligt vóór de dag waarop je de opdracht geeft. Kies een latere datum."),
            code="due_before_given",
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        given = GivenAssignment.objects.create(
            school_id=by.school_id,
            assignment=assignment,
            activity=activity,
            purpose=purpose,
            given_on=given_on,
            due_on=due_on,
            given_by_id=by.user_id,
        )
        given.groups.set(groups)
        if assignment.audience == Audience.HOME:
            enqueue_job("programme.home_assignment", school=by.school_id, given=given.pk)
    return given
