"""The counsellor's part of the catalogue: add an occupation, correct or hide one, record its prospects."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from koers.access.gate import permit
from koers.careers.domain.catalogue import add_occupation, adjust_occupation, set_prospect
from koers.careers.queries.catalogue import edit_of, get_occupation_for, prospect_of
from koers.careers.rules import can_edit_catalogue
from koers.careers.staff_forms import AdjustForm, OwnOccupationForm, ProspectForm
from koers.common.views import GET_POST, show_domain_errors


@login_required
@GET_POST
def new_occupation(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_edit_catalogue)
    form = OwnOccupationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            occupation = add_occupation(by=role, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            return redirect("careers:occupation", pk=occupation.pk)
    return render(request, "careers/occupation_new.html", {"form": form})


@login_required
@GET_POST
def adjust(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_edit_catalogue)
    occupation = get_occupation_for(role, pk, include_hidden=True)
    edit = edit_of(occupation)
    prospect = prospect_of(occupation)
    adjust_form = AdjustForm(
        request.POST if "adjust" in request.POST else None,
        initial={
            "name": (edit.name if edit and edit.name else occupation.dutch_name),
            "description": (
                edit.description if edit and edit.description else occupation.descriptions.get("nl", "")
            ),
            "hidden": bool(edit and edit.hidden),
        },
    )
    prospect_form = ProspectForm(
        request.POST if "prospect" in request.POST else None,
        initial={
            "outlook": prospect.outlook,
            "source": prospect.source,
            "source_url": prospect.source_url,
            "dated": prospect.dated,
        }
        if prospect
        else None,
    )
    for name, form, verb in (
        ("adjust", adjust_form, adjust_occupation),
        ("prospect", prospect_form, set_prospect),
    ):
        if request.method == "POST" and name in request.POST and form.is_valid():
            try:
                verb(by=role, occupation=occupation, **form.cleaned_data)
            except ValidationError as error:
                show_domain_errors(form, error)
            else:
                return redirect("careers:adjust", pk=occupation.pk)
    return render(
        request,
        "careers/occupation_adjust.html",
        {"occupation": occupation, "adjust_form": adjust_form, "prospect_form": prospect_form},
    )
