"""The student's argued choice, its confirmations and the choice status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.careers.models import Programme
from koers.choices.models import (
    Application,
    Choice,
    ChoiceMoment,
    ChoiceStance,
    Confirmation,
    Confirmer,
    Stance,
)
from koers.choices.queries.moments import confirmers_needed, moments_for_student
from koers.choices.rules import can_choose_as, can_confirm_choices, can_follow_choices
from koers.common.versions import save_unless_changed
from koers.conversations.models import Conversation
from koers.dossier.models import Experience
from koers.schools.family_rules import decides_for_self
from koers.schools.models import Guardianship, Role, RoleKind, Student
from koers.schools.queries import current_group_of, visible_students


@transaction.atomic
def make_choice(
    *,
    by: Role,
    student: Student,
    moment: ChoiceMoment,
    chosen: str,
    why: str = "",
    found_out: str = "",
    still_to_find_out: str = "",
    experiences: Sequence[Experience] = (),
    conversation: Conversation | None = None,
    institution: str = "",
    programme: Programme | None = None,
    application: str = Application.NONE,
    day: dt.date | None = None,
) -> Choice:
    """Make or revise the student's choice at a moment. The student chooses in the window; the mentor or
    counsellor may record or revise it in a conversation at any time. A revision that changes what was chosen
    or why takes away the confirmations it had."""
    day = day or timezone.localdate()
    in_conversation = can_follow_choices(by, student) and visible_students(by).filter(pk=student.pk).exists()
    if not (can_choose_as(by, student) or in_conversation):
        raise PermissionDenied
    group = current_group_of(student, day)
    if not moments_for_student(student, group).filter(pk=moment.pk).exists():
        raise ValidationError({"chosen": _("Deze keuze is niet voor jouw klas.")})
    if not in_conversation and not moment.is_open(day):
        raise ValidationError(
            {
                "chosen": _("Je kunt hier kiezen van %(start)s tot en met %(end)s.")
                % {
                    "start": moment.opens_on.strftime("%d-%m-%Y"),
                    "end": moment.closes_on.strftime("%d-%m-%Y"),
                }
            }
        )
    chosen = (chosen or "").strip()
    if not chosen:
        raise ValidationError({"chosen": _("Schrijf op wat je kiest.")})
    if any(e.student_id != student.pk for e in experiences):
        raise ValidationError({"experiences": _("Kies alleen ervaringen uit je eigen dossier.")})
    if application not in Application.values:
        raise ValidationError({"application": _("Kies een stand van de aanmelding uit de lijst.")})
    choice = Choice.objects.select_for_update().filter(moment=moment, student=student).first()
    text = {
        "chosen": chosen,
        "why": (why or "").strip(),
        "found_out": (found_out or "").strip(),
        "still_to_find_out": (still_to_find_out or "").strip(),
    }
    if choice is None:
        choice = Choice(school_id=student.school_id, moment=moment, student=student, **text)
    else:
        if any(getattr(choice, name) != value for name, value in text.items()):
            choice.confirmations.all().delete()
            choice.version += 1
        for name, value in text.items():
            setattr(choice, name, value)
    choice.institution = (institution or "").strip()
    if programme is not None and programme.school_id not in (None, student.school_id):
        raise ValidationError({"programme": _("Kies een opleiding uit de lijst.")})
    choice.programme = programme
    choice.application = application
    if conversation is not None:
        if conversation.student_id != student.pk:
            raise ValidationError({"conversation": _("Dit gesprek hoort niet bij deze leerling.")})
        choice.conversation = conversation
    choice.save()
    choice.experiences.set(experiences)
    return choice


def confirmer_for(by: Role, choice: Choice, guardianship: Guardianship | None, day: dt.date) -> str:
    """Which confirmation this role gives, or a refusal that says why."""
    if by.kind == RoleKind.GUARDIAN:
        if guardianship is None:
            raise PermissionDenied
        if not guardianship.decides or decides_for_self(choice.student, day):
            raise ValidationError(
                _(
                    "U kunt deze keuze lezen, maar niet bevestigen: dat doet een ouder met gezag, "
                    "tot de leerling 16 is."
                )
            )
        return Confirmer.GUARDIAN.value
    if by.kind == RoleKind.MENTOR:
        return Confirmer.MENTOR.value
    if by.kind == RoleKind.COUNSELLOR:
        return Confirmer.COUNSELLOR.value
    raise PermissionDenied


@transaction.atomic
def confirm_choice(
    *, by: Role, choice: Choice, guardianship: Guardianship | None = None, day: dt.date | None = None
) -> Confirmation:
    """Confirm a choice as mentor, counsellor or guardian (with authority, student under 16). Confirming
    twice keeps the first confirmation."""
    day = day or timezone.localdate()
    require(by, can_confirm_choices, choice)
    if not visible_students(by).filter(pk=choice.student_id).exists():
        raise PermissionDenied
    confirmer = confirmer_for(by, choice, guardianship, day)
    if (
        confirmer not in confirmers_needed(choice.moment, choice.student, day)
        and confirmer != Confirmer.COUNSELLOR
    ):
        raise ValidationError(_("Bij deze keuze is geen bevestiging van u nodig."))
    if not choice.is_argued:
        raise ValidationError(_("Deze keuze heeft nog geen onderbouwing; bespreek eerst waarom."))
    confirmation, _created = Confirmation.objects.get_or_create(
        choice=choice, confirmer=confirmer, defaults={"school_id": choice.school_id, "by_id": by.user_id}
    )
    return confirmation


STANCE_FIELDS = ("stance", "note")  # what the stance form changes, and its version covers


@transaction.atomic
def set_stance(
    *, by: Role, student: Student, stance: str, note: str = "", version: str | None = None
) -> ChoiceStance:
    """The student, or a mentor or counsellor who follows them, records where the student stands. Changing
    a stance that someone else saved since ``version`` raises ``EditConflict``."""
    if not (can_choose_as(by, student) or can_follow_choices(by, student)):
        raise PermissionDenied
    if not visible_students(by).filter(pk=student.pk).exists():
        raise PermissionDenied
    if stance not in Stance.values:
        raise ValidationError({"stance": _("Kies een van de mogelijkheden.")})
    note = (note or "").strip()[:200]
    row = ChoiceStance.objects.filter(student=student).first()
    if row is None:
        row, created = ChoiceStance.objects.get_or_create(
            student=student,
            defaults={
                "school_id": student.school_id,
                "stance": stance,
                "note": note,
                "updated_by_id": by.user_id,
            },
        )
        if created:
            return row
    row.stance, row.note, row.updated_by_id = stance, note, by.user_id
    save_unless_changed(row, fields=STANCE_FIELDS, version=version, also=("updated_by",))
    return row
