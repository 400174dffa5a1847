"""The counsellor's pages for the learning route: the numbers per exam unit, and the school's programmes,
units and deepenings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from koers.access.gate import permit
from koers.choices.domain.programmes import add_programme, add_unit, set_deepenings
from koers.choices.forms.staff import DeepeningsForm, ProgrammeForm, UnitForm
from koers.choices.queries import route as queries
from koers.choices.rules import can_plan_choices
from koers.common.htmx import render_page
from koers.common.views import GET_POST, show_domain_errors


@login_required
def route_numbers(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_plan_choices)
    return render_page(request, "choices/staff/route_numbers.html", {"numbers": queries.unit_numbers(role)})


@login_required
@GET_POST
def programmes(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_plan_choices)
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            add_programme(by=role, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Het programma is toegevoegd."))
            return redirect("choices:programmes")
    return render_page(
        request,
        "choices/staff/programmes.html",
        {"form": form, "catalogue": queries.programme_catalogue(role)},
    )


@login_required
@GET_POST
def unit_new(request: HttpRequest, programme_pk: int) -> HttpResponse:
    role = permit(request, can_plan_choices)
    programme = queries.get_programme_for(role, programme_pk)
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            add_unit(by=role, programme=programme, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Het onderdeel is toegevoegd."))
            return redirect("choices:programmes")
    return render_page(request, "choices/staff/unit_form.html", {"form": form, "programme": programme})


@login_required
@GET_POST
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_plan_choices)
    unit = queries.get_unit_for(role, pk)
    titles = queries.deepening_titles(role, unit)
    form = DeepeningsForm(request.POST or None, initial={"deepenings": "\n".join(titles)})
    if request.method == "POST" and form.is_valid():
        try:
            set_deepenings(by=role, unit=unit, titles=form.titles())
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("De verdiepingen zijn bewaard."))
            return redirect("choices:programmes")
    return render_page(request, "choices/staff/unit_edit.html", {"form": form, "unit": unit})
