"""Goals: the list with live progress, a new goal (also from a weak self-scan statement), one goal with its
reviews."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from koers.access.gate import permit
from koers.common.views import GET_POST, show_domain_errors
from koers.quality.domain import goals as domain
from koers.quality.forms import GoalForm, GoalReviewForm
from koers.quality.measures import measure_all
from koers.quality.models import GoalLevel
from koers.quality.queries import goals as queries
from koers.quality.queries.common import staff_users
from koers.quality.queries.scan import get_scan_item_for
from koers.quality.rules import can_read_goals, can_set_goals


@login_required
@require_GET
def goals(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_read_goals)
    return render(
        request, "quality/goals.html", {"tree": queries.goal_tree(role), "can_set": can_set_goals(role)}
    )


@login_required
@GET_POST
def goal_new(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_set_goals)
    item = None
    raw_item = request.GET.get("stelling") or request.POST.get("stelling")
    if raw_item and raw_item.isdigit():
        item = get_scan_item_for(role, int(raw_item)) if can_set_goals(role) else None
    initial: dict[str, str] = {"level": GoalLevel.TACTICAL.value}
    if item is not None:
        initial.update({"title": item.text, "measure": item.measure})
    form = GoalForm(
        request.POST or None, initial=initial, parents=queries.strategic_goals(role), owners=staff_users(role)
    )
    if request.method == "POST" and form.is_valid():
        try:
            goal = domain.set_goal(by=role, scan_item=item, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Het doel is vastgelegd."))
            return redirect("quality:goal", pk=goal.pk)
    return render(
        request, "quality/goal_new.html", {"form": form, "item": item}, status=400 if form.errors else 200
    )


@login_required
@GET_POST
def goal(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_read_goals)
    found = queries.get_goal_for(role, pk)
    form = (
        GoalReviewForm(request.POST or None, initial={"status": found.status})
        if can_set_goals(role)
        else None
    )
    if request.method == "POST":
        permit(request, can_set_goals, found)
        if form is not None and form.is_valid():
            try:
                domain.review_goal(by=role, goal=found, **form.cleaned_data)
            except ValidationError as error:
                show_domain_errors(form, error)
            else:
                messages.success(request, _("De notitie is bewaard."))
                return redirect("quality:goal", pk=found.pk)
    figures = measure_all(role.school) if found.measure else {}
    progress = queries.Progress(found, figures.get(found.measure))
    return render(
        request,
        "quality/goal.html",
        {"goal": found, "progress": progress, "reviews": queries.reviews_of(found), "form": form},
    )
