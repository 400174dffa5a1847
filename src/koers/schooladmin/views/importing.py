"""The import of the student administration's export: upload, mapping, dry-run preview, apply.

Only the school's admin imports (see ``importing/runs.py`` for why); everyone else gets a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from koers.access.gate import permit
from koers.background.queue import enqueue_job
from koers.common.htmx import render_page
from koers.common.views import GET_POST, show_domain_errors
from koers.schooladmin.forms.importing import MappingForm, StaffCodesForm, StaffFileForm, UploadForm
from koers.schooladmin.importing import runs, staff
from koers.schooladmin.importing.queries import get_import_run_for, recent_runs, staff_rows
from koers.schooladmin.rules import can_import

SECTIONS = [
    ("groups_new", gettext_lazy("Nieuwe groepen")),
    ("students_new", gettext_lazy("Nieuwe leerlingen")),
    ("students_changed", gettext_lazy("Gewijzigde leerlingen")),
    ("students_moved", gettext_lazy("Van groep gewisseld")),
    ("students_placed", gettext_lazy("In een groep geplaatst")),
    ("students_left", gettext_lazy("Vertrokken: lidmaatschap eindigt, dossier blijft")),
    ("mentors_new", gettext_lazy("Nieuwe mentoren")),
    ("roles_new", gettext_lazy("Bestaande mensen met een nieuwe rol")),
    ("mentorships_new", gettext_lazy("Mentor van een groep")),
    ("mentorships_ended", gettext_lazy("Geen mentor meer van deze groep")),
    ("guardians_new", gettext_lazy("Nieuwe ouders/verzorgers")),
    ("guardians_without_email", gettext_lazy("Ouders/verzorgers zonder e-mailadres: zij krijgen een brief")),
    ("guardianships_new", gettext_lazy("Ouder/verzorger gekoppeld aan leerling")),
    ("guardianships_changed", gettext_lazy("Gezag gewijzigd")),
]


@login_required
@GET_POST
def start(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_import)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = runs.start_import(
                by=role, filename=upload.name or "", data=upload.read(), preset=form.cleaned_data["preset"]
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            if run.summary:
                return redirect("schooladmin:import_preview", pk=run.pk)
            return redirect("schooladmin:import_mapping", pk=run.pk)
    return render_page(request, "schooladmin/importing/start.html", {"form": form, "runs": recent_runs(role)})


@login_required
@GET_POST
def mapping(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_import)
    run = get_import_run_for(role, pk)
    if run.applied_at is not None or not run.content:
        return redirect("schooladmin:import_preview", pk=run.pk)
    table = runs.table_of(run)
    form = MappingForm(
        request.POST or None, columns=table.columns, initial=MappingForm.initial_for(run.mapping)
    )
    if request.method == "POST" and form.is_valid():
        try:
            runs.map_columns(run=run, by=role, mapping=form.mapping())
        except ValidationError as error:
            show_domain_errors(form, error, rename={"number": "col_number"})
        else:
            return redirect("schooladmin:import_preview", pk=run.pk)
    context: dict[str, Any] = {
        "run": run,
        "form": form,
        "columns": table.columns,
        "examples": table.examples(),
    }
    return render_page(request, "schooladmin/importing/mapping.html", context)


@login_required
@require_GET
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_import)
    run = get_import_run_for(role, pk)
    if not run.summary and run.content:
        return redirect("schooladmin:import_mapping", pk=run.pk)
    return _preview_page(request, run)


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop with this file: it and the preview's name lists are removed at once."""
    role = permit(request, can_import)
    run = runs.cancel_import(run=get_import_run_for(role, pk), by=role)
    messages.success(request, _("De import is geannuleerd; het bestand is verwijderd."))
    return redirect("schooladmin:import_preview", pk=run.pk)


def _number(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() and len(text) < 9 else None


def _preview_page(request: HttpRequest, run: Any, *, confirm_error: str = "") -> HttpResponse:
    summary = run.summary or {}
    lists, counts = summary.get("lists", {}), summary.get("counts", {})
    sections = [
        {"key": key, "label": label, "items": lists.get(key, []), "count": counts.get(key, 0)}
        for key, label in SECTIONS
        if counts.get(key)
    ]
    mapped = run.mapping.get("columns", {})
    return render_page(
        request,
        "schooladmin/importing/preview.html",
        {
            "run": run,
            "summary": summary,
            "sections": sections,
            "mapped": mapped,
            "confirm_error": confirm_error,
        },
        status=400 if confirm_error else 200,
    )


@login_required
@require_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Applying is a job (a large school is one long transaction); its page says when it is done."""
    role = permit(request, can_import)
    run = get_import_run_for(role, pk)
    confirmed = _number(request.POST.get("confirm", ""))
    try:
        runs.check_confirmation(run.summary or {}, confirmed)
    except ValidationError as error:
        return _preview_page(request, run, confirm_error=" ".join(error.message_dict["confirm"]))
    job = enqueue_job(
        "schools.import_apply",
        school=role.school_id,
        by=request.user,  # type: ignore[arg-type]
        run=run.pk,
        role=role.pk,
        confirmed=confirmed,
        back=reverse("schooladmin:import_preview", kwargs={"pk": run.pk}),
    )
    return redirect("background:job", pk=job.pk)


@login_required
@GET_POST
def staff_codes(request: HttpRequest) -> HttpResponse:
    """The staff and their codes (afkortingen), which the Magister mentor column uses; set by hand here."""
    role = permit(request, can_import)
    rows = staff_rows(role)
    form = StaffCodesForm(request.POST if request.method == "POST" else None, rows=rows)
    if request.method == "POST" and form.is_valid():
        try:
            changed = staff.set_staff_codes(by=role, codes=form.codes())
        except ValidationError as error:
            # Show what is stored now as "seen", so saving again is a decision about the current codes.
            data = request.POST.copy()
            for row in staff_rows(role):
                data[f"was_{row.user_id}"] = row.code
            form = StaffCodesForm(data, rows=rows)
            form.is_valid()
            show_domain_errors(form, error)
        else:
            messages.success(
                request,
                ngettext("%(n)s afkorting bewaard.", "%(n)s afkortingen bewaard.", changed) % {"n": changed},
            )
            return redirect("schooladmin:staff_codes")
    return _staff_page(request, form, StaffFileForm())


@login_required
@require_POST
def staff_codes_file(request: HttpRequest) -> HttpResponse:
    """Codes from a staff export (e-mail and code per line); the report is shown on the same page."""
    role = permit(request, can_import)
    upload_form = StaffFileForm(request.POST, request.FILES)
    report = None
    if upload_form.is_valid():
        upload = upload_form.cleaned_data["file"]
        try:
            report = staff.import_staff_codes(by=role, filename=upload.name or "", data=upload.read())
        except ValidationError as error:
            show_domain_errors(upload_form, error)
    form = StaffCodesForm(None, rows=staff_rows(role))
    return _staff_page(request, form, upload_form, report=report, status=200 if report else 400)


def _staff_page(
    request: HttpRequest,
    form: StaffCodesForm,
    upload_form: StaffFileForm,
    *,
    report: Any = None,
    status: int = 200,
) -> HttpResponse:
    if form.errors:
        status = 400
    return render_page(
        request,
        "schooladmin/importing/staff_codes.html",
        {"form": form, "upload_form": upload_form, "report": report},
        status=status,
    )
