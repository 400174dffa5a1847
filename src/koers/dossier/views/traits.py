"""The student's qualities and motives: add, change, remove."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.access.gate import permit
from koers.common.versions import version_of_instance
from koers.common.views import GET_POST, show_domain_errors
from koers.dossier.domain.traits import TRAIT_FIELDS, claim_trait, relink_trait, unclaim_trait
from koers.dossier.forms.traits import TraitClaimForm, TraitEditForm
from koers.dossier.models import StudentTrait
from koers.dossier.queries.overview import own_experiences
from koers.dossier.queries.traits import get_trait_for
from koers.dossier.rules import can_keep_dossier
from koers.dossier.views.overview import own_dossier, posted, share_default
from koers.lob.vocabulary import TraitKind
from koers.schools.models import Role, Student


@login_required
@GET_POST
def trait_new(request: HttpRequest) -> HttpResponse:
    role, student = own_dossier(request)
    kind = TraitKind.MOTIVE if request.GET.get("soort") in ("motief", TraitKind.MOTIVE) else TraitKind.QUALITY
    form_kwargs: dict[str, Any] = {
        "kind": kind,
        "experiences": own_experiences(student),
        "share_default": share_default(request, "trait"),
    }
    form = TraitClaimForm(posted(request), **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            claimed = claim_trait(
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
    form = TraitEditForm(
        posted(request),
        initial=initial,
        experiences=experiences,
        version=version_of_instance(claimed, TRAIT_FIELDS),
    )
    if request.method == "POST" and form.is_valid():
        try:
            relink_trait(
                student_trait=claimed,
                by=role,
                own_words=form.cleaned_data["own_words"],
                experiences=form.cleaned_data["experiences"],
                version=form.started_from,
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
    unclaim_trait(student_trait=claimed, by=role)
    messages.success(request, _("“%(label)s” is uit je dossier gehaald.") % {"label": label})
    return redirect(reverse("dossier:home") + "#kwaliteiten")
