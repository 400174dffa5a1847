"""A student's dossier overview and LOB-lijn, as the student and the people who follow them see it.

Both pages read the dossier and the conversations, so they are composed here, above both areas. Their URLs
stay in the ``dossier`` namespace (``dossier:home``, ``dossier:timeline`` ...): see ``koers/urls.py``.
Mentors, counsellors and guardians open a student through ``get_student_for`` (404 otherwise), and every
such read writes one audit row.
"""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from koers.access.audit import record_access
from koers.access.gate import permit
from koers.access.rules import is_guardian
from koers.common.htmx import render_page
from koers.dossier.queries.overview import Visibility
from koers.dossier.rules import can_compliment, can_keep_dossier, can_open_dossiers
from koers.language import simple
from koers.lob.vocabulary import Competence, competence_pictogram
from koers.overview.queries.dossier import Overview, dossier_overview
from koers.overview.queries.stamp import dossier_stamp
from koers.overview.queries.timeline import (
    build_timeline,
    parse_competence,
    parse_direction,
)
from koers.schools.models import Role, Student
from koers.schools.queries import get_student_for, own_student
from koers.transfer.rules import can_export_student_lists

# --- overview ----------------------------------------------------------------------------------------


# How long the dossier's sections stay cached (a fragment is only reused for the very same rows anyway).
SECTIONS_SECONDS = 300
# This process's code: HTML cached by another version (a shared Redis across a deploy) is never reused.
_CODE_STAMP = secrets.token_hex(8)
# The page is rendered with this in place of the CSRF token and gets the reader's own token afterwards, so a
# cached fragment holds no token and one reader's fragment serves them whatever their CSRF secret.
_TOKEN_HOLE = "csrfhole" + secrets.token_hex(28)


def _sections_key(request: HttpRequest, rows: str, flags: dict[str, object]) -> str:
    """The key of the dossier's cached sections: ``rows`` (the stamp of what they are read from) and all
    else they depend on."""
    parts = (rows, flags, translation.get_language(), simple.active(), timezone.localdate(), request.path)
    return hashlib.blake2b(repr((*parts, _CODE_STAMP)).encode(), digest_size=16).hexdigest()


def _overview_page(request: HttpRequest, role: Role, student: Student, *, own: bool) -> HttpResponse:
    flags: dict[str, object] = {
        "own": own,
        "can_compliment": not own and can_compliment(role, student),
        "is_guardian": is_guardian(role),
        "may_export_access_log": not own and can_export_student_lists(role),
    }
    # Only the student's own page is cached: one query tells whether any row it shows changed. The sections'
    # forms send the reader back to the address with its query: such addresses are not cached (nor is
    # anything kept for made-up ones). Staff and guardians read the dossier anyway (and the reading is
    # recorded); caching their rendering alone measured within noise, so it is rendered afresh.
    cached = own and not request.GET
    overview: Overview | None = None
    sections_html = None
    key = ""
    if cached:
        key = _sections_key(request, dossier_stamp(student.pk), flags)
        sections_html = cache.get(make_template_fragment_key("dossier_sections", [key]))
    if sections_html is None:
        overview = dossier_overview(role=role, student=student, with_group=not own)
    if not own:
        assert overview is not None
        if overview.visibility is not Visibility.NONE:
            record_access(role=role, student=student, subject=_("dossier-overzicht"))
    response = render(
        request,
        "overview/dossier.html",
        {
            "overview": overview,
            "student": student,
            **flags,
            "sections_key": key,
            "sections_seconds": SECTIONS_SECONDS if cached else 0,
            "sections_html": mark_safe(sections_html) if sections_html is not None else None,
            "csrf_token": _TOKEN_HOLE,
        },
    )
    response.content = response.content.replace(_TOKEN_HOLE.encode(), get_token(request).encode())
    return response


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
