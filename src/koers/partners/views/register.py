"""The register: the partner list, a partner's page, adding and changing partners, their contact people,
contact moments and internship places. Staff pages (Dutch and English)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.access.gate import permit
from koers.common.versions import version_of_instance
from koers.common.views import GET_POST, show_domain_errors
from koers.partners.domain import register as domain
from koers.partners.forms.register import MomentForm, PartnerForm, PersonForm, PlaceForm, RegisterFilterForm
from koers.partners.models import Partner
from koers.partners.queries import partners as queries
from koers.partners.rules import can_keep_register, can_read_register, can_record_contact
from koers.schools.models import Role

T = "partners/register"


@login_required
@require_GET
def register(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_read_register)
    form = RegisterFilterForm(request.GET or None)
    wanted = queries.RegisterFilter()
    if form.is_valid():
        data = form.cleaned_data
        wanted = queries.RegisterFilter(
            kind=data["kind"],
            offer=data["offer"],
            sector=data["sector"],
            status=data["status"],
            text=data["q"],
        )
    return render(
        request,
        f"{T}/list.html",
        {"partners": queries.register(role, wanted), "form": form, "can_edit": can_keep_register(role)},
    )


@login_required
@GET_POST
def partner_new(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_keep_register)
    form = PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner = domain.add_partner(by=role, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("De partner staat in het netwerk."))
            return redirect("partners:partner", pk=partner.pk)
    return render(request, f"{T}/partner_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@GET_POST
def partner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_keep_register)
    partner = queries.get_partner_for(role, pk)
    form = PartnerForm(
        request.POST or None,
        initial=PartnerForm.initial_for(partner),
        version=version_of_instance(partner, domain.PARTNER_FIELDS),
    )
    if request.method == "POST" and form.is_valid():
        try:
            domain.update_partner(by=role, partner=partner, version=form.started_from, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("De partner is bijgewerkt."))
            return redirect("partners:partner", pk=partner.pk)
    return render(
        request,
        f"{T}/partner_form.html",
        {"form": form, "partner": partner},
        status=400 if form.errors else 200,
    )


def _partner_page(request: HttpRequest, role: Role, partner: Partner, **forms: object) -> HttpResponse:
    page = queries.partner_page(role, partner)
    context = {
        "page": page,
        "partner": page.partner,
        "can_edit": can_keep_register(role),
        "person_form": forms.get("person_form") or PersonForm(),
        "moment_form": forms.get("moment_form") or MomentForm(partner=page.partner),
    }
    return render(request, f"{T}/partner.html", context, status=400 if forms else 200)


@login_required
@require_GET
def partner(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_read_register)
    return _partner_page(request, role, queries.get_partner_for(role, pk))


@login_required
@require_POST
def person_new(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_keep_register)
    found = queries.get_partner_for(role, pk)
    form = PersonForm(request.POST)
    if form.is_valid():
        try:
            domain.add_person(by=role, partner=found, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            return redirect("partners:partner", pk=found.pk)
    return _partner_page(request, role, found, person_form=form)


@login_required
@require_POST
def person_remove(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_keep_register)
    person = queries.get_person_for(role, pk)
    domain.remove_person(by=role, person=person)
    return redirect("partners:partner", pk=person.partner_id)


@login_required
@require_POST
def moment_new(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_record_contact)
    found = queries.get_partner_for(role, pk)
    form = MomentForm(request.POST, partner=found)
    if form.is_valid():
        try:
            domain.record_moment(by=role, partner=found, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Het contactmoment is vastgelegd."))
            return redirect("partners:partner", pk=found.pk)
    return _partner_page(request, role, found, moment_form=form)


def _place_data(form: PlaceForm) -> dict[str, object]:
    return dict(form.cleaned_data)


@login_required
@GET_POST
def place_new(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_keep_register)
    found = queries.get_partner_for(role, pk)
    form = PlaceForm(request.POST or None, initial={"capacity": 1, "open": True})
    if request.method == "POST" and form.is_valid():
        try:
            domain.add_place(by=role, partner=found, **_place_data(form))
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("De stageplaats is toegevoegd."))
            return redirect("partners:partner", pk=found.pk)
    return render(
        request, f"{T}/place_form.html", {"form": form, "partner": found}, status=400 if form.errors else 200
    )


@login_required
@GET_POST
def place_edit(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_keep_register)
    place = queries.get_place_for(role, pk)
    version = version_of_instance(place, domain.PLACE_FIELDS)  # before the form copies its input onto it
    form = PlaceForm(request.POST or None, instance=place, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            domain.update_place(by=role, place=place, version=form.started_from, **_place_data(form))
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("De stageplaats is bijgewerkt."))
            return redirect("partners:partner", pk=place.partner_id)
    return render(
        request,
        f"{T}/place_form.html",
        {"form": form, "partner": place.partner, "place": place},
        status=400 if form.errors else 200,
    )
