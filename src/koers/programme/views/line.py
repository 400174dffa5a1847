"""The LOB-lijn pages: the school's line per track and year level (with its A3 poster), a student's own line,
registering participation, and the counsellor's list of students with gaps.

Who sees what:
- counsellor and mentor: the school's whole line of any track and year level (a mentor starts at the line of
  their own group); teachers have no link to groups in Koers, so a teacher sees the school's line of any
  track and year level, limited to what is still to come.
- a student: their own line with a status per activity; a mentor, counsellor or guardian the line of a
  student they may see (guardians without parental authority see the programme, not the statuses).
- registering participation: a counsellor or teacher for every group of the activity, a mentor for their
  groups only; anything else is a 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.access.audit import record_access
from koers.access.gate import permit
from koers.access.models import AuditAction
from koers.access.rules import is_guardian, is_mentor, is_student, is_teacher
from koers.background.queue import enqueue_job
from koers.common.htmx import render_page
from koers.common.views import GET_POST, show_domain_errors
from koers.lob.vocabulary import Competence
from koers.programme.domain.feedback import say_useful
from koers.programme.domain.participation import (
    members_of,
    register_participation,
    registrable_groups,
)
from koers.programme.forms.line import GapsFilterForm, LineChoiceForm, ParticipationForm, line_key, line_label
from koers.programme.queries.line import (
    YearLine,
    current_year_of,
    get_line_activity_for,
    line_choices,
    noted_participation,
    school_line,
    school_years,
    student_line,
    when_label,
)
from koers.programme.queries.registration import registration_window, waiting_for_registration
from koers.programme.queries.student_coverage import coverage_of_student, groups_of_year, students_with_gaps
from koers.programme.rules import (
    can_plan_programme,
    can_register_participation,
    can_see_own_line,
    can_see_school_lines,
    can_see_student_lines,
)
from koers.programme.svg import line_svg
from koers.schools.models import Role, Student
from koers.schools.queries import get_student_for, guardian_sees_dossier_of, mentored_groups, own_student

# --- the school's line -----------------------------------------------------------------------------------


def _chosen_line(
    request: HttpRequest, role: Role, *, whole_year: bool = False
) -> tuple[LineChoiceForm, YearLine | None]:
    """Read the school year and line from the query string; unknown values fall back to sensible ones: the
    current school year, the mentor's own group's line, or the first line of the school."""
    years = school_years(role.school_id)
    wanted_year = request.GET.get("jaar", "")
    school_year = next((y for y in years if str(y.pk) == wanted_year), None) or current_year_of(years)
    if school_year is None:
        return LineChoiceForm(years=years, pairs=[]), None
    pairs = line_choices(school_year)
    keys = {line_key(track, level): (track, level) for track, level in pairs}
    wanted = request.GET.get("lijn", "")
    if wanted not in keys and is_mentor(role):
        mine = mentored_groups(role).filter(school_year=school_year).order_by("year_level", "name").first()
        wanted = line_key(mine.track, mine.year_level) if mine else ""
    if wanted not in keys:
        wanted = line_key(*pairs[0]) if pairs else ""
    form = LineChoiceForm(initial={"jaar": school_year.pk, "lijn": wanted}, years=years, pairs=pairs)
    if wanted not in keys:
        return form, None
    track, level = keys[wanted]
    upcoming = is_teacher(role) and not whole_year
    upcoming_from = timezone.localdate() if upcoming else None
    return form, school_line(
        school_year=school_year, track=track, year_level=level, upcoming_from=upcoming_from
    )


def _registrable_activity_ids(role: Role, line: YearLine) -> set[int]:
    """The activities of the line this role may register participation for (one query for a mentor)."""
    if not can_register_participation(role):
        return set()
    activities = [item.activity for item in line.activities if item.activity is not None]
    if not is_mentor(role):
        return {activity.pk for activity in activities}
    mine = set(mentored_groups(role).values_list("pk", flat=True))
    return {
        item.activity.pk
        for item in line.activities
        if item.activity is not None and any(group.pk in mine for group in item.groups)
    }


@login_required
@require_GET
def line(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_see_school_lines)
    form, year_line = _chosen_line(request, role)
    context: dict[str, Any] = {"form": form, "line": year_line, "role_kind": role.kind}
    if year_line is not None:
        title = line_label(year_line.track, year_line.year_level)
        context.update(
            title=title,
            svg=line_svg(year_line, ident="school-line", title=_("LOB-lijn %(line)s") % {"line": title}),
            registrable=_registrable_activity_ids(role, year_line),
            poster_query=request.GET.urlencode()
            or f"jaar={year_line.school_year.pk}&lijn={line_key(year_line.track, year_line.year_level)}",
        )
    return render_page(request, "programme/line/school.html", context, fragment="line")


# --- the A3 poster ---------------------------------------------------------------------------------------


@login_required
@require_POST
def poster(request: HttpRequest) -> HttpResponse:
    """The A3 poster is made by a job (WeasyPrint takes a while for a full year); the person downloads it
    from the job's page. The line is chosen from the query string, as on the line's page."""
    role = permit(request, can_see_school_lines)
    # The poster is for the classroom wall: the whole year, also for teachers.
    _form, year_line = _chosen_line(request, role, whole_year=True)
    if year_line is None:
        raise Http404
    job = enqueue_job(
        "programme.poster",
        school=role.school_id,
        by=request.user,  # type: ignore[arg-type]
        school_year=year_line.school_year.pk,
        track=year_line.track,
        year_level=year_line.year_level,
        language=translation.get_language() or "nl",
    )
    return redirect("background:job", pk=job.pk)


# --- a student's own line --------------------------------------------------------------------------------


def _student_page(request: HttpRequest, role: Role, student: Student, *, own: bool) -> HttpResponse:
    with_status = True
    if is_guardian(role):
        # Information-only guardians (and those of a 16+ student who hid the dossier) see the school's plan
        # for the child, not what the child did.
        with_status = guardian_sees_dossier_of(role, student)
    year_line = student_line(student=student, with_status=with_status)
    if not own:
        record_access(role=role, student=student, action=AuditAction.VIEW, subject=_("LOB-programma"))
    context: dict[str, Any] = {"line": year_line, "student": student, "own": own, "with_status": with_status}
    # The short version (on the dossier timeline) is only the counts and the coming items.
    short = bool(getattr(request, "htmx", False)) and request.GET.get("deel") == "kort"
    if short:
        return render_page(request, "programme/line/student.html", context, fragment="summary")
    if year_line is not None and with_status:
        context["coverage"] = coverage_of_student(student, year_line.school_year)
    if year_line is not None:
        title = (
            _("Mijn LOB-lijn")
            if own
            else _("LOB-lijn van %(name)s") % {"name": student.user.first_name or student.name}
        )
        context["svg"] = line_svg(year_line, ident="student-line", title=title)
        context["title"] = line_label(year_line.track, year_line.year_level)
    return render_page(request, "programme/line/student.html", context)


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_see_own_line)
    return _student_page(request, role, own_student(role), own=True)


@login_required
@require_GET
def student(request: HttpRequest, student_pk: int) -> HttpResponse:
    role = permit(request, can_see_student_lines)
    found = get_student_for(role, student_pk)
    if is_student(role):
        return redirect("programme:mine")
    return _student_page(request, role, found, own=False)


@login_required
@require_POST
def useful(request: HttpRequest, pk: int) -> HttpResponse:
    """The student's "was this useful?" about an activity they took part in: yes or no, one optional line."""
    role = permit(request, can_see_own_line)
    activity = get_line_activity_for(role, pk)
    answer = request.POST.get("nuttig")
    try:
        say_useful(
            by=role,
            student=own_student(role),
            activity=activity,
            useful={"ja": True, "nee": False}.get(answer or ""),
            line=request.POST.get("regel", ""),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Dank je wel! Zo weet school wat werkt."))
    return redirect(reverse("programme:mine") + f"#activiteit-{activity.pk}")


# --- participation ---------------------------------------------------------------------------------------


def _chosen_group_pk(request: HttpRequest) -> int | None:
    value = request.POST.get("groep") if request.method == "POST" else request.GET.get("groep")
    try:
        return int(value) if value else None
    except ValueError as error:
        raise Http404 from error


@login_required
@GET_POST
def participation(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_register_participation)
    activity = get_line_activity_for(role, pk)
    groups = registrable_groups(role, activity)
    if not groups:
        raise Http404
    group_pk = _chosen_group_pk(request)
    if group_pk is None and len(groups) == 1:
        group_pk = groups[0].pk
    context: dict[str, Any] = {
        "activity": activity,
        "groups": groups,
        "when": when_label(activity.starts_on, activity.precision),
    }
    if group_pk is None:
        if request.method == "POST":
            raise Http404
        return render_page(request, "programme/line/participation.html", context)
    group = next((g for g in groups if g.pk == group_pk), None)
    if group is None:
        raise Http404
    students = members_of(group)
    noted = noted_participation(activity, students)
    if request.method == "POST":
        form = ParticipationForm(request.POST, students=students)
        if form.is_valid():
            present = set(form.cleaned_data["present"])
            absent = {s.pk for s in students} - present
            try:
                result = register_participation(by=role, activity=activity, group=group, absent=absent)
            except ValidationError as error:
                show_domain_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Deelname opgeslagen voor %(group)s: %(present)s aanwezig, %(absent)s afwezig.")
                    % {"group": group.name, "present": result.present, "absent": result.absent},
                )
                return redirect(f"{reverse('programme:participation', args=[activity.pk])}?groep={group.pk}")
    else:
        # Everyone ticked at first; an earlier registration is shown as it was saved.
        form = ParticipationForm(
            initial={"present": [s.pk for s in students if noted.get(s.pk, True)]}, students=students
        )
    window = registration_window(activity, role.school.registration_days_after)
    today = timezone.localdate()
    context.update(
        group=group,
        form=form,
        students=students,
        registered=bool(noted),
        future=today < window.opens,
        closed=today > window.closes,
        window=window,
    )
    return render_page(request, "programme/line/participation.html", context)


