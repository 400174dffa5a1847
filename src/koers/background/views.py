"""A prepared download's progress page and the file itself (only for whoever asked for it), and the school
admin's page of background work that failed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.access.gate import permit
from koers.access.rules import is_admin, is_anyone
from koers.background import domain, queries
from koers.background.models import Job, JobStatus
from koers.common.downloads import attachment
from koers.common.htmx import render_page


@login_required
@require_GET
def job(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, is_anyone)
    found = queries.get_own_job_for(role, pk)
    return render_page(
        request,
        "background/job.html",
        {
            "job": found,
            "label": queries.label_of(found),
            "available": _available(found),
            "back": _safe_back(request, found),
        },
        fragment="progress",
    )


def _safe_back(request: HttpRequest, job: Job) -> str:
    back = str(job.params.get("back", ""))
    return back if url_has_allowed_host_and_scheme(back, allowed_hosts=set()) and back.startswith("/") else ""


def _available(job: Job) -> bool:
    return bool(
        job.status == JobStatus.DONE
        and job.output
        and job.available_until is not None
        and job.available_until > timezone.now()
    )


@login_required
@require_GET
def download(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, is_anyone)
    found = queries.get_own_job_for(role, pk)
    if not _available(found):
        raise Http404
    with found.output.open("rb") as handle:
        content = handle.read()
    content_type = "application/pdf" if found.output_name.endswith(".pdf") else "application/octet-stream"
    return attachment(content, content_type=content_type, filename=found.output_name)


@login_required
@require_GET
def failures(request: HttpRequest) -> HttpResponse:
    role = permit(request, is_admin)
    return render_page(request, "background/failures.html", {"page": queries.admin_overview(role)})


@login_required
@require_POST
def retry(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, is_admin)
    found = queries.get_school_job_for(role, pk)
    try:
        domain.retry_now(job=found, by=role)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De taak wordt opnieuw geprobeerd."))
    return redirect("background:failures")
