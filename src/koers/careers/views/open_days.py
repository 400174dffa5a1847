"""Open days, taster days and fairs: the counsellor's list and form; the student's "I go" and reflection."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from koers.access.gate import permit
from koers.careers.domain.open_days import delete_open_day, mark_going, record_open_day, reflect_on_visit
from koers.careers.forms import VisitReflectionForm
from koers.careers.queries.catalogue import visible_programmes
from koers.careers.queries.open_days import (
    get_open_day_for,
    get_visit_for,
    open_days_for_counsellor,
    open_days_for_student,
)
from koers.careers.rules import can_keep_careers, can_plan_open_days
from koers.careers.staff_forms import OpenDayForm
from koers.common.views import GET_POST, show_domain_errors
from koers.schools.queries import own_student


@login_required
@require_GET
def open_days(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_keep_careers)
    rows = open_days_for_student(own_student(role))
    return render(request, "careers/open_days.html", {"rows": rows})


@login_required
@require_POST
def open_day_go(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_keep_careers)
    open_day = get_open_day_for(role, pk)
    mark_going(by=role, student=own_student(role), open_day=open_day, going=request.POST.get("going") == "1")
    return redirect("careers:open_days")


@login_required
@GET_POST
def visit_reflect(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_keep_careers)
    visit = get_visit_for(role, pk)
    form = VisitReflectionForm(request.POST or None, initial={"reflection": visit.reflection})
    if request.method == "POST" and form.is_valid():
        try:
            reflect_on_visit(by=role, visit=visit, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            return redirect("careers:open_days")
    return render(request, "careers/visit_reflect.html", {"visit": visit, "form": form})


@login_required
@GET_POST
def open_days_manage(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_plan_open_days)
    form = OpenDayForm(
        request.POST or None, programmes=visible_programmes().order_by("kind", "level", "order")
    )
    if request.method == "POST" and form.is_valid():
        try:
            record_open_day(by=role, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            return redirect("careers:open_days_manage")
    return render(
        request, "careers/open_days_manage.html", {"form": form, "days": list(open_days_for_counsellor())}
    )


@login_required
@require_POST
def open_day_delete(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_plan_open_days)
    delete_open_day(by=role, open_day=get_open_day_for(role, pk))
    return redirect("careers:open_days_manage")
