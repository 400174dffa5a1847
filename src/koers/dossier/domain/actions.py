"""Writes on the student's SMART action points."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.common.versions import save_unless_changed
from koers.dossier.domain.overview import default_sharing
from koers.dossier.models import (
    Action,
    ActionStatus,
    Experience,
)
from koers.dossier.rules import can_edit_dossier
from koers.schools.models import Role, Student

ACTION_FIELDS = ("what", "who", "due_on", "where_with_whom", "done_when", "experience")


def _smart_fields(
    student: Student,
    *,
    what: str,
    who: str,
    done_when: str,
    where_with_whom: str,
    experience: Experience | None,
) -> dict[str, object]:
    errors: dict[str, str] = {}
    cleaned: dict[str, object] = {
        "what": (what or "").strip(),
        "who": (who or "").strip(),
        "done_when": (done_when or "").strip(),
        "where_with_whom": (where_with_whom or "").strip(),
        "experience": experience,
    }
    if not cleaned["what"]:
        errors["what"] = _("Schrijf op wat je gaat doen.")
    if not cleaned["who"]:
        errors["who"] = _("Schrijf op wie het doet, bijvoorbeeld “ik” of “ik en mijn mentor”.")
    if not cleaned["done_when"]:
        errors["done_when"] = _("Hoe zie je dat het gelukt is? Schrijf op wat er dan klaar of anders is.")
    if experience is not None and experience.student_id != student.pk:
        errors["experience"] = _("Kies een ervaring uit je eigen dossier.")
    if errors:
        raise ValidationError(errors)
    return cleaned


def _not_in_past(due_on: dt.date, today: dt.date) -> None:
    if due_on < today:
        raise ValidationError(
            {
                "due_on": _(
                    "Deze datum is al voorbij. Kies vandaag of een dag die nog moet komen, "
                    "dan kun je het nog echt doen."
                )
            }
        )


@transaction.atomic
def plan_action(
    *,
    student: Student,
    by: Role,
    what: str,
    who: str,
    due_on: dt.date,
    done_when: str,
    where_with_whom: str = "",
    experience: Experience | None = None,
    shared: bool | None = None,
    today: dt.date | None = None,
) -> Action:
    """A SMART action point: what, by whom, when, where or with whom, and how we know it is done."""
    require(by, can_edit_dossier, student)
    fields = _smart_fields(
        student,
        what=what,
        who=who,
        done_when=done_when,
        where_with_whom=where_with_whom,
        experience=experience,
    )
    _not_in_past(due_on, today or timezone.localdate())
    return Action.objects.create(
        school_id=student.school_id,
        student=student,
        due_on=due_on,
        shared_with_guardians=default_sharing(student, "action") if shared is None else shared,
        **fields,
    )


@transaction.atomic
def update_action(
    *,
    action: Action,
    by: Role,
    what: str,
    who: str,
    due_on: dt.date,
    done_when: str,
    where_with_whom: str = "",
    experience: Experience | None = None,
    today: dt.date | None = None,
    version: str | None = None,
) -> Action:
    """Change an action; against a changed ``version`` (someone else saved since) ``EditConflict``."""
    require(by, can_edit_dossier, action.student)
    fields = _smart_fields(
        action.student,
        what=what,
        who=who,
        done_when=done_when,
        where_with_whom=where_with_whom,
        experience=experience,
    )
    # An old due date may stay as it is; moving it, only to a day that is still to come.
    if due_on != action.due_on:
        _not_in_past(due_on, today or timezone.localdate())
    for name, value in fields.items():
        setattr(action, name, value)
    action.due_on = due_on
    save_unless_changed(action, fields=ACTION_FIELDS, version=version)
    return action


@transaction.atomic
def set_action_status(*, action: Action, by: Role, status: str) -> Action:
    require(by, can_edit_dossier, action.student)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Kies open, gedaan of vervallen.")})
    if action.status != status:
        action.status = status
        action.save(update_fields=["status", "updated_at"])
    return action
