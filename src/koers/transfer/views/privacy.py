"""The school's privacy pages: retention (period, who is due, keeping a dossier longer, removal reports),
CSV downloads, and the guardian's view of who looked at their child's dossier.

Views parse, authorise, call ``transfer.domain.retention`` and render; anything a role may not see is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from koers.access.audit import record_access
from koers.access.gate import permit
from koers.access.models import AuditAction
from koers.common.csv_export import csv_response
from koers.common.views import GET_POST, show_domain_errors
from koers.dossier.queries.overview import access_log_for_guardian
from koers.schools.models import Student
from koers.schools.queries import get_student_for
from koers.transfer import exports, queries
from koers.transfer.domain import retention
from koers.transfer.privacy_forms import KeepLongerForm, RetentionForm
from koers.transfer.queries import get_left_student_for, get_removal_report_for
from koers.transfer.rules import (
    can_export_student_lists,
    can_manage_retention,
    can_see_who_looked_at,
    can_see_who_looked_at_child,
)

# --- the admin's privacy page ----------------------------------------------------------------------------


@login_required
@GET_POST
def overview(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_manage_retention)
    school = role.school
    form = RetentionForm(request.POST or None, initial={"months": school.retention_months})
    if request.method == "POST" and form.is_valid():
        try:
            retention.set_retention_period(by=role, school=school, months=form.cleaned_data["months"])
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("De bewaartermijn is bewaard."))
            return redirect("transfer:privacy")
    return render(
        request,
        "transfer/privacy/overview.html",
        {
            "school": school,
            "form": form,
            "due": queries.due_soon(school),
            "due_soon_days": queries.DUE_SOON_DAYS,
            "reports": queries.recent_reports(school),
        },
    )


def _left_student(request: HttpRequest, pk: int) -> Student:
    """A student of the admin's school who has left (only their retention is the admin's business)."""
    role = permit(request, can_manage_retention)
    return get_left_student_for(role, pk)


@login_required
@GET_POST
def keep_longer(request: HttpRequest, student_pk: int) -> HttpResponse:
    role = permit(request, can_manage_retention)
    student = _left_student(request, student_pk)
    form = KeepLongerForm(request.POST or None, initial={"until": student.keep_until})
    if request.method == "POST" and form.is_valid():
        try:
            retention.keep_longer(by=role, student=student, until=form.cleaned_data["until"])
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(
                request,
                _("Het dossier van %(name)s blijft bewaard tot en met %(date)s.")
                % {"name": student.name, "date": form.cleaned_data["until"].strftime("%d-%m-%Y")},
            )
            return redirect("transfer:privacy")
    return render(
        request,
        "transfer/privacy/keep_longer.html",
        {
            "student": student,
            "form": form,
            "removed_on": queries.removal_date(student, role.school.retention_months),
        },
    )


@login_required
@require_GET
def report(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_manage_retention)
    found = get_removal_report_for(role, pk)
    counts = [(queries.kind_label(label), count) for label, count in found.details.get("counts", {}).items()]
    return render(
        request,
        "transfer/privacy/report.html",
        {
            "report": found,
            "counts": sorted(counts),
            "lines": found.details.get("lines", []),
            "failed": found.details.get("failed", []),
            "files": found.details.get("files", 0),
        },
    )


# --- CSV downloads ---------------------------------------------------------------------------------------


@login_required
@require_GET
def students_csv(request: HttpRequest) -> HttpResponse:
    """The counsellor's list of current students with how much each dossier holds.

    Only counts, the same figures the counsellor's overview shows, so no dossier content leaves Koers and
    no audit row per student is written.
    """
    role = permit(request, can_export_student_lists)
    day = timezone.localdate()
    return csv_response(
        f"leerlingen-{role.school.slug}-{day.isoformat()}.csv",
        exports.STUDENT_ACTIVITY_HEADER,
        exports.student_activity_rows(role.school, day=day),
    )


@login_required
@require_GET
def access_log_csv(request: HttpRequest, student_pk: int) -> HttpResponse:
    """The full access log of one student for the counsellor (answering a request or a complaint).

    It names who opened the dossier, so exporting it is itself logged, once.
    """
    role = permit(request, can_export_student_lists)
    student = get_student_for(role, student_pk)
    record_access(role=role, student=student, action=AuditAction.EXPORT, subject=_("inzagelog (CSV)"))
    number = student.number or str(student.pk)
    return csv_response(
        f"inzagelog-{number}.csv", exports.ACCESS_LOG_HEADER, exports.access_log_rows(student)
    )


# --- who looked, for guardians ---------------------------------------------------------------------------


@login_required
@require_GET
def guardian_access_log(request: HttpRequest, student_pk: int) -> HttpResponse:
    """A guardian with parental authority sees who looked at their child's dossier."""
    role = permit(request, can_see_who_looked_at_child)
    student = get_student_for(role, student_pk)
    permit(request, can_see_who_looked_at, student)
    return render(
        request,
        "transfer/privacy/guardian_access_log.html",
        {"student": student, "entries": access_log_for_guardian(student)},
    )
