"""The learning route per exam unit: "Mijn leerroute" (the student, phone-first) and the mentor's version in
or after a conversation. The counsellor's pages are in ``views/programmes.py``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from koers.access.audit import record_access
from koers.access.gate import permit
from koers.choices.domain.route import save_route
from koers.choices.forms.route import ProgrammeChoiceForm, RouteForm
from koers.choices.queries import moments as moment_queries
from koers.choices.queries import route as queries
from koers.choices.rules import can_follow_choices, can_make_choices
from koers.common.htmx import render_page
from koers.common.views import GET_POST, show_domain_errors
from koers.schools.models import Role, Student
from koers.schools.queries import current_group_of, get_student_for, own_student


@login_required
@GET_POST
def route(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_make_choices)
    student = own_student(role)
    return _route_page(request, role, student, "choices/family/route.html", conversations=None)


@login_required
@GET_POST
def route_record(request: HttpRequest, student_pk: int) -> HttpResponse:
    """The mentor or counsellor sets the route with the student, in or after a conversation."""
    role = permit(request, can_follow_choices)
    pupil = get_student_for(role, student_pk)
    if request.method != "POST":
        record_access(role=role, student=pupil, subject="choices")
    conversations = list(moment_queries.conversations_of(pupil))
    return _route_page(request, role, pupil, "choices/staff/route.html", conversations=conversations)


def _route_page(
    request: HttpRequest, role: Role, student: Student, template: str, conversations: list | None
) -> HttpResponse:
    line = queries.route_line(student)
    context: dict[str, object] = {"line": line, "pupil": student, "conversations": conversations}
    if line is None:
        return render_page(request, template, context)
    choice = line.choice
    programmes = queries.programmes()
    wanted = request.POST.get("programma") or request.GET.get("programma")
    programme = None
    if wanted and wanted.isdigit():
        programme = next((p for p in programmes if p.pk == int(wanted)), None)
    elif choice is not None and choice.vocational_programme_id:
        programme = next((p for p in programmes if p.pk == choice.vocational_programme_id), None)
    context["choose_form"] = ProgrammeChoiceForm(
        initial={"programma": programme.pk if programme else None}, programmes=programmes
    )
    if programme is None:
        return render_page(request, template, context)
    group = current_group_of(student)
    options = queries.route_options(
        student.school_id,
        programme,
        group.track if group else "",
        choice if choice and choice.vocational_programme_id == programme.pk else None,
    )
    form = RouteForm(request.POST or None, initial={"why": choice.why if choice else ""}, options=options)
    if request.method == "POST" and form.is_valid():
        conversation = None
        if conversations is not None:
            conversation = next(
                (c for c in conversations if str(c.pk) == request.POST.get("conversation")), None
            )
        try:
            save_route(
                by=role,
                student=student,
                moment=line.moment,
                programme=programme,
                steps=form.wishes(),
                why=form.cleaned_data["why"],
                conversation=conversation,
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            if conversations is None:
                messages.success(request, _("Je leerroute is bewaard. Je mentor bevestigt hem."))
                return redirect("choices:route")
            messages.success(request, _("De leerroute is bewaard."))
            return redirect("choices:student", student_pk=student.pk)
    context.update({"programme": programme, "form": form, "options": options})
    return render_page(request, template, context)
