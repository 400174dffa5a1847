"""The mentor's and counsellor's pages: the overview of who chose, a student's choices, confirming,
recording a choice in a conversation; the counsellor's choice moments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from koers.access.audit import record_access
from koers.access.gate import permit
from koers.choices.domain import choosing
from koers.choices.domain.moments import FIELDS as MOMENT_FIELDS
from koers.choices.domain.moments import save_moment
from koers.choices.forms.family import ChoiceForm, StanceForm, initial_of
from koers.choices.forms.staff import MomentForm
from koers.choices.models import MomentKind
from koers.choices.queries import moments as queries
from koers.choices.queries.links import link_options
from koers.choices.rules import can_follow_choices, can_plan_choices
from koers.common.htmx import render_page
from koers.common.versions import version_of_instance
from koers.common.views import GET_POST, show_domain_errors
from koers.schools.queries import get_student_for, visible_students


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_follow_choices)
    groups = queries.groups_followed(role)
    group = None
    students = visible_students(role)
    if request.GET.get("groep"):
        try:
            group = queries.get_group_for(role, int(request.GET["groep"]))
        except ValueError:
            group = None
        if group is not None:
            students = queries.group_students(role, group)
    only_late = request.GET.get("te_laat") == "1"
    data = queries.overview(role, students)
    rows = data.cells()
    if only_late:
        rows = [(row, cells) for row, cells in rows if any(c and c.late for c in cells)]
    return render_page(
        request,
        "choices/staff/overview.html",
        {
            "data": data,
            "rows": rows,
            "moment_counts": list(zip(data.moments, data.counts(), strict=True)),
            "groups": groups,
            "group": group,
            "only_late": only_late,
        },
    )


@login_required
@GET_POST
def student(request: HttpRequest, student_pk: int) -> HttpResponse:
    role = permit(request, can_follow_choices)
    pupil = get_student_for(role, student_pk)
    stance = queries.stance_of(pupil)
    form = StanceForm(
        request.POST or None,
        initial={"stance": stance.stance, "note": stance.note} if stance else None,
        version=version_of_instance(stance, choosing.STANCE_FIELDS) if stance else "",
    )
    if request.method == "POST" and form.is_valid():
        try:
            choosing.set_stance(by=role, student=pupil, version=form.started_from, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("De keuzestatus is bewaard."))
            return redirect("choices:student", student_pk=pupil.pk)
    record_access(role=role, student=pupil, subject="choices")
    return render_page(
        request,
        "choices/staff/student.html",
        {"pupil": pupil, "lines": queries.student_choices(pupil), "stance": stance, "stance_form": form},
    )


@login_required
@GET_POST
def record(request: HttpRequest, student_pk: int, moment_pk: int) -> HttpResponse:
    """A mentor or counsellor records or revises a student's choice in a conversation (guide mode)."""
    role = permit(request, can_follow_choices)
    pupil = get_student_for(role, student_pk)
    line = queries.get_student_moment_for(role, pupil, moment_pk)
    choice = line.choice
    conversations = list(queries.conversations_of(pupil))
    form = ChoiceForm(
        request.POST or None,
        request.FILES or None,
        initial=initial_of(choice),
        experiences=queries.experiences_of(pupil),
        follow_up=line.moment.kind == MomentKind.FOLLOW_UP,
        links=link_options(pupil),
        has_voice=bool(choice and choice.voice),
    )
    if request.method == "POST" and form.is_valid():
        conversation = next((c for c in conversations if str(c.pk) == request.POST.get("conversation")), None)
        try:
            choosing.make_choice(
                by=role, student=pupil, moment=line.moment, conversation=conversation, **form.cleaned_data
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("De keuze is bewaard."))
            if conversation is not None and request.GET.get("gesprek"):  # opened from guide mode
                return redirect(reverse("conversations:guide", args=[conversation.pk]) + "#choices")
            return redirect("choices:student", student_pk=pupil.pk)
    wanted = request.GET.get("gesprek") or (choice.conversation_id if choice else "")
    if request.method != "POST":
        record_access(role=role, student=pupil, subject="choices")  # the student's choice and reasons
    return render_page(
        request,
        "choices/staff/record.html",
        {
            "form": form,
            "line": line,
            "pupil": pupil,
            "conversations": conversations,
            "wanted": str(wanted or ""),
        },
    )


# --- the counsellor's choice moments ----------------------------------------------------------------------


@login_required
def moments(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_plan_choices)
    return render_page(request, "choices/staff/moments.html", {"moments": queries.school_moments(role)})


@login_required
@GET_POST
def moment_new(request: HttpRequest) -> HttpResponse:
    return _moment_page(request, None)


@login_required
@GET_POST
def moment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_plan_choices)
    return _moment_page(request, queries.get_moment_for(role, pk))


def _moment_page(request: HttpRequest, moment: queries.ChoiceMoment | None) -> HttpResponse:
    role = permit(request, can_plan_choices)
    year = moment.school_year if moment else queries.current_year(role)
    form = MomentForm(
        request.POST or None,
        instance=moment,
        version=version_of_instance(moment, MOMENT_FIELDS) if moment else "",
    )
    if year is None:
        messages.info(request, _("Er is nog geen schooljaar. Vraag de beheerder er een aan te maken."))
        return redirect("choices:moments")
    if request.method == "POST" and form.is_valid():
        try:
            save_moment(
                by=role, school_year=year, moment=moment, version=form.started_from, **form.cleaned_data
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Het keuzemoment is bewaard."))
            return redirect("choices:moments")
    return render_page(
        request, "choices/staff/moment_form.html", {"form": form, "moment": moment, "year": year}
    )
