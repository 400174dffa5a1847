"""Leavers: the counsellor's list (by hand, from the follow-up choices, from a CSV file), the e-mails with
personal links, the outcome figures per year and track (counsellor and leader; none below five students), and
the former student's own page, opened with the link and no account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from koers.access.gate import permit
from koers.access.tenancy import school_scope
from koers.common.ratelimit import client_address
from koers.common.views import GET_POST, show_domain_errors
from koers.quality import family_texts
from koers.quality.content import questions_in
from koers.quality.domain import leavers as domain
from koers.quality.forms import LeaverFillForm, LeaverForm, LeaverImportForm, LeaverInviteForm
from koers.quality.queries import leavers as queries
from koers.quality.queries.common import school_years
from koers.quality.queries.evaluations import MIN_GROUP
from koers.quality.rules import can_run_quality, can_see_quality

T = "quality/leavers"


@login_required
@GET_POST
def leavers(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_run_quality)
    form = LeaverForm(request.POST or None, prefix="new")
    if request.method == "POST" and form.is_valid():
        try:
            leaver = domain.record_leaver(by=role, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("%(name)s staat in de lijst.") % {"name": leaver.name})
            return redirect("quality:leavers")
    left_in = request.GET.get("jaar", "")
    return render(
        request,
        f"{T}/list.html",
        {
            "form": form,
            "leavers": queries.leavers_of(role, left_in=left_in),
            "years": queries.leaving_years(role),
            "left_in": left_in,
            "fill_form": LeaverFillForm(years=school_years(role)),
            "invite_form": LeaverInviteForm(rounds=queries.open_leaver_rounds(role)),
            "has_round": queries.open_leaver_rounds(role).exists(),
        },
        status=400 if form.errors else 200,
    )


@login_required
@GET_POST
def leaver(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_run_quality)
    found = queries.get_leaver_for(role, pk)
    initial = {name: getattr(found, name) for name in domain.LEAVER_FIELDS}
    form = LeaverForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            domain.record_leaver(by=role, leaver=found, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Bewaard."))
            return redirect("quality:leavers")
    return render(
        request, f"{T}/edit.html", {"leaver": found, "form": form}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def leaver_remove(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_run_quality)
    domain.remove_leaver(by=role, leaver=queries.get_leaver_for(role, pk))
    messages.success(request, _("Weggehaald uit de lijst."))
    return redirect("quality:leavers")


@login_required
@require_POST
def fill(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_run_quality)
    form = LeaverFillForm(request.POST, years=school_years(role))
    if form.is_valid():
        added = domain.fill_from_choices(by=role, school_year=form.cleaned_data["school_year"])
        messages.success(
            request, _("%(n)d leerlingen toegevoegd uit de keuzes voor een vervolgopleiding.") % {"n": added}
        )
    else:
        messages.error(request, _("Kies een schooljaar."))
    return redirect("quality:leavers")


@login_required
@GET_POST
def import_file(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_run_quality)
    form = LeaverImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        result = domain.import_leavers(by=role, data=form.cleaned_data["file"].read())
        if not result.errors:
            messages.success(request, _("%(n)d oud-leerlingen ingelezen.") % {"n": result.added})
            return redirect("quality:leavers")
        errors = result.errors
    return render(
        request,
        f"{T}/import.html",
        {"form": form, "errors": errors},
        status=400 if errors or form.errors else 200,
    )


@login_required
@require_POST
def invite(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_run_quality)
    form = LeaverInviteForm(request.POST, rounds=queries.open_leaver_rounds(role))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("quality:leavers")
    try:
        sent = domain.send_invites(
            by=role, evaluation=form.cleaned_data["evaluation"], days=form.cleaned_data["days"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(n)d e-mails met een persoonlijke link gaan de deur uit.") % {"n": sent}
        )
    return redirect("quality:leavers")


@login_required
@require_GET
def outcomes(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_see_quality)
    return render(request, f"{T}/outcomes.html", {"years": queries.outcomes(role), "min_group": MIN_GROUP})


@never_cache
@GET_POST
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The former student's page: the leavers' question list, once, in the page's language."""
    try:
        found = domain.open_invite(token, address=client_address(request))
    except domain.InviteRefused as refused:
        response = render(request, f"{T}/refused.html", {"message": refused.message}, status=refused.status)
    else:
        error, done = None, False
        with school_scope(found.school):
            if request.method == "POST":
                try:
                    domain.answer_by_invite(invite=found, data=request.POST)
                except ValidationError as refusal:
                    error = " ".join(refusal.messages)
                else:
                    done = True
            language = get_language() or "nl"
            questions = questions_in(found.round.questions, language, request.POST if error else {})
            response = render(
                request,
                f"{T}/answer.html",
                {
                    "school": found.school,
                    "questions": questions,
                    "scale": family_texts.SCALE,
                    "error": error,
                    "done": done,
                    "thanks": family_texts.LEAVER_THANKS,
                    "page_language": language,
                },
                status=400 if error else 200,
            )
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response
