"""Taking the dossier along: choose, approve, download (PDF and JSON); and reading a transfer file in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from koers.access.gate import permit
from koers.common.downloads import attachment
from koers.common.htmx import render_page
from koers.common.pdf import render_pdf
from koers.common.views import GET_POST, show_domain_errors
from koers.schools.models import Role, Student
from koers.schools.queries import own_student
from koers.transfer.domain.moving import (
    approve_export,
    import_transfer,
    record_export_download,
    save_selection,
)
from koers.transfer.forms import LABELS, ApproveForm, ImportForm, SelectionForm
from koers.transfer.models import TransferExport, TransferStatus
from koers.transfer.pdf import data_url
from koers.transfer.queries import enrolled_students, exports_of, get_export_for, imports_of_school, items_of
from koers.transfer.rules import can_read_in_dossiers, can_take_dossier_along
from koers.transfer.serialize import transfer_document, transfer_json


def _student(request: HttpRequest) -> tuple[Role, Student]:
    role = permit(request, can_take_dossier_along)
    return role, own_student(role)


def _export(student: Student, pk: int) -> TransferExport:
    return get_export_for(student, pk)


@login_required
@GET_POST
def choose(request: HttpRequest) -> HttpResponse:
    """The student picks what goes along and names the receiving school."""
    role, student = _student(request)
    items = items_of(student)
    form = SelectionForm(request.POST if request.method == "POST" else None, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            export = save_selection(
                by=role,
                student=student,
                receiving_school=form.cleaned_data["receiving_school"],
                selection=form.selection(),
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            return redirect("transfer:approve", pk=export.pk)
    context = {"form": form, "items": items, "exports": exports_of(student)}
    return render_page(request, "transfer/choose.html", context)


def _sheet_context(export: TransferExport, *, embed: bool) -> dict[str, object]:
    items = items_of(export.student, export.selection)
    evidence: dict[int, list[dict[str, object]]] = {}
    for item in items.evidence:
        evidence.setdefault(item.experience_id, []).append(
            {"item": item, "picture": data_url(item.file, item.content_type) if embed else None}
        )
    reflections: dict[int, list[object]] = {}
    for reflection in items.reflections:
        reflections.setdefault(reflection.experience_id, []).append(reflection)
    experiences = [
        {"item": e, "evidence": evidence.get(e.pk, []), "reflections": reflections.get(e.pk, [])}
        for e in items.experiences
    ]
    return {"export": export, "student": export.student, "items": items, "experiences": experiences}


@login_required
@GET_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    """Shows exactly what will go along; the student approves it explicitly."""
    role, student = _student(request)
    export = _export(student, pk)
    form = ApproveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            approve_export(by=role, export=export, confirmed=form.cleaned_data["confirm"])
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Je overdrachtsdossier is goedgekeurd. Je kunt het nu downloaden."))
            return redirect("transfer:approve", pk=export.pk)
    context = {**_sheet_context(export, embed=False), "form": form, "labels": LABELS}
    return render_page(request, "transfer/approve.html", context)


def _download(request: HttpRequest, pk: int, what: str) -> tuple[TransferExport, str]:
    role, student = _student(request)
    export = _export(student, pk)
    if export.status != TransferStatus.APPROVED:
        raise Http404
    record_export_download(by=role, export=export, what=what)
    day = timezone.localdate().isoformat()
    return export, f"overdrachtsdossier-{day}"


@login_required
@require_GET
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    export, name = _download(request, pk, "PDF")
    html = render_to_string(
        "transfer/pdf_cv.html", {**_sheet_context(export, embed=True), "school": export.school}
    )
    return attachment(render_pdf(html), content_type="application/pdf", filename=f"{name}.pdf")


@login_required
@require_GET
def export_json(request: HttpRequest, pk: int) -> HttpResponse:
    export, name = _download(request, pk, "JSON")
    items = items_of(export.student, export.selection)
    document = transfer_document(export, items, source_school=export.school.name)
    return attachment(transfer_json(document), content_type="application/json", filename=f"{name}.json")


@login_required
@GET_POST
def read_in(request: HttpRequest) -> HttpResponse:
    """The receiving school reads a transfer file into the dossier of a student enrolled there."""
    role = permit(request, can_read_in_dossiers)
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES or None,
        students=enrolled_students(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            done = import_transfer(
                by=role,
                student=form.cleaned_data["student"],
                enrolment_confirmed=form.cleaned_data["confirm"],
                incoming=form.cleaned_data["file"],
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(
                request,
                _("Het overdrachtsdossier van %(school)s staat nu in het dossier van %(student)s.")
                % {"school": done.source_school, "student": done.student},
            )
            return redirect("transfer:read_in")
    imports = [
        (row, [(LABELS[kind], count) for kind, count in row.counts.items() if count and kind in LABELS])
        for row in imports_of_school()
    ]
    context = {"form": form, "imports": imports}
    return render_page(request, "transfer/read_in.html", context)
