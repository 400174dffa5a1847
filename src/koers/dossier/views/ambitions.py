"""The student's ambitions (dreams) and their steps."""

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
from koers.dossier.domain.ambitions import (
    AMBITION_FIELDS,
    add_ambition_step,
    create_ambition,
    drop_ambition,
    set_step_done,
    update_ambition,
)
from koers.dossier.forms.ambitions import AmbitionForm, StepForm
from koers.dossier.models import Ambition
from koers.dossier.queries.ambitions import get_ambition_for, get_step_for
from koers.dossier.rules import can_keep_dossier
from koers.dossier.views.overview import next_or, own_dossier, posted, share_default
from koers.schools.models import Role, Student


@login_required
@GET_POST
def ambition_new(request: HttpRequest) -> HttpResponse:
    role, student = own_dossier(request)
    form = AmbitionForm(posted(request), share_default=share_default(request, "ambition"))
    if request.method == "POST" and form.is_valid():
        try:
            ambition = create_ambition(
                student=student,
                by=role,
                dream=form.cleaned_data["dream"],
                why=form.cleaned_data["why"],
                shared=form.cleaned_data["shared"],
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Je droom staat erin. Bedenk nu een eerste kleine stap."))
            return redirect("dossier:ambition", pk=ambition.pk)
    return render(request, "dossier/ambition_form.html", {"form": form, "student": student})


def _own_ambition(request: HttpRequest, pk: int) -> tuple[Role, Student, Ambition]:
    role = permit(request, can_keep_dossier)
    ambition = get_ambition_for(role, pk)
    return role, ambition.student, ambition


def _ambition_page(
    request: HttpRequest,
    ambition: Ambition,
    *,
    form: AmbitionForm | None = None,
    step_form: StepForm | None = None,
) -> HttpResponse:
    form = form or AmbitionForm(
        initial=model_to_dict(ambition, fields=list(AMBITION_FIELDS)),
        version=version_of_instance(ambition, AMBITION_FIELDS),
    )
    return render(
        request,
        "dossier/ambition_detail.html",
        {
            "ambition": ambition,
            "steps": list(ambition.steps.order_by("order", "pk")),
            "form": form,
            "step_form": step_form or StepForm(),
        },
    )


@login_required
@GET_POST
def ambition(request: HttpRequest, pk: int) -> HttpResponse:
    role, _student, item = _own_ambition(request, pk)
    if request.method != "POST":
        return _ambition_page(request, item)
    form = AmbitionForm(request.POST)
    if form.is_valid():
        try:
            update_ambition(
                ambition=item,
                by=role,
                dream=form.cleaned_data["dream"],
                why=form.cleaned_data["why"],
                version=form.started_from,
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Je droom is bijgewerkt."))
            return redirect("dossier:ambition", pk=item.pk)
    return _ambition_page(request, item, form=form)


@login_required
@require_POST
def ambition_delete(request: HttpRequest, pk: int) -> HttpResponse:
    role, _student, item = _own_ambition(request, pk)
    drop_ambition(ambition=item, by=role)
    messages.success(request, _("De droom is uit je dossier gehaald. Dromen mogen veranderen!"))
    return redirect(reverse("dossier:home") + "#dromen")


@login_required
@require_POST
def ambition_step_new(request: HttpRequest, pk: int) -> HttpResponse:
    role, _student, item = _own_ambition(request, pk)
    step_form = StepForm(request.POST)
    if step_form.is_valid():
        try:
            add_ambition_step(
                ambition=item,
                by=role,
                text=step_form.cleaned_data["text"],
                due_on=step_form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            show_domain_errors(step_form, error)
        else:
            messages.success(request, _("Stap toegevoegd."))
            return redirect(reverse("dossier:ambition", args=[item.pk]) + "#stappen")
    return _ambition_page(request, item, step_form=step_form)


@login_required
@require_POST
def ambition_step_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_keep_dossier)
    step = get_step_for(role, pk)
    set_step_done(step=step, by=role, done=request.POST.get("done") == "1")
    if getattr(request, "htmx", False):
        return render(request, "dossier/_step.html", {"step": step, "own": True})
    return redirect(next_or(request, reverse("dossier:ambition", args=[step.ambition_id])))
