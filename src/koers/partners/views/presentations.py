"""The class presentations after the internships: a group's sessions with the form to plan one (a group
conversation), and one session where the mentor records per student that they presented, what the class
said and a photo. Staff pages (Dutch and English)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from koers.access.gate import permit
from koers.common.views import GET_POST, show_domain_errors
from koers.conversations.models import Conversation
from koers.partners.domain import presentations as domain
from koers.partners.forms.staff import SessionForm, SessionPresentationForm
from koers.partners.queries import internships as internship_queries
from koers.partners.queries import presentations as queries
from koers.partners.rules import can_match
from koers.schools.models import Group

T = "partners/presentations"


def _sessions(request: HttpRequest, group: Group, form: SessionForm, status: int = 200) -> HttpResponse:
    context = {"group": group, "sessions": queries.sessions_page(group), "form": form}
    return render(request, f"{T}/sessions.html", context, status=status)


@login_required
@GET_POST
def sessions(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_match)
    group = internship_queries.get_group_for(role, pk)
    if request.method != "POST":
        return _sessions(request, group, SessionForm())
    form = SessionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            session = domain.plan_presentations(
                by=role,
                group=group,
                scheduled_at=form.scheduled_at(),
                duration_minutes=data["duration_minutes"],
                place=data["place"],
                video_url=data["video_url"],
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(
                request, _("De presentatiebijeenkomst staat gepland; de klas krijgt een uitnodiging.")
            )
            return redirect("partners:session", pk=session.pk)
    return _sessions(request, group, form, status=400)


def _session(
    request: HttpRequest,
    session: Conversation,
    form: SessionPresentationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {"page": queries.session_page(session), "form": form}
    return render(request, f"{T}/session.html", context, status=status)


@login_required
@GET_POST
def session(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_match)
    found = queries.get_session_for(role, pk)
    if request.method != "POST":
        return _session(request, found)
    form = SessionPresentationForm(request.POST, request.FILES)
    if form.is_valid():
        internship = internship_queries.get_internship_for(role, form.cleaned_data["internship"])
        try:
            domain.record_in_session(
                by=role,
                session=found,
                internship=internship,
                class_said=form.cleaned_data["class_said"],
                photo=form.cleaned_data["photo"],
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(
                request, _("Vastgelegd: %(name)s heeft gepresenteerd.") % {"name": internship.student.name}
            )
            return redirect("partners:session", pk=found.pk)
    return _session(request, found, form, status=400)
