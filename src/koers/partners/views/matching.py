"""Matching students to places: the groups with how many still lack a place, and one group's page where the
mentor makes a proposal, changes it by hand and approves it. Staff pages (Dutch and English)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from koers.access.gate import permit
from koers.common.lookups import one_or_404
from koers.partners.domain import internships as domain
from koers.partners.forms.staff import MatchForm
from koers.partners.queries import internships as queries
from koers.partners.rules import can_match

T = "partners/matching"


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_match)
    return render(request, f"{T}/overview.html", {"groups": queries.students_without_place(role)})


def _page(
    request: HttpRequest, group: object, form: MatchForm | None = None, status: int = 200
) -> HttpResponse:
    page = queries.match_page(group)  # type: ignore[arg-type]
    return render(request, f"{T}/group.html", {"page": page, "form": form}, status=status)


@login_required
@require_GET
def group(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_match)
    return _page(request, queries.get_group_for(role, pk))


@login_required
@require_POST
def propose(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_match)
    found = queries.get_group_for(role, pk)
    made = domain.propose_matches(by=role, group=found)
    messages.success(
        request,
        ngettext(
            "%(n)d leerling heeft een voorgestelde plek.",
            "%(n)d leerlingen hebben een voorgestelde plek.",
            made,
        )
        % {"n": made},
    )
    return redirect("partners:group", pk=found.pk)


@login_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_match)
    found = queries.get_group_for(role, pk)
    form = MatchForm(request.POST)
    if form.is_valid():
        student = one_or_404(queries.group_students(found), pk=form.cleaned_data["student"])
        place = one_or_404(queries.open_places(role.school_id), pk=form.cleaned_data["place"])
        try:
            domain.assign_place(by=role, group=found, student=student, place=place)
        except ValidationError as error:
            for problem in error.messages:
                form.add_error(None, f"{student.name}: {problem}")
        else:
            return redirect("partners:group", pk=found.pk)
    return _page(request, found, form, status=400)


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_match)
    found = queries.get_group_for(role, pk)
    done = domain.approve(by=role, group=found)
    messages.success(
        request,
        ngettext(
            "%(n)d stage goedgekeurd; de leerling en ouders krijgen een melding.",
            "%(n)d stages goedgekeurd; de leerlingen en ouders krijgen een melding.",
            done,
        )
        % {"n": done},
    )
    return redirect("partners:group", pk=found.pk)
