"""Planning views: the mentor's overview, "Mijn gesprekken", planning/rescheduling/cancelling a slot, the
.ics download, and the counsellor's rounds and types. Views parse, authorise, call ``domain.planning`` and
render; anything a role may not see is a 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from koers.access.gate import permit
from koers.access.rules import is_guardian, is_mentor, is_student
from koers.common.downloads import attachment
from koers.common.htmx import render_page
from koers.common.versions import version_of_instance
from koers.common.views import GET_POST, show_domain_errors
from koers.conversations.domain import planning as domain
from koers.conversations.forms.planning import PlanForm, RescheduleForm, RoundForm, TypeForm
from koers.conversations.models import ConversationRound, ConversationStatus, ConversationType
from koers.conversations.queries import planning as queries
from koers.conversations.queries.closing import overdue_agreements_for_mentor, overdue_agreements_of_student
from koers.conversations.queries.lookups import get_conversation_for, get_round_for, get_type_for
from koers.conversations.rules import (
    can_manage_rounds_and_types,
    can_open_conversations,
    can_plan_conversations,
    can_see_mentor_planning,
    can_see_own_conversations,
    can_see_school_planning,
)
from koers.schools.models import Role, Student
from koers.schools.queries import own_student, school_years, visible_students

# --- the mentor's overview and "Mijn gesprekken" ------------------------------------------------------


@login_required
@require_GET
def mentor(request: HttpRequest) -> HttpResponse:
    """A mentor's groups, or for a counsellor every group of the school (a summary, one group opened with
    ``?groep=``); both with the conversations they lead themselves that are still to come."""
    role = permit(request, can_see_mentor_planning)
    school_wide = can_see_school_planning(role)
    overviews = queries.school_overview(role) if school_wide else queries.mentor_overview(role)
    chosen = request.GET.get("groep", "")
    opened = [o for o in overviews if chosen.isdigit() and o.group.pk == int(chosen)]
    context = {
        "overviews": opened or ([] if school_wide else overviews),
        "summary": overviews if school_wide and not opened else [],
        "school_wide": school_wide,
        "opened": bool(opened),
        "upcoming": queries.upcoming_led_by(role),
        "overdue_agreements": [] if school_wide else overdue_agreements_for_mentor(role),
    }
    return render_page(request, "conversations/planning_mentor.html", context)


@login_required
@require_GET
def mentor_calendar(request: HttpRequest) -> HttpResponse:
    """Every upcoming conversation this mentor or counsellor leads, as one calendar file."""
    role = permit(request, can_see_mentor_planning)
    return attachment(
        domain.calendar_of_leader(queries.upcoming_led_by(role)),
        content_type="text/calendar; charset=utf-8",
        filename="mijn-gesprekken.ics",
    )


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_see_own_conversations)
    upcoming, earlier = queries.split_upcoming(queries.my_conversations(role))
    overdue = overdue_agreements_of_student(own_student(role)) if is_student(role) else []
    return render_page(
        request,
        "conversations/planning_mine.html",
        {
            "upcoming": upcoming,
            "earlier": earlier,
            "is_guardian": is_guardian(role),
            "overdue_agreements": overdue,
        },
    )


# --- planning a slot ---------------------------------------------------------------------------------


def _chosen_student(role: Role, raw: str | None) -> Student | None:
    if not raw or not raw.isdigit():
        return None
    return visible_students(role).select_related("user").filter(pk=int(raw)).first()


@login_required
@GET_POST
def plan(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_plan_conversations)
    source = request.POST if request.method == "POST" else request.GET
    student = _chosen_student(role, source.get("student"))
    types = queries.active_types(role)
    initial: dict[str, Any] = {"duration_minutes": 20}
    if student is not None:
        initial["student"] = student.pk
    for name in ("group", "type"):
        if source.get(name, "").isdigit():
            initial[name] = int(source[name])
    if "group" in initial and "type" not in initial:
        group_type = types.filter(is_group=True).first()
        if group_type is not None:
            initial["type"] = group_type.pk
    form = PlanForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        types=types,
        students=visible_students(role)
        .select_related("user")
        .order_by("user__last_name", "user__first_name"),
        groups=queries.plannable_groups(role),
        rounds=queries.open_rounds(role),
        all_guardians=queries.guardian_users(role),
        shown_guardians=list(queries.linked_guardians(student)),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            conversation = domain.plan_conversation(
                by=role,
                type=data["type"],
                student=data["student"],
                group=data["group"],
                scheduled_at=form.scheduled_at(),
                duration_minutes=data["duration_minutes"],
                place=data["place"],
                video_url=data["video_url"],
                guardians=list(data["guardians"]),
                round=data["round"],
            )
        except ValidationError as error:
            show_domain_errors(form, error, {"scheduled_at": "date"})
        else:
            messages.success(request, _("Het gesprek is gepland en de uitnodigingen zijn verstuurd."))
            if is_mentor(role):
                return redirect("conversations:mentor")
            return redirect("conversations:detail", pk=conversation.pk)
    return render_page(
        request,
        "conversations/planning_form.html",
        {"form": form, "student": student},
        fragment="guardians",
    )


def _planned_conversation(request: HttpRequest, pk: int) -> tuple[Role, Any]:
    role = permit(request, can_plan_conversations)
    return role, get_conversation_for(role, pk)


@login_required
@GET_POST
def reschedule(request: HttpRequest, pk: int) -> HttpResponse:
    role, conversation = _planned_conversation(request, pk)
    local = timezone.localtime(conversation.scheduled_at)
    form = RescheduleForm(
        request.POST if request.method == "POST" else None,
        initial={
            "date": local.date(),
            "time": local.time().replace(second=0, microsecond=0),
            "duration_minutes": conversation.duration_minutes,
            "place": conversation.place,
            "video_url": conversation.video_url,
        },
    )
    if conversation.status != ConversationStatus.PLANNED:
        form.add_error(None, _("Dit gesprek is al afgerond of geannuleerd en kan niet meer worden verzet."))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            domain.reschedule_conversation(
                by=role,
                conversation=conversation,
                scheduled_at=form.scheduled_at(),
                duration_minutes=data["duration_minutes"],
                place=data["place"],
                video_url=data["video_url"],
            )
        except ValidationError as error:
            show_domain_errors(form, error, {"scheduled_at": "date"})
        else:
            messages.success(
                request, _("Het gesprek is verzet. Iedereen krijgt het nieuwe moment per e-mail.")
            )
            return redirect(_back(role))
    return render_page(
        request,
        "conversations/planning_reschedule.html",
        {"form": form, "conversation": conversation},
    )


def _back(role: Role) -> str:
    return reverse("conversations:mentor" if is_mentor(role) else "conversations:plan")


@login_required
@GET_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    role, conversation = _planned_conversation(request, pk)
    error = ""
    if request.method == "POST":
        try:
            domain.cancel_conversation(by=role, conversation=conversation)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, _("Het gesprek is geannuleerd. Iedereen krijgt bericht per e-mail."))
            return redirect(_back(role))
    return render_page(
        request,
        "conversations/planning_cancel.html",
        {"conversation": conversation, "error": error},
    )


@login_required
@require_GET
def ics(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_open_conversations)
    conversation = get_conversation_for(role, pk)
    kind: domain.Invitation = "cancel" if conversation.status == ConversationStatus.CANCELLED else "update"
    return attachment(
        domain.calendar_for(conversation, kind=kind),
        content_type="text/calendar; charset=utf-8",
        filename=f"gesprek-{conversation.pk}.ics",
    )


# --- rounds and types (counsellor) -------------------------------------------------------------------


@login_required
@require_GET
def rounds(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_manage_rounds_and_types)
    return render_page(
        request, "conversations/planning_rounds.html", {"rounds": list(queries.rounds_of_school(role))}
    )


def _round_page(request: HttpRequest, round: ConversationRound | None) -> HttpResponse:
    role = permit(request, can_manage_rounds_and_types)
    initial: dict[str, Any] = {}
    if round is not None:
        initial = {
            "name": round.name,
            "school_year": round.school_year_id,
            "year_level": round.year_level,
            "starts_on": round.starts_on,
            "ends_on": round.ends_on,
            "types": [t.pk for t in round.types.all()],
        }
    form = RoundForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        years=school_years(role),
        types=queries.active_types(role),
        version=version_of_instance(round, domain.ROUND_FIELDS) if round is not None else "",
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            domain.save_round(by=role, round=round, version=form.started_from, **data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("De gespreksronde is bewaard."))
            return redirect("conversations:rounds")
    return render_page(request, "conversations/planning_round_form.html", {"form": form, "round": round})


@login_required
@GET_POST
def round_new(request: HttpRequest) -> HttpResponse:
    return _round_page(request, None)


@login_required
@GET_POST
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_manage_rounds_and_types)
    return _round_page(request, get_round_for(role, pk))


@login_required
@require_GET
def types(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_manage_rounds_and_types)
    return render_page(
        request, "conversations/planning_types.html", {"types": list(queries.types_of_school(role))}
    )


def _type_page(request: HttpRequest, type: ConversationType | None) -> HttpResponse:
    role = permit(request, can_manage_rounds_and_types)
    form = TypeForm(
        request.POST if request.method == "POST" else None,
        initial=TypeForm.initial_for(type) if type is not None else {"active": True},
        version=version_of_instance(type, domain.TYPE_FIELDS) if type is not None else "",
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            domain.save_type(
                by=role,
                type=type,
                name=data["name"],
                purpose=data["purpose"],
                with_guardians=data["with_guardians"],
                is_group=data["is_group"],
                active=data["active"],
                guide=form.guide(),
                version=form.started_from,
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Het gesprekstype is bewaard."))
            return redirect("conversations:types")
    return render_page(request, "conversations/planning_type_form.html", {"form": form, "type": type})


@login_required
@GET_POST
def type_new(request: HttpRequest) -> HttpResponse:
    return _type_page(request, None)


@login_required
@GET_POST
def type_edit(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_manage_rounds_and_types)
    return _type_page(request, get_type_for(role, pk))
