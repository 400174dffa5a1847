"""Evaluations: the question lists and rounds (counsellor), answering (staff, students on their phone in
their language), and the results (counsellor, leader) with a CSV download. Results never show a group of
fewer than five, and nothing here links an answer to a person."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.access.gate import permit
from koers.common.csv_export import csv_response
from koers.common.versions import version_of_instance
from koers.common.views import GET_POST, show_domain_errors
from koers.quality import family_texts
from koers.quality.content import questions_in
from koers.quality.domain import evaluations as domain
from koers.quality.forms import EvaluationRoundForm, QuestionnaireForm
from koers.quality.models import Audience
from koers.quality.queries import evaluations as queries
from koers.quality.queries.common import school_years
from koers.quality.rules import (
    can_answer_staff_evaluation,
    can_answer_student_evaluation,
    can_run_quality,
    can_see_quality,
)

ROUND_AUDIENCES = (Audience.STAFF, Audience.STUDENT, Audience.LEAVER)


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_see_quality)
    lists = []
    rounds = queries.rounds_of(role)
    questionnaires = queries.questionnaires_of(role) if can_run_quality(role) else {}
    for audience in ROUND_AUDIENCES:
        questionnaire = questionnaires.get(audience)
        lists.append(
            {
                "audience": audience,
                "label": Audience(audience).label,
                "questionnaire": questionnaire,
                "rounds": [r for r in rounds if r.audience == audience],
                "form": EvaluationRoundForm(years=school_years(role), prefix=audience)
                if questionnaire
                else None,
            }
        )
    return render(
        request,
        "quality/evaluations.html",
        {"lists": lists, "can_run": can_run_quality(role), "min_group": queries.MIN_GROUP},
    )


@login_required
@GET_POST
def questionnaire(request: HttpRequest, audience: str) -> HttpResponse:
    role = permit(request, can_run_quality)
    if audience not in Audience.values:
        raise Http404
    found = queries.get_questionnaire_for(role, audience)
    form = QuestionnaireForm(
        request.POST or None,
        initial={"title": found.title, "questions": domain.questions_as_text(found.questions)},
        version=version_of_instance(found, domain.QUESTIONNAIRE_FIELDS),
    )
    if request.method == "POST" and form.is_valid():
        try:
            domain.update_questionnaire(
                by=role, questionnaire=found, version=form.started_from, **form.cleaned_data
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("De vragenlijst is bewaard. Nieuwe rondes gebruiken deze vragen."))
            return redirect("quality:evaluations")
    return render(request, "quality/questionnaire.html", {"questionnaire": found, "form": form})


@login_required
@require_POST
def open_round(request: HttpRequest, audience: str) -> HttpResponse:
    role = permit(request, can_run_quality)
    if audience not in Audience.values:
        raise Http404
    found = queries.get_questionnaire_for(role, audience)
    form = EvaluationRoundForm(request.POST, years=school_years(role), prefix=audience)
    if form.is_valid():
        try:
            domain.open_evaluation(by=role, questionnaire=found, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De ronde is geopend."))
    else:
        messages.error(request, _("Geef de ronde een naam en kies een schooljaar."))
    return redirect("quality:evaluations")


@login_required
@require_POST
def close_round(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_run_quality)
    evaluation = queries.get_evaluation_for(role, pk)
    domain.close_evaluation(by=role, round=evaluation)
    messages.success(request, _("De ronde is gesloten."))
    return redirect("quality:evaluation_results", pk=evaluation.pk)


@login_required
@require_GET
def results(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_see_quality)
    evaluation = queries.get_evaluation_for(role, pk)
    return render(
        request,
        "quality/evaluation_results.html",
        {
            "results": queries.evaluation_results(evaluation),
            "min_group": queries.MIN_GROUP,
            "can_run": can_run_quality(role),
        },
    )


@login_required
@require_GET
def results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_see_quality)
    evaluation = queries.get_evaluation_for(role, pk)
    header, rows = queries.results_as_rows(queries.evaluation_results(evaluation))
    return csv_response(f"evaluatie-{evaluation.pk}.csv", header, rows)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """The question lists open for this person (students: the student list; staff: the staff list)."""
    role = permit(request, can_answer_student_evaluation | can_answer_staff_evaluation)
    audience = Audience.STUDENT if can_answer_student_evaluation(role) else Audience.STAFF
    return render(
        request, "quality/student_evaluations.html", {"rounds": queries.open_rounds_for(role, audience)}
    )


@login_required
@GET_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_answer_student_evaluation | can_answer_staff_evaluation)
    evaluation = queries.get_evaluation_for(role, pk)
    if not domain.may_answer(role, evaluation):
        raise Http404
    error = None
    if request.method == "POST":
        try:
            domain.answer_evaluation(
                by=role, evaluation=evaluation, data=request.POST, group=queries.group_of(role)
            )
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        else:
            messages.success(request, str(family_texts.THANKS))
            return redirect("quality:my_evaluations")
    language = get_language() or "nl"
    questions = questions_in(evaluation.questions, language, request.POST if error else {})
    return render(
        request,
        "quality/student_answer.html",
        {
            "evaluation": evaluation,
            "questions": questions,
            "scale": family_texts.SCALE,
            "error": error,
            "answered": queries.has_answered(role, evaluation),
            "page_language": language,
        },
        status=400 if error else 200,
    )
