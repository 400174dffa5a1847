"""Reflections on an experience: the prompts of one competence, answered by text or voice, and right
afterwards the offer to add a quality the reflection named to the dossier (one tap, never by itself)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.access.gate import permit
from koers.common.uploads import serve_file
from koers.common.views import show_domain_errors
from koers.dossier.domain.experiences import reflect_on_experience, reflection_version
from koers.dossier.domain.traits import claim_trait
from koers.dossier.forms.experiences import QualityOfferForm, ReflectionForm
from koers.dossier.models import Experience
from koers.dossier.queries.experiences import (
    get_editable_experience,
    get_voice_answer_for,
    prompts_for,
    reflection_with_answers,
)
from koers.dossier.rules import can_keep_dossier, can_open_dossiers
from koers.lob.vocabulary import Competence, TraitKind, competence_pictogram


def _experience_url(experience: Experience, anchor: str = "") -> str:
    url = reverse("dossier:experience", args=[experience.pk])
    return f"{url}#{anchor}" if anchor else url


@login_required
@require_http_methods(["GET", "POST"])
def reflection(request: HttpRequest, pk: int, competence: str) -> HttpResponse:
    role = permit(request, can_keep_dossier)
    experience = get_editable_experience(role, pk)
    if competence not in Competence.values:
        raise Http404
    prompts = prompts_for(competence)
    existing = reflection_with_answers(experience, competence)
    form = ReflectionForm(
        request.POST or None,
        request.FILES or None,
        prompts=prompts,
        reflection=existing,
        shared_default=role.school.shares_by_default("reflection"),
        version=reflection_version(existing),
    )
    if request.method == "POST" and form.is_valid():
        try:
            reflect_on_experience(
                student=experience.student,
                by=role,
                experience=experience,
                competence=competence,
                answers=form.answers(),
                shared_with_guardians=form.cleaned_data["shared_with_guardians"],
                version=form.started_from,
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Je reflectie is bewaard."))
            url = reverse("dossier:experience", args=[experience.pk])
            return redirect(f"{url}?gereflecteerd={competence}#reflecties")
    return render(
        request,
        "dossier/reflection_form.html",
        {
            "form": form,
            "experience": experience,
            "competence": Competence(competence),
            "competence_icon": competence_pictogram(competence),
            "existing": existing,
            "files_dropped": request.method == "POST" and bool(request.FILES),
        },
    )


@login_required
@require_http_methods(["POST"])
def quality_from_reflection(request: HttpRequest, pk: int) -> HttpResponse:
    """One tap: a quality the student named in a reflection goes into the dossier, linked to this
    experience."""
    role = permit(request, can_keep_dossier)
    experience = get_editable_experience(role, pk)
    form = QualityOfferForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een kwaliteit uit de lijst."))
        return redirect(_experience_url(experience, "reflecties"))
    try:
        claimed = claim_trait(
            student=experience.student,
            by=role,
            kind=TraitKind.QUALITY,
            trait=form.cleaned_data["trait"],
            experiences=[experience],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(label)s” staat nu in je dossier.") % {"label": claimed.label})
    return redirect(_experience_url(experience, "reflecties"))


@login_required
@require_http_methods(["GET", "HEAD"])
def voice_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    role = permit(request, can_open_dossiers)
    answer = get_voice_answer_for(role, pk)
    # A voice answer plays inside the experience page, whose view is already logged once.
    extension = answer.voice.name.rsplit(".", 1)[-1] if "." in answer.voice.name else "bin"
    try:
        return serve_file(
            request,
            answer.voice,
            content_type=answer.voice_content_type or "application/octet-stream",
            filename=f"spraakbericht-{answer.pk}.{extension}",
            attachment=False,
        )
    except FileNotFoundError as error:
        raise Http404 from error
