"""Exploring work and education: search occupations and programmes, an occupation's page with the fit to the
student's own dossier and "does this fit me?", favourites."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.access.gate import permit
from koers.access.playback import play_recording
from koers.access.rules import is_student
from koers.careers.domain.favourites import fit_version, make_ambition, save_fit_reflection, toggle_favourite
from koers.careers.forms import FitForm, SearchForm
from koers.careers.queries.catalogue import (
    Filters,
    display_name,
    get_occupation_for,
    get_programme_for,
    occupation_page,
    occupations_of_programme,
    offers_of,
    search_occupations,
    search_programmes,
)
from koers.careers.queries.mine import favourites_of, fit_reflection_of, get_fit_voice_for
from koers.careers.queries.open_days import coming_open_days_of
from koers.careers.rules import can_edit_catalogue, can_explore, can_hear_fit_voice, can_keep_careers
from koers.common.views import GET_POST, show_domain_errors
from koers.schools.models import Role, Student
from koers.schools.queries import own_student


def _student(role: Role) -> Student | None:
    return own_student(role) if is_student(role) else None


@login_required
@require_GET
def explore(request: HttpRequest) -> HttpResponse:
    role = permit_explore(request)
    student = _student(role)
    raw = request.GET
    filters = Filters(
        query=(raw.get("q") or "").strip()[:80],
        sector=raw.get("sector") or "",
        level=raw.get("level") or "",
        fits=raw.get("past") == "on",
        from_test=raw.get("test") == "on",
    )
    search = search_occupations(role, student, filters)
    form = SearchForm(raw or None, sectors=[(s.key, s.name) for s in search.sectors])
    context = {"search": search, "form": form, "student": student, "can_edit": can_edit_catalogue(role)}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "careers/_occupation_results.html", context)
    return render(request, "careers/explore.html", context)


def permit_explore(request: HttpRequest) -> Role:
    return permit(request, can_explore)


@login_required
@require_GET
def occupation(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit_explore(request)
    item = get_occupation_for(role, pk)
    student = _student(role)
    page = occupation_page(item, student)
    reflection = fit_reflection_of(student, item) if student is not None else None
    context = {
        "page": page,
        "student": student,
        "reflection": reflection,
        "can_edit": can_edit_catalogue(role),
    }
    return render(request, "careers/occupation.html", context)


@login_required
@GET_POST
def fit(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_keep_careers)
    item = get_occupation_for(role, pk)
    student = own_student(role)
    existing = fit_reflection_of(student, item)
    initial = (
        {"attracts": existing.attracts, "doubts": existing.doubts, "find_out": existing.find_out}
        if existing
        else None
    )
    data = request.POST if request.method == "POST" else None
    form = FitForm(data, request.FILES or None, initial=initial, version=fit_version(existing))
    if request.method == "POST" and form.is_valid():
        try:
            save_fit_reflection(
                by=role, student=student, occupation=item, version=form.started_from, **form.cleaned_data
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            return redirect("careers:occupation", pk=item.pk)
    page = occupation_page(item, student)
    context = {
        "page": page,
        "form": form,
        "reflection": existing,
        "files_dropped": request.method == "POST" and bool(request.FILES) and not form.is_valid(),
    }
    return render(request, "careers/fit_form.html", context)


@login_required
@require_GET
def fit_voice(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A spoken "does this fit me?" answer, for the student and the mentor or counsellor following them
    (playing it is logged for anyone but the student)."""
    role = permit(request, can_hear_fit_voice)
    reflection = get_fit_voice_for(role, pk)
    return play_recording(
        request,
        role,
        student=reflection.student,
        file=reflection.voice,
        content_type=reflection.voice_content_type,
        subject=_("spraakbericht bij past dit bij mij?"),
    )


@login_required
@require_POST
def favourite_occupation(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_keep_careers)
    item = get_occupation_for(role, pk)
    on = toggle_favourite(by=role, student=own_student(role), occupation=item)
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request, "careers/_favourite_button.html", {"target": item, "on": on, "kind": "occupation"}
        )
    if request.POST.get("next"):
        return redirect(_safe_next(request))
    return redirect("careers:occupation", pk=item.pk)


@login_required
@require_POST
def make_dream(request: HttpRequest, pk: int) -> HttpResponse:
    """The occupation becomes a dream in the dossier (an ambition pointing to it)."""
    role = permit(request, can_keep_careers)
    item = get_occupation_for(role, pk)
    link = make_ambition(by=role, student=own_student(role), occupation=item, name=display_name(item))
    return redirect("dossier:ambition", pk=link.ambition_id)


@login_required
@require_POST
def make_programme_dream(request: HttpRequest, pk: int) -> HttpResponse:
    """The programme becomes a dream in the dossier (an ambition pointing to it)."""
    role = permit(request, can_keep_careers)
    item = get_programme_for(role, pk)
    link = make_ambition(by=role, student=own_student(role), programme=item, name=display_name(item))
    return redirect("dossier:ambition", pk=link.ambition_id)


@login_required
@require_POST
def favourite_programme(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_keep_careers)
    item = get_programme_for(role, pk)
    on = toggle_favourite(by=role, student=own_student(role), programme=item)
    if request.htmx:  # type: ignore[attr-defined]
        return render(
            request, "careers/_favourite_button.html", {"target": item, "on": on, "kind": "programme"}
        )
    return redirect("careers:programme", pk=item.pk)


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}) and target.startswith("/"):
        return target
    return "/"


@login_required
@require_GET
def programmes(request: HttpRequest) -> HttpResponse:
    role = permit_explore(request)
    student = _student(role)
    query = (request.GET.get("q") or "").strip()[:80]
    level = request.GET.get("level") or ""
    rows = search_programmes(role, student, query, level)
    form = SearchForm(request.GET or None, sectors=[])
    context = {"rows": rows, "form": form, "student": student, "can_edit": can_edit_catalogue(role)}
    return render(request, "careers/programmes.html", context)


@login_required
@require_GET
def programme(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit_explore(request)
    item = get_programme_for(role, pk)
    student = _student(role)
    favourite = False
    if student is not None:
        favourite = any(p.pk == item.pk for p, _name in favourites_of(student).programmes)
    context = {
        "programme": item,
        "favourite": favourite,
        "student": student,
        "occupations": occupations_of_programme(item),
        "offers": offers_of(item),
        "open_days": coming_open_days_of(item.pk),
        "can_edit": can_edit_catalogue(role),
    }
    return render(request, "careers/programme.html", context)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_keep_careers)
    student = own_student(role)
    favourites = favourites_of(student)
    return render(request, "careers/mine.html", {"favourites": favourites, "shared": favourites.shared})
