"""The student's argued choice, its confirmations and the choice status."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.careers.models import InterestResult, Occupation, Programme
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
from koers.common.uploads import CheckedUpload, UploadKind, delete_files_on_commit, files_removed_on_error
from koers.common.versions import save_unless_changed
from koers.conversations.models import Conversation
from koers.dossier.models import Experience, Reflection, StudentTrait
from koers.schools.family_rules import decides_for_self, refuse_without_consent
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
    reflections: Sequence[Reflection] = (),
    traits: Sequence[StudentTrait] = (),
    occupations: Sequence[Occupation] = (),
    linked_programmes: Sequence[Programme] = (),
    interest_results: Sequence[InterestResult] = (),
    voice: CheckedUpload | None = None,
    remove_voice: bool = False,
    conversation: Conversation | None = None,
    institution: str = "",
    programme: Programme | None = None,
    application: str = Application.NONE,
    day: dt.date | None = None,
) -> Choice:
    """Make or revise the student's choice at a moment. The student chooses in the window; the mentor or
    counsellor may record or revise it in a conversation at any time. A revision that changes what was chosen
    or why (typed or spoken) takes away the confirmations it had. The links that support the choice must be
    the student's own dossier items and test results, and occupations and programmes of the catalogue this
    school shows."""
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
    _check_links(student, reflections, traits, occupations, linked_programmes, interest_results)
    if voice is not None and voice.kind != UploadKind.AUDIO:
        raise ValidationError({"voice": _("Dit is geen spraakbericht.")})
    if voice is not None:
        refuse_without_consent(student, [voice.kind], "voice")
    if application not in Application.values:
        raise ValidationError({"application": _("Kies een stand van de aanmelding uit de lijst.")})
    choice = Choice.objects.select_for_update().filter(moment=moment, student=student).first()
    text = {
        "chosen": chosen,
        "why": (why or "").strip(),
        "found_out": (found_out or "").strip(),
        "still_to_find_out": (still_to_find_out or "").strip(),
    }
    if programme is not None and programme.school_id not in (None, student.school_id):
        raise ValidationError({"programme": _("Kies een opleiding uit de lijst.")})
    if conversation is not None and conversation.student_id != student.pk:
        raise ValidationError({"conversation": _("Dit gesprek hoort niet bij deze leerling.")})
    spoken_anew = voice is not None or bool(remove_voice and choice is not None and choice.voice)
    with files_removed_on_error() as files:
        if choice is None:
            choice = Choice(school_id=student.school_id, moment=moment, student=student, **text)
        else:
            if spoken_anew or any(getattr(choice, name) != value for name, value in text.items()):
                choice.confirmations.all().delete()
                choice.version += 1
            for name, value in text.items():
                setattr(choice, name, value)
        choice.institution = (institution or "").strip()
        choice.programme = programme
        choice.application = application
        if conversation is not None:
            choice.conversation = conversation
        if choice.voice and spoken_anew:
            delete_files_on_commit(choice.voice)  # takes the old name now, before a new file replaces it
            choice.voice = ""
            choice.voice_content_type = ""
        if voice is not None:
            files.save(choice.voice, voice)
            choice.voice_content_type = voice.content_type
        choice.save()
        choice.experiences.set(experiences)
        choice.reflections.set(reflections)
        choice.traits.set(traits)
        choice.occupations.set(occupations)
        choice.linked_programmes.set(linked_programmes)
        choice.interest_results.set(interest_results)
    return choice


def _check_links(
    student: Student,
    reflections: Sequence[Reflection],
    traits: Sequence[StudentTrait],
    occupations: Sequence[Occupation],
    programmes: Sequence[Programme],
    results: Sequence[InterestResult],
) -> None:
    """Every link is the student's own, or a catalogue entry shipped or of the student's school."""
    if any(r.student_id != student.pk for r in reflections):
        raise ValidationError({"reflections": _("Kies alleen reflecties uit je eigen dossier.")})
    if any(t.student_id != student.pk for t in traits):
        raise ValidationError({"traits": _("Kies alleen kwaliteiten en motieven uit je eigen dossier.")})
    if any(r.student_id != student.pk for r in results):
        raise ValidationError({"interest_results": _("Kies alleen je eigen uitslagen van de interessetest.")})
    if any(o.school_id not in (None, student.school_id) for o in occupations):
        raise ValidationError({"occupations": _("Kies beroepen uit de lijst.")})
    if any(p.school_id not in (None, student.school_id) for p in programmes):
        raise ValidationError({"linked_programmes": _("Kies opleidingen uit de lijst.")})


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
