"""The interest test: take it, see every result with its date, follow it to sectors and occupations, and turn
it into an experience of the dossier."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from koers.access.gate import permit
from koers.careers.domain.interest import ANSWERS, result_to_experience, take_interest_test
from koers.careers.queries.interest import get_result_for, profile, results_of, test_items
from koers.careers.rules import can_keep_careers
from koers.common.views import GET_POST
from koers.schools.queries import own_student


@login_required
@require_GET
def interest_home(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_keep_careers)
    results = list(results_of(own_student(role))[:20])
    return render(request, "careers/interest_home.html", {"results": results})


@login_required
@GET_POST
def interest_take(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_keep_careers)
    student = own_student(role)
    items = test_items()
    given = {item.key: request.POST.get(item.key, "") for item in items} if request.method == "POST" else {}
    errors: dict[str, str] = {}
    general = ""
    if request.method == "POST":
        try:
            result = take_interest_test(by=role, student=student, items=items, answers=given)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                errors = {key: " ".join(messages) for key, messages in error.message_dict.items()}
            else:
                general = " ".join(error.messages)
        else:
            return redirect("careers:interest_result", pk=result.pk)
    return render(
        request,
        "careers/interest_take.html",
        {
            "items": [(item, given.get(item.key, ""), errors.get(item.key, "")) for item in items],
            "answers": ANSWERS,
            "general": general,
            "missing": len(errors),
        },
    )


@login_required
@require_GET
def interest_result(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_keep_careers)
    result = get_result_for(role, pk)
    return render(request, "careers/interest_result.html", {"result": result, "profile": profile(result)})


@login_required
@require_POST
def interest_experience(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_keep_careers)
    result = get_result_for(role, pk)
    names = [score.field.name for score in profile(result) if score.score]
    experience = result_to_experience(by=role, result=result, field_names=names)
    return redirect("dossier:experience", pk=experience.pk)
