"""Requests for access (inzage) and a copy: asking and downloading, and the school's list with deadlines."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.access.gate import permit
from koers.common.htmx import render_page
from koers.common.views import GET_POST, show_domain_errors
from koers.schools.family_rules import AGE_OF_DECISION
from koers.transfer.domain.access import access_zip_for, mark_handled, request_access
from koers.transfer.forms import AccessRequestForm
from koers.transfer.queries import (
    get_request_for,
    get_school_request_for,
    requestable_students,
    requests_by,
    school_requests,
)
from koers.transfer.rules import can_ask_for_data, can_handle_access_requests


@login_required
@GET_POST
def mine(request: HttpRequest) -> HttpResponse:
    """A student (16+) or a guardian with authority (child under 16) asks for and downloads the data."""
    role = permit(request, can_ask_for_data)
    students = requestable_students(role)
    form = AccessRequestForm(request.POST if request.method == "POST" else None, students=students)
    if request.method == "POST" and students and form.is_valid():
        student = next(s for s in students if s.pk == form.cleaned_data["student"])
        try:
            request_access(by=role, student=student, kind=form.cleaned_data["kind"])
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Je verzoek staat klaar. Je kunt het bestand hieronder downloaden."))
            return redirect("transfer:access")
    context = {
        "form": form,
        "students": students,
        "requests": requests_by(role),
        "adult_age": AGE_OF_DECISION,
    }
    return render_page(request, "transfer/access_mine.html", context)


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    role = permit(request, can_ask_for_data)
    access_request = get_request_for(role, pk)
    archive = access_zip_for(by=role, request=access_request)
    day = timezone.localdate().isoformat()
    response = FileResponse(
        archive, as_attachment=True, filename=f"koers-gegevens-{day}.zip", content_type="application/zip"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def school_list(request: HttpRequest) -> HttpResponse:
    permit(request, can_handle_access_requests)
    today = timezone.localdate()
    rows = [(r, r.fulfilled_at is None and r.due_on < today) for r in school_requests()]
    return render_page(request, "transfer/access_school.html", {"rows": rows, "today": today})


@login_required
@require_POST
def handled(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_handle_access_requests)
    access_request = get_school_request_for(role, pk)
    mark_handled(by=role, request=access_request)
    messages.success(request, _("Het verzoek is als afgehandeld gemarkeerd."))
    return redirect("transfer:access_requests")
