"""The counsellor's part of the catalogue: add an occupation or programme, correct or hide one, record an
occupation's prospects and the regional schools that offer a programme."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from koers.access.gate import permit
from koers.careers.domain.catalogue import (
    PROSPECT_FIELDS,
    add_occupation,
    add_offer,
    add_programme,
    adjust_occupation,
    adjust_programme,
    correct_programme,
    remove_offer,
    set_prospect,
    shown_adjustment,
)
from koers.careers.models import CatalogueEdit, Occupation, Programme
from koers.careers.queries.catalogue import (
    edit_of,
    get_occupation_for,
    get_offer_for,
    get_programme_for,
    offers_of,
    prospect_of,
)
from koers.careers.rules import can_edit_catalogue
from koers.careers.staff_forms import (
    AdjustForm,
    OfferForm,
    OwnOccupationForm,
    OwnProgrammeForm,
    ProgrammeFactsForm,
    ProspectForm,
)
from koers.common.versions import version_of, version_of_instance
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
    adjust_form = _adjust_form(request, occupation, edit)
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
        version=version_of_instance(prospect, PROSPECT_FIELDS) if prospect else "",
    )
    for name, form, verb in (
        ("adjust", adjust_form, adjust_occupation),
        ("prospect", prospect_form, set_prospect),
    ):
        if request.method == "POST" and name in request.POST and form.is_valid():
            try:
                verb(by=role, occupation=occupation, version=form.started_from, **form.cleaned_data)
            except ValidationError as error:
                show_domain_errors(form, error)
            else:
                return redirect("careers:adjust", pk=occupation.pk)
    return render(
        request,
        "careers/occupation_adjust.html",
        {"occupation": occupation, "adjust_form": adjust_form, "prospect_form": prospect_form},
    )


def _adjust_form(
    request: HttpRequest, entry: Occupation | Programme, edit: CatalogueEdit | None
) -> AdjustForm:
    shown = shown_adjustment(entry, edit)
    return AdjustForm(
        request.POST if "adjust" in request.POST else None, initial=shown, version=version_of(shown)
    )


@login_required
@GET_POST
def new_programme(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_edit_catalogue)
    form = OwnProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = add_programme(by=role, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            return redirect("careers:adjust_programme", pk=programme.pk)
    return render(request, "careers/new_programme.html", {"form": form})


@login_required
@GET_POST
def programme_adjust(request: HttpRequest, pk: int) -> HttpResponse:
    """A programme for this school: its name and description corrected or hidden, the facts of its own
    programme, and the regional schools that offer it."""
    role = permit(request, can_edit_catalogue)
    programme = get_programme_for(role, pk, include_hidden=True)
    adjust_form = _adjust_form(request, programme, edit_of(programme))
    facts_form = (
        ProgrammeFactsForm(
            request.POST if "facts" in request.POST else None,
            initial={
                "kind": programme.kind,
                "level": programme.level,
                "mbo_domain": programme.mbo_domain_id,
                "routes": programme.routes,
                "years": programme.years,
            },
        )
        if programme.school_id == role.school_id
        else None
    )
    offer_form = OfferForm(request.POST if "offer" in request.POST else None)
    steps = [
        (
            "adjust",
            adjust_form,
            lambda data: adjust_programme(
                by=role, programme=programme, version=adjust_form.started_from, **data
            ),
        ),
        ("facts", facts_form, lambda data: correct_programme(by=role, programme=programme, **data)),
        ("offer", offer_form, lambda data: add_offer(by=role, programme=programme, **data)),
    ]
    for name, form, verb in steps:
        if request.method == "POST" and form is not None and name in request.POST and form.is_valid():
            try:
                verb(form.cleaned_data)
            except ValidationError as error:
                show_domain_errors(form, error)
            else:
                return redirect("careers:adjust_programme", pk=programme.pk)
    context = {
        "programme": programme,
        "adjust_form": adjust_form,
        "facts_form": facts_form,
        "offer_form": offer_form,
        "offers": offers_of(programme),
    }
    return render(request, "careers/adjust_programme.html", context)


@login_required
@require_POST
def offer_delete(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_edit_catalogue)
    offer = get_offer_for(role, pk)
    remove_offer(by=role, offer=offer)
    return redirect("careers:adjust_programme", pk=offer.programme_id)