@login_required
@require_GET
def to_register(request: HttpRequest) -> HttpResponse:
    """The activities (per group) that wait for this role to register who took part."""
    role = permit(request, can_register_participation)
    waiting = waiting_for_registration(role)
    return render_page(
        request,
        "programme/line/to_register.html",
        {"waiting": waiting, "days_after": role.school.registration_days_after},
    )


# --- students with gaps ----------------------------------------------------------------------------------


@login_required
@require_GET
def gaps(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_plan_programme)
    school_year = current_year_of(school_years(role.school_id))
    context: dict[str, Any] = {"school_year": school_year, "competences": Competence}
    if school_year is not None:
        groups = groups_of_year(school_year)
        form = GapsFilterForm(request.GET or None, groups=groups)
        filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
        try:
            page = int(request.GET.get("pagina", "1"))
        except ValueError:
            page = 1
        context.update(
            form=form,
            result=students_with_gaps(
                school_year=school_year,
                groups=groups,
                group_id=filters.get("groep"),
                competence=filters.get("competentie") or None,
                page=page,
            ),
            filter_query=request.GET.copy(),
        )
        context["filter_query"].pop("pagina", None)
        context["filter_query"] = context["filter_query"].urlencode()
    return render_page(request, "programme/line/gaps.html", context, fragment="results")
