"""The student's and the guardian's pages: my choices, arguing a choice, ranking modules, the guardian's
view."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.access.gate import permit
from koers.access.playback import play_recording
from koers.access.rules import is_guardian
from koers.choices.domain import choosing
from koers.choices.domain.ranking import rank_modules
from koers.choices.domain.results import record_module_experience
from koers.choices.forms.family import ChoiceForm, RankForm, StanceForm, initial_of
from koers.choices.models import MomentKind
from koers.choices.queries import moments as queries
from koers.choices.queries.links import get_voice_for, link_options
from koers.choices.queries.modules import get_own_placement_for, student_modules
from koers.choices.rules import (
    can_confirm_choices,
    can_hear_choice_voice,
    can_make_choices,
    can_read_child_choices,
)
from koers.common.htmx import render_page
from koers.common.versions import version_of_instance
from koers.common.views import GET_POST, show_domain_errors
from koers.dossier.domain.experiences import EXPERIENCE_FIELDS
from koers.dossier.forms.experiences import EvidenceForm, ExperienceForm
from koers.lob.vocabulary import ExperienceKind
from koers.schools.models import Student
from koers.schools.queries import get_student_for, guardian_sees_dossier_of, guardianship_of, own_student

PLACES = 6


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_make_choices)
    return _mine_page(request, own_student(role))


def _mine_page(request: HttpRequest, student: Student, stance_form: StanceForm | None = None) -> HttpResponse:
    stance = queries.stance_of(student)
    return render_page(
        request,
        "choices/family/mine.html",
        {
            "lines": queries.student_choices(student),
            "modules": student_modules(student),
            "stance_form": stance_form
            or StanceForm(
                initial={"stance": stance.stance, "note": stance.note} if stance else None,
                version=version_of_instance(stance, choosing.STANCE_FIELDS) if stance else "",
            ),
            "stance": stance,
        },
        status=400 if stance_form is not None else 200,
    )


@login_required
@GET_POST
def choose(request: HttpRequest, moment_pk: int) -> HttpResponse:
    role = permit(request, can_make_choices)
    student = own_student(role)
    line = queries.get_student_moment_for(role, student, moment_pk)
    choice = line.choice
    form = ChoiceForm(
        request.POST or None,
        request.FILES or None,
        initial=initial_of(choice),
        experiences=queries.experiences_of(student),
        follow_up=line.moment.kind == MomentKind.FOLLOW_UP,
        links=link_options(student),
        has_voice=bool(choice and choice.voice),
    )
    if request.method == "POST" and form.is_valid():
        try:
            choosing.make_choice(by=role, student=student, moment=line.moment, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Je keuze is bewaard. Bespreek hem met je mentor."))
            return redirect("choices:mine")
    files_dropped = request.method == "POST" and bool(request.FILES) and not form.is_valid()
    return render_page(
        request, "choices/family/choose.html", {"form": form, "line": line, "files_dropped": files_dropped}
    )


@login_required
@GET_POST
def rank(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_make_choices)
    student = own_student(role)
    result = student_modules(student)
    initial = {f"place_{p.rank}": p.module_id for p in result.ranking}
    form = RankForm(request.POST or None, initial=initial, modules=result.modules, places=PLACES)
    if request.method == "POST" and form.is_valid():
        try:
            rank_modules(by=role, student=student, ranking=form.ranking())
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Je volgorde van keuzemodules is bewaard."))
            return redirect("choices:mine")
    return render_page(request, "choices/family/rank.html", {"form": form, "result": result})


@login_required
@require_POST
def stance(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_make_choices)
    student = own_student(role)
    form = StanceForm(request.POST)
    if form.is_valid():
        try:
            choosing.set_stance(by=role, student=student, version=form.started_from, **form.cleaned_data)
        except ValidationError as error:  # saved meanwhile on another device: both texts on the page
            show_domain_errors(form, error)
            return _mine_page(request, student, form)
        messages.success(request, _("Bewaard."))
    else:
        messages.error(request, _("Kies een van de mogelijkheden."))
    return redirect("choices:mine")


@login_required
def child(request: HttpRequest, student_pk: int) -> HttpResponse:
    role = permit(request, can_read_child_choices)
    student = get_student_for(role, student_pk)
    sees = guardian_sees_dossier_of(role, student)
    guardianship = guardianship_of(role, student)
    return render_page(
        request,
        "choices/family/child.html",
        {
            "student": student,
            "sees": sees,
            "may_confirm": bool(guardianship and guardianship.decides),
            "lines": queries.student_choices(student, shared_only=True) if sees else [],
        },
    )


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_confirm_choices)
    choice = queries.get_choice_for(role, pk)
    guardianship = guardianship_of(role, choice.student)
    try:
        choosing.confirm_choice(by=role, choice=choice, guardianship=guardianship)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, _("De keuze is bevestigd."))
    if is_guardian(role):
        return redirect("choices:child", student_pk=choice.student_id)
    conversation = request.POST.get("gesprek", "")
    if conversation.isdigit():  # confirmed in guide mode: back to the conversation (which checks access)
        return redirect(reverse("conversations:guide", args=[int(conversation)]) + "#choices")
    return redirect("choices:student", student_pk=choice.student_id)


@login_required
@require_GET
def voice(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The reasons for a choice as the student spoke them: for the student, their mentors and counsellor, and
    a guardian who sees the dossier (playing it is logged for anyone but the student)."""
    role = permit(request, can_hear_choice_voice)
    choice = get_voice_for(role, pk)
    return play_recording(
        request,
        role,
        student=choice.student,
        file=choice.voice,
        content_type=choice.voice_content_type,
        subject=_("spraakbericht bij een keuze"),
    )


@login_required
@GET_POST
def module_experience(request: HttpRequest, pk: int) -> HttpResponse:
    """The end of a module into the dossier: the dossier's experience form, filled in from the module."""
    role = permit(request, can_make_choices)
    placement = get_own_placement_for(own_student(role), pk)
    if placement.experience_id:
        return redirect("dossier:experience", pk=placement.experience_id)
    evidence_form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        form = ExperienceForm(request.POST)
        if all([form.is_valid(), evidence_form.is_valid()]):
            try:
                experience = record_module_experience(
                    by=role,
                    placement=placement,
                    values={name: form.cleaned_data[name] for name in EXPERIENCE_FIELDS},
                    evidence=evidence_form.uploads(),
                    caption=evidence_form.cleaned_data.get("caption", ""),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Je module staat in je dossier."))
                return redirect("dossier:experience", pk=experience.pk)
    else:
        module = placement.module
        form = ExperienceForm(
            initial={
                "kind": ExperienceKind.SCHOOL_SUBJECT,
                "title": module.title[:120],
                "happened_on": timezone.localdate(),
                "place": module.room,
                "what_i_did": module.description,
                "shared_with_guardians": role.school.shares_by_default("experience"),
            }
        )
    return render_page(
        request,
        "dossier/experience_form.html",
        {
            "form": form,
            "evidence_form": evidence_form,
            "experience": None,
            "files_dropped": request.method == "POST" and bool(request.FILES),
        },
    )
