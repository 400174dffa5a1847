"""The student's own internship pages: choosing places, their internships, the log and looking back. Family
pages: every text in every family language."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from koers.access.gate import permit
from koers.common.views import GET_POST, show_domain_errors
from koers.partners.domain import internships as domain
from koers.partners.forms.internships import ChoiceForm, LogForm, ReflectForm
from koers.partners.queries import internships as queries
from koers.partners.rules import can_choose_places, can_keep_log, can_see_own_internship
from koers.schools.queries import own_student

T = "partners/family"


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_see_own_internship)
    student = own_student(role)
    return render(
        request,
        f"{T}/mine.html",
        {"internships": queries.internships_of(student), "wishes": queries.wishes_of(student)},
    )


@login_required
@GET_POST
def choose(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_choose_places)
    student = own_student(role)
    places = list(queries.open_places(role.school_id))
    wishes = queries.wishes_of(student)
    initial = {}
    for wish in wishes:
        initial[f"place_{wish.rank}"] = str(wish.place_id)
        initial[f"reason_{wish.rank}"] = wish.reason
    posted = request.method == "POST"
    form = ChoiceForm(
        request.POST if posted else None, request.FILES if posted else None, places=places, initial=initial
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        chosen = [
            domain.WishInput(
                place_id=int(data[f"place_{n}"]), reason=data[f"reason_{n}"], voice=data[f"voice_{n}"]
            )
            for n in (1, 2, 3)
            if data.get(f"place_{n}")
        ]
        try:
            domain.choose_places(by=role, student=student, wishes=chosen)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Je keuzes zijn bewaard. Je mentor kijkt ernaar."))
            return redirect("partners:mine")
    return render(
        request,
        f"{T}/choose.html",
        {
            "form": form,
            "places": places,
            "slots": [(form[f"place_{n}"], form[f"reason_{n}"], form[f"voice_{n}"]) for n in (1, 2, 3)],
        },
        status=400 if form.errors else 200,
    )


@login_required
@GET_POST
def log_day(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_see_own_internship)
    internship = queries.get_internship_for(role, pk)
    permit(request, can_keep_log, internship)
    posted = request.method == "POST"
    form = LogForm(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            domain.log_day(by=role, internship=internship, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Je dag staat in je logboek."))
            return redirect("partners:internship", pk=internship.pk)
    return render(
        request,
        f"{T}/log_form.html",
        {"form": form, "internship": internship},
        status=400 if form.errors else 200,
    )


@login_required
@GET_POST
def reflect(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_see_own_internship)
    internship = queries.get_internship_for(role, pk)
    permit(request, can_keep_log, internship)
    form = ReflectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            domain.reflect_afterwards(by=role, internship=internship, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Je stage staat in je dossier. Denk nu na over wat je leerde."))
            return redirect("dossier:experience", pk=internship.experience_id)
    return render(
        request,
        f"{T}/reflect.html",
        {"form": form, "internship": internship, "feedback": queries.feedback_of(internship)},
        status=400 if form.errors else 200,
    )
