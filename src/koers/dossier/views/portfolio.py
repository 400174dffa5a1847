"""The dossier overview, LOB-lijn, qualities and motives, compliments, ambitions, network and actions.

Views parse, authorise, call ``dossier.domain.portfolio`` and render. The student writes only in their own
dossier (objects of anyone else are a 404); mentors, counsellors and guardians read through
``get_student_for`` and every such read writes one audit row.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.access.gate import permit
from koers.common.views import GET_POST, show_domain_errors
from koers.dossier.domain import portfolio as domain
from koers.dossier.forms.portfolio import (
    AmbitionForm,
    ComplimentForm,
    ContactForm,
    StepForm,
    TraitClaimForm,
    TraitEditForm,
)
from koers.dossier.models import Ambition, Contact, StudentTrait
from koers.dossier.queries.portfolio import (
    access_log_of,
    get_ambition_for,
    get_complimentable_student_for,
    get_contact_for,
    get_shared_item_for,
    get_step_for,
    get_trait_for,
    own_experiences,
)
from koers.dossier.rules import can_compliment, can_keep_dossier, can_open_dossiers
from koers.lob.vocabulary import TraitKind
from koers.schools.models import Role, Student
from koers.schools.queries import current_group_of, own_student


def _own(request: HttpRequest) -> tuple[Role, Student]:
    """The student keeping their own dossier; everyone else gets a 404."""
    role = permit(request, can_keep_dossier)
    return role, own_student(role)


def _posted(request: HttpRequest) -> Any:
    """The submitted data of a POST, even an empty one (so it shows its errors), or None for a GET."""
    return request.POST if request.method == "POST" else None


def _next_or(request: HttpRequest, fallback: str) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return wanted
    return fallback


def _share_default(request: HttpRequest, kind: str) -> bool:
    return request.school.shares_by_default(kind)  # type: ignore[attr-defined]


# --- who looked ----------------------------------------------------------------------------------


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    _, student = _own(request)
    return render(request, "dossier/access_log.html", {"entries": access_log_of(student), "student": student})


# --- qualities and motives ---------------------------------------------------------------------------


@login_required
@GET_POST
def trait_new(request: HttpRequest) -> HttpResponse:
    role, student = _own(request)
    kind = TraitKind.MOTIVE if request.GET.get("soort") in ("motief", TraitKind.MOTIVE) else TraitKind.QUALITY
    form_kwargs: dict[str, Any] = {
        "kind": kind,
        "experiences": own_experiences(student),
        "share_default": _share_default(request, "trait"),
    }
    form = TraitClaimForm(_posted(request), **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            claimed = domain.claim_trait(
                student=student,
                by=role,
                kind=kind,
                trait=form.cleaned_data["trait"],
                own_words=form.cleaned_data["own_words"],
                experiences=form.cleaned_data["experiences"],
                shared=form.cleaned_data["shared"],
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("“%(label)s” staat nu in je dossier.") % {"label": claimed.label})
            return redirect(reverse("dossier:home") + "#kwaliteiten")
    return render(request, "dossier/trait_form.html", {"form": form, "kind": kind, "student": student})


def _own_trait(request: HttpRequest, pk: int) -> tuple[Role, Student, StudentTrait]:
    role = permit(request, can_keep_dossier)
    trait = get_trait_for(role, pk)
    return role, trait.student, trait


@login_required
@GET_POST
def trait_edit(request: HttpRequest, pk: int) -> HttpResponse:
    role, student, claimed = _own_trait(request, pk)
    experiences = own_experiences(student)
    initial = {
        "own_words": claimed.own_words,
        "experiences": list(claimed.experiences.values_list("pk", flat=True)),
    }
    form = TraitEditForm(_posted(request), initial=initial, experiences=experiences)
    if request.method == "POST" and form.is_valid():
        try:
            domain.relink_trait(
                student_trait=claimed,
                by=role,
                own_words=form.cleaned_data["own_words"],
                experiences=form.cleaned_data["experiences"],
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Opgeslagen."))
            return redirect(reverse("dossier:home") + "#kwaliteiten")
    return render(request, "dossier/trait_edit.html", {"form": form, "claimed": claimed, "student": student})


@login_required
@require_POST
def trait_delete(request: HttpRequest, pk: int) -> HttpResponse:
    role, _student, claimed = _own_trait(request, pk)
    label = claimed.label
    domain.unclaim_trait(student_trait=claimed, by=role)
    messages.success(request, _("“%(label)s” is uit je dossier gehaald.") % {"label": label})
    return redirect(reverse("dossier:home") + "#kwaliteiten")


# --- compliments -------------------------------------------------------------------------------------


@login_required
@GET_POST
def compliment_new(request: HttpRequest, student_pk: int) -> HttpResponse:
    role = permit(request, can_compliment)
    student = get_complimentable_student_for(role, student_pk)
    form = ComplimentForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            domain.give_compliment(
                role=role,
                student=student,
                trait=form.cleaned_data["trait"],
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Je compliment is gegeven aan %(name)s.") % {"name": student.name})
            if can_open_dossiers(role):
                return redirect("dossier:student", student_pk=student.pk)
            return redirect("home")
    return render(
        request,
        "dossier/compliment_form.html",
        {"form": form, "student": student, "group": current_group_of(student)},
    )


# --- ambitions ---------------------------------------------------------------------------------------


@login_required
@GET_POST
def ambition_new(request: HttpRequest) -> HttpResponse:
    role, student = _own(request)
    form = AmbitionForm(_posted(request), share_default=_share_default(request, "ambition"))
    if request.method == "POST" and form.is_valid():
        try:
            ambition = domain.create_ambition(
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
    form = form or AmbitionForm(initial=model_to_dict(ambition, fields=["dream", "why"]))
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
            domain.update_ambition(
                ambition=item, by=role, dream=form.cleaned_data["dream"], why=form.cleaned_data["why"]
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
    domain.drop_ambition(ambition=item, by=role)
    messages.success(request, _("De droom is uit je dossier gehaald. Dromen mogen veranderen!"))
    return redirect(reverse("dossier:home") + "#dromen")


@login_required
@require_POST
def ambition_step_new(request: HttpRequest, pk: int) -> HttpResponse:
    role, _student, item = _own_ambition(request, pk)
    step_form = StepForm(request.POST)
    if step_form.is_valid():
        try:
            domain.add_ambition_step(
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
    domain.set_step_done(step=step, by=role, done=request.POST.get("done") == "1")
    if getattr(request, "htmx", False):
        return render(request, "dossier/_step.html", {"step": step, "own": True})
    return redirect(_next_or(request, reverse("dossier:ambition", args=[step.ambition_id])))


# --- network -----------------------------------------------------------------------------------------


@login_required
@GET_POST
def contact_new(request: HttpRequest) -> HttpResponse:
    role, student = _own(request)
    form = ContactForm(_posted(request), share_default=_share_default(request, "contact"))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contact = domain.add_contact(
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
    initial = model_to_dict(
        contact, fields=["name", "relation", "occupation", "could_help_with", "contacted"]
    )
    form = ContactForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            domain.update_contact(
                contact=contact,
                by=role,
                name=data["name"],
                relation=data["relation"],
                occupation=data["occupation"],
                could_help_with=data["could_help_with"],
                contacted=data["contacted"],
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
    domain.remove_contact(contact=contact, by=role)
    messages.success(request, _("%(name)s is uit je netwerk gehaald.") % {"name": name})
    return redirect(reverse("dossier:home") + "#netwerk")


@login_required
@require_POST
def contact_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    role, contact = _own_contact(request, pk)
    domain.set_contacted(contact=contact, by=role, contacted=request.POST.get("contacted") == "1")
    if getattr(request, "htmx", False):
        return render(request, "dossier/_contacted.html", {"contact": contact, "own": True})
    return redirect(_next_or(request, reverse("dossier:home") + "#netwerk"))


# --- sharing -----------------------------------------------------------------------------------------


@login_required
@require_POST
def share_toggle(request: HttpRequest) -> HttpResponse:
    """The student shows an item to their guardians, or hides it again."""
    role = permit(request, can_keep_dossier)
    kind = request.POST.get("kind", "")
    pk = request.POST.get("pk", "")
    if not pk.isdigit():
        raise Http404
    item = get_shared_item_for(role, kind, int(pk))
    domain.set_sharing(by=role, item=item, shared=request.POST.get("shared") == "1")
    if getattr(request, "htmx", False):
        return render(request, "dossier/_share_toggle.html", {"share_item": item, "share_kind": kind})
    if item.shared_with_guardians:
        messages.success(request, _("Je ouders of verzorgers kunnen dit nu zien."))
    else:
        messages.success(request, _("Dit is nu niet meer zichtbaar voor je ouders of verzorgers."))
    return redirect(_next_or(request, reverse("dossier:home")))
