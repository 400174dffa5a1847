"""Writes on the student's action points: SMART (what, who, when, where or with whom, how we know it is
done) and their status.

Who does it is a choice, stored as a link where there is one: the student themself ("ikzelf"), one of their
mentors or guardians (an account), a contact of their network, or someone else in free text. A mentor or
guardian chosen this way is told (a notification that opens the action point: ``domain.doers``), and the
action is on a mentor's page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.access.audit import leaves_trace, record_change
from koers.access.gate import require
from koers.common.versions import save_unless_changed
from koers.dossier.domain.doers import tell_the_doer
from koers.dossier.domain.overview import default_sharing
from koers.dossier.models import Action, ActionStatus, Contact, Doer, Experience
from koers.dossier.queries.doers import doer_options
from koers.dossier.rules import can_edit_dossier
from koers.schools.models import Role, Student, User

ACTION_FIELDS = (
    "what",
    "doer",
    "doer_user",
    "doer_contact",
    "who",
    "due_on",
    "where_with_whom",
    "done_when",
    "experience",
)
WHO_MAX_LENGTH = 120


@dataclass(frozen=True)
class Who:
    """Who does an action: ``doer`` with the chosen account or contact, or ``text`` for someone else."""

    doer: str = Doer.SELF
    user: User | None = None
    contact: Contact | None = None
    text: str = ""


def _doer_fields(student: Student, who: Who) -> dict[str, object]:
    """The doer fields of an action for ``who``; a person must be the student's own mentor, guardian or
    contact (anything else is refused next to the field)."""
    wrong = ValidationError(
        {"who": _("Kies iemand uit de lijst, of kies “iemand anders” en schrijf op wie.")}
    )
    if who.doer == Doer.SELF:
        return {"doer": Doer.SELF, "doer_user": None, "doer_contact": None, "who": ""}
    if who.doer == Doer.OTHER:
        text = (who.text or "").strip()
        if not text:
            raise ValidationError({"who": _("Schrijf op wie het doet.")})
        if len(text) > WHO_MAX_LENGTH:
            too_long = _("Houd het kort: maximaal %(max)s tekens.") % {"max": WHO_MAX_LENGTH}
            raise ValidationError({"who": too_long})
        return {"doer": Doer.OTHER, "doer_user": None, "doer_contact": None, "who": text}
    options = doer_options(student)
    if who.doer in (Doer.MENTOR, Doer.GUARDIAN):
        people = options.mentors if who.doer == Doer.MENTOR else options.guardians
        if who.user is None or who.user.pk not in {p.pk for p in people}:
            raise wrong
        return {
            "doer": who.doer,
            "doer_user": who.user,
            "doer_contact": None,
            "who": str(who.user)[:WHO_MAX_LENGTH],
        }
    if who.doer == Doer.CONTACT and who.contact is not None and who.contact.student_id == student.pk:
        return {"doer": Doer.CONTACT, "doer_user": None, "doer_contact": who.contact, "who": who.contact.name}
    raise wrong


def _smart_fields(
    student: Student,
    *,
    what: str,
    who: Who,
    done_when: str,
    where_with_whom: str,
    experience: Experience | None,
) -> dict[str, object]:
    errors: dict[str, str] = {}
    cleaned: dict[str, object] = {
        "what": (what or "").strip(),
        "done_when": (done_when or "").strip(),
        "where_with_whom": (where_with_whom or "").strip(),
        "experience": experience,
    }
    if not cleaned["what"]:
        errors["what"] = _("Schrijf op wat je gaat doen.")
    try:
        cleaned.update(_doer_fields(student, who))
    except ValidationError as error:
        errors["who"] = " ".join(error.messages)
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


@leaves_trace
@transaction.atomic
def plan_action(
    *,
    student: Student,
    by: Role,
    what: str,
    due_on: dt.date,
    done_when: str,
    who: Who | None = None,
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
        who=who or Who(),
        done_when=done_when,
        where_with_whom=where_with_whom,
        experience=experience,
    )
    _not_in_past(due_on, today or timezone.localdate())
    record_change(by=by, student=student, change="action.saved")
    action = Action.objects.create(
        school_id=student.school_id,
        student=student,
        due_on=due_on,
        shared_with_guardians=default_sharing(student, "action") if shared is None else shared,
        **fields,
    )
    tell_the_doer(action)
    return action


@leaves_trace
@transaction.atomic
def update_action(
    *,
    action: Action,
    by: Role,
    what: str,
    due_on: dt.date,
    done_when: str,
    who: Who | None = None,
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
        who=who or Who(),
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
    record_change(by=by, student=action.student, change="action.saved")
    tell_the_doer(action)
    return action


@leaves_trace
@transaction.atomic
def set_action_status(*, action: Action, by: Role, status: str) -> Action:
    require(by, can_edit_dossier, action.student)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Kies open, gedaan of vervallen.")})
    if action.status != status:
        action.status = status
        action.save(update_fields=["status", "updated_at"])
    record_change(by=by, student=action.student, change="action.saved")
    return action
