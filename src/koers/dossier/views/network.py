"""The student's network: people who could help them further."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.access.gate import permit
from koers.common.versions import version_of_instance
from koers.common.views import GET_POST, show_domain_errors
from koers.dossier.domain.network import (
    CONTACT_FIELDS,
    add_contact,
    remove_contact,
    set_contacted,
    update_contact,
)
from koers.dossier.forms.network import ContactForm
from koers.dossier.models import Contact
from koers.dossier.queries.network import get_contact_for
from koers.dossier.rules import can_keep_dossier
from koers.dossier.views.overview import next_or, own_dossier, posted, share_default
from koers.schools.models import Role


@login_required
@GET_POST
def contact_new(request: HttpRequest) -> HttpResponse:
    role, student = own_dossier(request)
    form = ContactForm(posted(request), share_default=share_default(request, "contact"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contact = add_contact(
                student=student,
                by=role,
                name=data["name"],
                relation=data["relation"],
                occupation=data["occupation"],
                could_help_with=data["could_help_with"],
                contacted=data["contacted"],
                shared=data["shared"],
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("%(name)s staat in je netwerk.") % {"name": contact.name})
            return redirect(reverse("dossier:home") + "#netwerk")
    return render(request, "dossier/contact_form.html", {"form": form, "student": student})


def _own_contact(request: HttpRequest, pk: int) -> tuple[Role, Contact]:
    role = permit(request, can_keep_dossier)
    return role, get_contact_for(role, pk)


@login_required
@GET_POST
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    role, contact = _own_contact(request, pk)
    initial = model_to_dict(contact, fields=list(CONTACT_FIELDS))
    form = ContactForm(posted(request), initial=initial, version=version_of_instance(contact, CONTACT_FIELDS))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update_contact(
                contact=contact,
                by=role,
                name=data["name"],
                relation=data["relation"],
                occupation=data["occupation"],
                could_help_with=data["could_help_with"],
                contacted=data["contacted"],
                version=form.started_from,
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect(reverse("dossier:home") + "#netwerk")
    return render(request, "dossier/contact_form.html", {"form": form, "contact": contact})


@login_required
@require_POST
def contact_delete(request: HttpRequest, pk: int) -> HttpResponse:
    role, contact = _own_contact(request, pk)
    name = contact.name
    remove_contact(contact=contact, by=role)
    messages.success(request, _("%(name)s is uit je netwerk gehaald.") % {"name": name})
    return redirect(reverse("dossier:home") + "#netwerk")


@login_required
@require_POST
def contact_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    role, contact = _own_contact(request, pk)
    set_contacted(contact=contact, by=role, contacted=request.POST.get("contacted") == "1")
    if getattr(request, "htmx", False):
        return render(request, "dossier/_contacted.html", {"contact": contact, "own": True})
    return redirect(next_or(request, reverse("dossier:home") + "#netwerk"))
