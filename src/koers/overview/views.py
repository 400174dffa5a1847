"""A student's dossier overview and LOB-lijn, as the student and the people who follow them see it.

Both pages read the dossier and the conversations, so they are composed here, above both areas. Their URLs
stay in the ``dossier`` namespace (``dossier:home``, ``dossier:timeline`` ...): see ``koers/urls.py``.
Mentors, counsellors and guardians open a student through ``get_student_for`` (404 otherwise), and every
such read writes one audit row.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from koers.access.audit import record_access
from koers.access.gate import permit
from koers.access.rules import is_guardian
from koers.common.htmx import render_page
from koers.dossier.queries.overview import Visibility
from koers.dossier.rules import can_compliment, can_keep_dossier, can_open_dossiers
from koers.lob.vocabulary import Competence, competence_pictogram
from koers.overview.queries.dossier import dossier_overview
from koers.overview.queries.timeline import (
    build_timeline,
    parse_competence,
    parse_direction,
)
from koers.schools.models import Role, Student
from koers.schools.queries import get_student_for, own_student
from koers.transfer.rules import can_export_student_lists

# --- overview ----------------------------------------------------------------------------------------


def _overview_page(request: HttpRequest, role: Role, student: Student, *, own: bool) -> HttpResponse:
    overview = dossier_overview(role=role, student=student)
    if not own and overview.visibility is not Visibility.NONE:
        record_access(role=role, student=student, subject=_("dossier-overzicht"))
    return render(
        request,
        "overview/dossier.html",
        {
            "overview": overview,
            "student": student,
            "own": own,
            "can_compliment": not own and can_compliment(role, student),
            "is_guardian": is_guardian(role),
            "may_export_access_log": not own and can_export_student_lists(role),
        },
    )


@login_required
def home(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_keep_dossier)
    return _overview_page(request, role, own_student(role), own=True)


def _someone_elses(request: HttpRequest, student_pk: int) -> tuple[Role, Student, bool]:
    """The student as someone who follows them opens them (404 for anyone else); True when it is the
    student themself, who is sent to their own page."""
    role = permit(request, can_open_dossiers)
    student = get_student_for(role, student_pk)
    return role, student, role.user_id == student.user_id


@login_required
def student_dossier(request: HttpRequest, student_pk: int) -> HttpResponse:
    role, student, own = _someone_elses(request, student_pk)
    if own:
        return redirect("dossier:home")
    return _overview_page(request, role, student, own=False)


# --- LOB-lijn ----------------------------------------------------------------------------------------


def _timeline_page(request: HttpRequest, role: Role, student: Student, *, own: bool) -> HttpResponse:
    competence = parse_competence(request.GET.get("competentie"))
    direction = parse_direction(request.GET.get("kijk"))
    line = build_timeline(role=role, student=student, competence=competence, direction=direction)
    if not own and line.visibility is not Visibility.NONE:
        record_access(role=role, student=student, subject=_("LOB-lijn"))
    base = reverse("dossier:timeline") if own else reverse("dossier:student_timeline", args=[student.pk])
    return render_page(
        request,
        "overview/timeline.html",
        {
            "line": line,
            "student": student,
            "own": own,
            "base_url": base,
            "competences": [(c.value, c.label, competence_pictogram(c.value)) for c in Competence],
            "directions": [
                ("alles", _("Alles")),
                ("terug", _("Terugkijken")),
                ("vooruit", _("Vooruitkijken")),
            ],
        },
        fragment="line",
    )


@login_required
def timeline(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_keep_dossier)
    return _timeline_page(request, role, own_student(role), own=True)


@login_required
def student_timeline(request: HttpRequest, student_pk: int) -> HttpResponse:
    role, student, own = _someone_elses(request, student_pk)
    if own:
        return redirect("dossier:timeline")
    return _timeline_page(request, role, student, own=False)
