"""The student's action points, and how a mentor, counsellor or guardian reads one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import model_to_dict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.access.audit import record_access
from koers.access.gate import permit
from koers.common.versions import version_of_instance
from koers.common.views import GET_POST, show_domain_errors
from koers.dossier.domain.actions import ACTION_FIELDS, plan_action, set_action_status, update_action
from koers.dossier.domain.remarks import mark_remarks_seen
from koers.dossier.forms.actions import ActionForm, ActionStatusForm, doer_initial
from koers.dossier.models import Action, ActionStatus, Doer
from koers.dossier.queries.actions import get_action_for, get_own_action_for
from koers.dossier.queries.doers import doer_options
from koers.dossier.queries.experiences import remark_thread
from koers.dossier.queries.overview import Visibility, own_experiences
from koers.dossier.rules import can_keep_dossier, can_open_dossiers
from koers.dossier.views.experiences import remark_thread_context
from koers.dossier.views.overview import next_or, own_dossier, posted, share_default
from koers.schools.models import Role, Student


@login_required
@GET_POST
def action_new(request: HttpRequest) -> HttpResponse:
    role, student = own_dossier(request)
    experiences = own_experiences(student)
    initial: dict[str, Any] = {"doer": Doer.SELF.value}
    if request.GET.get("ervaring", "").isdigit():
        initial["experience"] = int(request.GET["ervaring"])
    form = ActionForm(
        posted(request),
        initial=initial,
        experiences=experiences,
        doers=doer_options(student),
        share_default=share_default(request, "action"),
        earliest=timezone.localdate(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = plan_action(
                student=student,
                by=role,
                what=data["what"],
                who=form.chosen(),
                due_on=data["due_on"],
                where_with_whom=data["where_with_whom"],
                done_when=data["done_when"],
                experience=data["experience"],
                shared=data["shared"],
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Je actiepunt staat erin."))
            return redirect("dossier:action", pk=action.pk)
    return render(request, "dossier/action_form.html", {"form": form, "student": student})


def _remark_context(
    request: HttpRequest, student: Student, action: Action, visibility: Visibility
) -> dict[str, Any]:
    """The remarks thread on an action: a dialogue between the student and their mentor or counsellor."""
    if visibility is not Visibility.FULL:
        return {"remarks": [], "remark_form": None, "remark_action_url": "", "can_add_remark": False}
    return remark_thread_context(
        request, student=student, remarks=remark_thread(action=action), action=action
    )


@login_required
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_open_dossiers)
    action, visibility = get_action_for(role, pk)
    student = action.student
    own = role.user_id == student.user_id
    if own:
        mark_remarks_seen(role=role, student=student, action=action)
    else:
        record_access(role=role, student=student, subject=_("actiepunt “%(what)s”") % {"what": action.what})
    context = {
        "action": action,
        "student": student,
        "own": own,
        "overdue": action.is_overdue(),
        "statuses": ActionStatus,
        **_remark_context(request, student, action, visibility),
    }
    return render(request, "dossier/action_detail.html", context)


def _own_action(request: HttpRequest, pk: int) -> tuple[Role, Student, Action]:
    role = permit(request, can_keep_dossier)
    action = get_own_action_for(role, pk)
    return role, action.student, action


@login_required
@GET_POST
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    role, student, action = _own_action(request, pk)
    form = ActionForm(
        posted(request),
        initial={**model_to_dict(action, fields=list(ACTION_FIELDS)), **doer_initial(action)},
        experiences=own_experiences(student),
        doers=doer_options(student),
        version=version_of_instance(action, ACTION_FIELDS),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update_action(
                action=action,
                by=role,
                what=data["what"],
                who=form.chosen(),
                due_on=data["due_on"],
                where_with_whom=data["where_with_whom"],
                done_when=data["done_when"],
                experience=data["experience"],
                version=form.started_from,
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Je actiepunt is bijgewerkt."))
            return redirect("dossier:action", pk=action.pk)
    return render(request, "dossier/action_form.html", {"form": form, "action": action, "student": student})


@login_required
@require_POST
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    role, _student, action = _own_action(request, pk)
    form = ActionStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies open, gedaan of vervallen."))
    else:
        set_action_status(action=action, by=role, status=form.cleaned_data["status"])
        if action.status == ActionStatus.DONE:
            messages.success(request, _("Goed gedaan! Het actiepunt staat op gedaan."))
        else:
            messages.success(request, _("De status is aangepast."))
    return redirect(next_or(request, reverse("dossier:action", args=[action.pk])))
