"""The task matrix: who does what in career guidance. The counsellor edits it; the leader reads it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.access.gate import permit
from koers.common.views import GET_POST, show_domain_errors
from koers.quality.domain import tasks as domain
from koers.quality.forms import TaskAssignmentForm, TaskForm
from koers.quality.queries import tasks as queries
from koers.quality.rules import can_run_quality, can_see_quality


@login_required
@GET_POST
def matrix(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_see_quality)
    can_edit = can_run_quality(role)
    form = task_form = None
    if can_edit:
        form = TaskAssignmentForm(
            request.POST if "part" in request.POST else None,
            tasks=queries.tasks_of(role),
            roles=queries.staff_roles(role),
        )
        task_form = TaskForm(request.POST if "name" in request.POST else None)
    if request.method == "POST":
        permit(request, can_run_quality)
        if form is not None and form.is_bound and form.is_valid():
            try:
                domain.assign_task(by=role, **form.cleaned_data)
            except ValidationError as error:
                show_domain_errors(form, error)
            else:
                return redirect("quality:tasks")
        if task_form is not None and task_form.is_bound and task_form.is_valid():
            try:
                domain.add_task(by=role, **task_form.cleaned_data)
            except ValidationError as error:
                show_domain_errors(task_form, error)
            else:
                return redirect("quality:tasks")
    return render(
        request,
        "quality/tasks.html",
        {"matrix": queries.task_matrix(role), "form": form, "task_form": task_form, "can_edit": can_edit},
        status=400
        if (form is not None and form.errors) or (task_form is not None and task_form.errors)
        else 200,
    )


@login_required
@require_POST
def remove(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_run_quality)
    assignment = queries.get_assignment_for(role, pk)
    domain.remove_assignment(by=role, assignment=assignment)
    messages.success(request, _("Weggehaald uit de takenlijst."))
    return redirect("quality:tasks")
