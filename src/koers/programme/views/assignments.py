"""The assignment bank, giving assignments, the mentor's follow-up and students' work. Views parse, authorise,
call ``domain.assignments`` and render; anything a role may not see is a 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.access.gate import permit
from koers.access.rules import is_counsellor
from koers.common.htmx import render_page
from koers.common.uploads import serve_file
from koers.common.versions import version_of_instance
from koers.common.views import GET_POST, show_domain_errors
from koers.lob.vocabulary import Competence, Element
from koers.programme.domain import assignments as domain
from koers.programme.domain.giving import give_assignment
from koers.programme.forms.assignments import AssignmentForm, BankFilterForm, GiveForm, WorkForm
from koers.programme.models import Purpose
from koers.programme.queries import assignments as queries
from koers.programme.rules import can_do_assignments, can_manage_assignments, can_use_assignment_bank
from koers.schools.queries import own_student

WORK_ERRORS = {"0": "q0", "text": "text", "photos": "photos", "voice": "voice"}


def _labels(values: list[str], choices: Any) -> list[str]:
    names = dict(choices.choices)
    return [str(names[v]) for v in values if v in names]


# --- the bank -----------------------------------------------------------------------------------------


@login_required
@require_GET
def bank(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_use_assignment_bank)
    counsellor = is_counsellor(role)
    form = BankFilterForm(request.GET or None, show_archived=counsellor)
    chosen = queries.BankFilter()
    if form.is_valid():
        chosen = queries.BankFilter(**form.cleaned_data)
    found = queries.bank(role, chosen)
    rows = [
        {
            "assignment": a,
            "competences": _labels(a.competences, Competence),
            "elements": _labels(a.elements, Element),
        }
        for a in found
    ]
    return render_page(
        request,
        "programme/assignments/bank.html",
        {"form": form, "rows": rows, "is_counsellor": counsellor},
        fragment="results",
    )


@login_required
@require_GET
def assignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_use_assignment_bank)
    assignment = queries.get_assignment_for(role, pk)
    return render_page(
        request,
        "programme/assignments/detail.html",
        {
            "assignment": assignment,
            "competences": _labels(assignment.competences, Competence),
            "elements": _labels(assignment.elements, Element),
            "is_counsellor": is_counsellor(role),
        },
    )


@login_required
@GET_POST
def assignment_new(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_manage_assignments)
    form = AssignmentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            assignment = domain.create_assignment(by=role, data=form.as_input())
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("De opdracht staat in de opdrachtenbank."))
            return redirect("programme:assignment", pk=assignment.pk)
    return render_page(request, "programme/assignments/form.html", {"form": form, "assignment": None})


@login_required
@GET_POST
def assignment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_manage_assignments)
    assignment = queries.get_assignment_for(role, pk)
    form = AssignmentForm(
        request.POST if request.method == "POST" else None,
        initial=AssignmentForm.initial_for(assignment),
        version=version_of_instance(assignment, domain.ASSIGNMENT_FIELDS),
    )
    if request.method == "POST" and form.is_valid():
        try:
            domain.update_assignment(
                assignment=assignment, by=role, data=form.as_input(), version=form.started_from
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("De opdracht is aangepast."))
            return redirect("programme:assignment", pk=assignment.pk)
    return render_page(request, "programme/assignments/form.html", {"form": form, "assignment": assignment})


@login_required
@require_POST
def assignment_archive(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_manage_assignments)
    assignment = queries.get_assignment_for(role, pk)
    active = request.POST.get("active") == "1"
    domain.set_assignment_active(assignment=assignment, by=role, active=active)
    if active:
        messages.success(request, _("De opdracht is weer in gebruik."))
    else:
        messages.success(request, _("De opdracht is gearchiveerd. Leerlingen die hem al hebben, houden hem."))
    return redirect("programme:assignment", pk=assignment.pk)


# --- giving and following ---------------------------------------------------------------------------


@login_required
@GET_POST
def give(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_use_assignment_bank)
    assignment = queries.get_assignment_for(role, pk)
    if not assignment.active:
        raise Http404
    initial: dict[str, Any] = {}
    if request.GET.get("activity", "").isdigit():
        initial["activity"] = int(request.GET["activity"])
    if request.GET.get("purpose") in Purpose.values:
        initial["purpose"] = request.GET["purpose"]
    form = GiveForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        groups=queries.givable_groups(role),
        activities=queries.linkable_activities(role),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            given = give_assignment(
                by=role,
                assignment=assignment,
                groups=list(data["groups"]),
                given_on=data["given_on"],
                due_on=data["due_on"],
                purpose=data["purpose"],
                activity=data["activity"],
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("De opdracht is gegeven. De leerlingen zien hem in Koers."))
            return redirect("programme:given", pk=given.pk)
    return render_page(request, "programme/assignments/give.html", {"form": form, "assignment": assignment})


@login_required
@require_GET
def given_list(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_use_assignment_bank)
    return render_page(
        request, "programme/assignments/given_list.html", {"rows": queries.given_overview(role)}
    )


@login_required
@require_GET
def given_detail(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_use_assignment_bank)
    given = queries.get_given_for(role, pk)
    progress = queries.given_progress(given, only=queries.followed_in(role, given))
    return render_page(request, "programme/assignments/given_detail.html", {"progress": progress})


# --- the student's side -----------------------------------------------------------------------------


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_do_assignments)
    student = own_student(role)
    return render_page(
        request, "programme/assignments/mine.html", {"mine": queries.student_assignments(student)}
    )


def _photo_choices(photos: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [
        (p["name"], p.get("original") or _("foto %(number)s") % {"number": i})
        for i, p in enumerate(photos, 1)
    ]


@login_required
@GET_POST
def work(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_do_assignments)
    student = own_student(role)
    item = queries.get_given_for_student(student, pk)
    assignment = item.given.assignment
    photos = domain.draft_photos(item.work)
    has_voice = bool(item.work and item.work.voice)
    form = WorkForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        assignment=assignment,
        photo_choices=_photo_choices(photos),
        has_voice=has_voice,
        initial=WorkForm.initial_from(item.work.answers if item.work else {}, assignment),
        version=version_of_instance(item.work, domain.WORK_FIELDS) if item.work else "",
    )
    files_dropped = False
    if request.method == "POST" and not item.finished:
        finish = request.POST.get("action") == "finish"
        if form.is_valid():
            data = form.cleaned_data
            try:
                domain.save_work(
                    given=item.given,
                    student=student,
                    by=role,
                    answers=form.answers(),
                    photos=data["photos"],
                    remove_photos=data.get("remove_photos", []),
                    voice=data["voice"],
                    remove_voice=data.get("remove_voice", False),
                    finish=finish,
                    version=form.started_from,
                )
            except ValidationError as error:
                show_domain_errors(form, error, WORK_ERRORS)
                files_dropped = bool(request.FILES)
            else:
                if finish:
                    messages.success(request, _("Klaar! Je werk staat nu in je dossier."))
                    return redirect("programme:my_assignments")
                messages.success(request, _("Bewaard. Je kunt later verder."))
                return redirect("programme:work", pk=item.given.pk)
        else:
            files_dropped = bool(request.FILES)
    return render_page(
        request,
        "programme/assignments/work.html",
        {
            "item": item,
            "guardian_answers": list(queries.guardian_answers_of(item.given).filter(student=student)),
            "assignment": assignment,
            "form": form,
            "photos": list(enumerate(photos)),
            "has_voice": has_voice,
            "files_dropped": files_dropped,
            "competences": _labels(assignment.competences, Competence),
            "answered": [
                (question, (item.work.answers if item.work else {}).get(str(index), ""))
                for index, question in enumerate(assignment.local_questions)
            ],
        },
    )


@login_required
@require_GET
def work_photo(request: HttpRequest, pk: int, index: int) -> HttpResponseBase:
    role = permit(request, can_do_assignments)
    item = queries.get_given_for_student(own_student(role), pk)
    photos = domain.draft_photos(item.work)
    if item.work is None or not 0 <= index < len(photos):
        raise Http404
    photo = photos[index]
    return serve_file(
        request,
        domain.stored_file(item.work, photo["name"]),
        content_type=photo["type"],
        filename=photo.get("original") or "foto",
        attachment=False,
    )


@login_required
@require_GET
def work_voice(request: HttpRequest, pk: int) -> HttpResponseBase:
    role = permit(request, can_do_assignments)
    item = queries.get_given_for_student(own_student(role), pk)
    if item.work is None or not item.work.voice:
        raise Http404
    return serve_file(
        request,
        item.work.voice,
        content_type=item.work.voice_content_type,
        filename="spraakbericht",
        attachment=False,
    )
