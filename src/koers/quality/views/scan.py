"""The self-scan: the rounds, answering, closing, the results (with last year and the measured figures),
and the statements. Views parse, authorise, call ``domain.scan`` and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from koers.access.gate import permit
from koers.common.csv_export import csv_response
from koers.common.versions import version_of_instance
from koers.common.views import GET_POST, show_domain_errors
from koers.quality.domain import scan as domain
from koers.quality.forms import ScanItemForm, ScanRoundForm
from koers.quality.queries import scan as queries
from koers.quality.queries.common import school_years
from koers.quality.rules import can_answer_scan, can_run_quality, can_set_goals


@login_required
@GET_POST
def home(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_answer_scan)
    form = None
    if can_run_quality(role):
        form = ScanRoundForm(request.POST or None, years=school_years(role))
        if request.method == "POST" and form.is_valid():
            try:
                opened = domain.open_scan_round(by=role, **form.cleaned_data)
            except ValidationError as error:
                show_domain_errors(form, error)
            else:
                messages.success(request, _("De ronde is geopend. Collega's kunnen hem nu invullen."))
                return redirect("quality:scan_results", pk=opened.pk)
    elif request.method == "POST":
        return redirect("quality:scan")
    return render(
        request,
        "quality/scan_home.html",
        {"rounds": queries.rounds_of(role), "form": form, "can_run": form is not None},
    )


@login_required
@GET_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_answer_scan)
    scan_round = queries.get_scan_round_for(role, pk)
    items = queries.active_items(role)
    error = None
    values = request.POST if request.method == "POST" else {}
    if request.method == "POST":
        try:
            domain.submit_scan(by=role, round=scan_round, answers=domain.parse_answers(request.POST, items))
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, _("Dank je wel. Je antwoorden zijn opgeslagen."))
            return redirect("quality:scan")
    answered = queries.has_answered(role, scan_round)
    rows = [
        {
            "item": item,
            "score": values.get(f"score-{item.pk}"),
            "remark": values.get(f"remark-{item.pk}", ""),
        }
        for item in items
    ]
    return render(
        request,
        "quality/scan_answer.html",
        {"round": scan_round, "rows": rows, "error": error, "answered": answered, "scale": SCALE},
        status=400 if error else 200,
    )


SCALE = [
    ("1", gettext_lazy("nog niet")),
    ("2", gettext_lazy("begonnen")),
    ("3", gettext_lazy("grotendeels")),
    ("4", gettext_lazy("helemaal")),
    ("", gettext_lazy("weet ik niet")),
]


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_run_quality)
    scan_round = queries.get_scan_round_for(role, pk)
    try:
        domain.close_scan_round(by=role, round=scan_round)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De ronde is gesloten. De cijfers van vandaag zijn bewaard."))
    return redirect("quality:scan_results", pk=scan_round.pk)


@login_required
@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_answer_scan)
    scan_round = queries.get_scan_round_for(role, pk)
    found = queries.scan_results(role, scan_round)
    return render(
        request,
        "quality/scan_results.html",
        {
            "results": found,
            "can_run": can_run_quality(role),
            "can_set_goals": can_set_goals(role),
            "answered": queries.has_answered(role, scan_round),
        },
    )


@login_required
@require_GET
def results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_answer_scan)
    scan_round = queries.get_scan_round_for(role, pk)
    header, rows = queries.results_as_rows(queries.scan_results(role, scan_round))
    return csv_response(f"zelfscan-{scan_round.pk}.csv", header, rows)


@login_required
@require_GET
def items(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_run_quality)
    return render(request, "quality/scan_items.html", {"items": queries.all_items(role)})


@login_required
@GET_POST
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_run_quality)
    item = queries.get_scan_item_for(role, pk)
    form = ScanItemForm(
        request.POST or None,
        initial={"text": item.text, "measure": item.measure, "active": item.active},
        version=version_of_instance(item, domain.SCAN_ITEM_FIELDS),
    )
    if request.method == "POST" and form.is_valid():
        try:
            domain.update_scan_item(by=role, item=item, version=form.started_from, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            return redirect("quality:scan_items")
    return render(request, "quality/scan_item.html", {"item": item, "form": form})
