"""A student's exploring as others see it: the mentor and counsellor (conversation preparation, guide mode's
occupation tag) and the guardian (what the student shares); the student's sharing choices."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from koers.access.audit import record_access
from koers.access.gate import permit
from koers.careers.domain.favourites import share_favourites, share_result
from koers.careers.queries.catalogue import occupation_names
from koers.careers.queries.interest import get_result_for
from koers.careers.queries.mine import careers_of, get_child_for, get_followed_student_for
from koers.careers.queries.overview import careers_overview
from koers.careers.rules import (
    can_keep_careers,
    can_plan_open_days,
    can_see_careers_of_students,
    can_see_child_careers,
)
from koers.schools.queries import own_student


@login_required
@require_GET
def student_careers(request: HttpRequest, student_pk: int) -> HttpResponse:
    """The student's favourites, test results and "does this fit me?" answers for their mentor or counsellor;
    loaded into the conversation's preparation (htmx) or as a page of its own."""
    role = permit(request, can_see_careers_of_students)
    student = get_followed_student_for(role, student_pk)
    record_access(role=role, student=student, subject="beroepen en opleidingen")
    context = {"careers": careers_of(student, shared_only=False), "staff": True}
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "careers/_student_careers.html", context)
    return render(request, "careers/student_careers.html", context)


@login_required
@require_GET
def child_careers(request: HttpRequest, student_pk: int) -> HttpResponse:
    role = permit(request, can_see_child_careers)
    student, sees = get_child_for(role, student_pk)
    careers = careers_of(student, shared_only=True)
    careers.sees = sees
    if sees:
        record_access(role=role, student=student, subject="beroepen en opleidingen")
    return render(request, "careers/student_careers.html", {"careers": careers, "staff": False})


@login_required
@require_GET
def names(request: HttpRequest, student_pk: int) -> HttpResponse:
    """The catalogue's occupation names for guide mode's occupation tag (a datalist: free text stays
    possible), the student's favourites first."""
    role = permit(request, can_see_careers_of_students)
    student = get_followed_student_for(role, student_pk)
    return render(request, "careers/_occupation_datalist.html", {"names": occupation_names(student)})


@login_required
@require_POST
def share_my_favourites(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_keep_careers)
    share_favourites(by=role, student=own_student(role), shared=request.POST.get("shared") == "1")
    return redirect("careers:mine")


@login_required
@require_POST
def share_my_result(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_keep_careers)
    result = get_result_for(role, pk)
    share_result(by=role, result=result, shared=request.POST.get("shared") == "1")
    return redirect("careers:interest_result", pk=result.pk)


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    """The counsellor's overview: favourites per group and year level, and who explored nothing yet."""
    role = permit(request, can_plan_open_days)
    return render(request, "careers/overview.html", {"levels": careers_overview(role)})
