"""Who decides about the dossier: the student from 16 (hide it from guardians, consent for photos and voice
notes), a guardian with parental authority before that (consent). The rules are in schools/family_rules.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from koers.access.gate import permit
from koers.common.htmx import render_page
from koers.common.views import GET_POST
from koers.dossier.domain.family import decide_consent, hide_dossier_from_guardians
from koers.dossier.rules import can_decide_consent, can_open_child_family_page, can_open_family_page
from koers.schools.family_rules import (
    consent_states_for,
    decides_for_self,
    decides_from,
    dossier_hidden,
)
from koers.schools.models import ConsentPurpose, Role, Student
from koers.schools.queries import get_student_for, own_student


def _decide(request: HttpRequest, role: Role, student: Student) -> str | None:
    """Carry out the posted decision; the message to show, or None when it was refused."""
    try:
        if request.POST.get("dossier") in ("hide", "show"):
            hidden = request.POST["dossier"] == "hide"
            hide_dossier_from_guardians(by=role, student=student, hidden=hidden)
            return (
                _("Je ouders of verzorgers zien je dossier niet meer.")
                if hidden
                else _("Je ouders of verzorgers zien weer wat je met hen deelt.")
            )
        purpose = request.POST.get("purpose", "")
        granted = request.POST.get("granted") == "1"
        decide_consent(by=role, student=student, purpose=purpose, granted=granted)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return None
    return _("Je keuze is bewaard.")


def _page(request: HttpRequest, role: Role, student: Student, *, own: bool) -> HttpResponse:
    if request.method == "POST":
        done = _decide(request, role, student)
        if done:
            messages.success(request, done)
        return redirect(request.path)
    self_deciding = decides_for_self(student)
    may_decide = can_decide_consent(role, student)
    states = consent_states_for(student)
    return render_page(
        request,
        "dossier/family.html",
        {
            "student": student,
            "own": own,
            "self_deciding": self_deciding,
            "decides_from": decides_from(student),
            "dossier_hidden": dossier_hidden(student),
            "may_decide": may_decide,
            "consents": [(ConsentPurpose(p).label, states[p]) for p in ConsentPurpose.values],
        },
    )


@login_required
@GET_POST
def family(request: HttpRequest) -> HttpResponse:
    """The student's own page: who sees my dossier, and consent."""
    role = permit(request, can_open_family_page)
    return _page(request, role, own_student(role), own=True)


@login_required
@GET_POST
def guardian_family(request: HttpRequest, student_pk: int) -> HttpResponse:
    """A guardian's page for one child: consent until 16, and what the child decides after."""
    role = permit(request, can_open_child_family_page)
    student = get_student_for(role, student_pk)
    return _page(request, role, student, own=False)
