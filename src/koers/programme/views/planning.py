"""Planning views: the year planner, planning/changing/removing an activity, copying last year's programme
forward, the school's activity types, and the coverage check. Views parse, authorise, call
``domain.activities`` and render; anything a role may not see is a 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from koers.access.gate import permit
from koers.common.htmx import render_page
from koers.common.versions import version_of_instance
from koers.common.views import GET_POST, show_domain_errors
from koers.programme.domain import activities as domain
from koers.programme.forms.planning import ActivityForm, ActivityTypeForm, CopyForwardForm
from koers.programme.models import Activity, ActivityType, DatePrecision
from koers.programme.partner_names import names_for
from koers.programme.queries import planning as queries
from koers.programme.queries.checks import derived_checks
from koers.programme.queries.coverage import coverage as coverage_of
from koers.programme.queries.feedback import MIN_ANSWERS, usefulness_of_year
from koers.programme.rules import can_check_coverage, can_plan_programme, can_read_planner
from koers.schools.models import SchoolYear, Track

TEMPLATES = "programme/planning"


def _planner_url(year: SchoolYear, track: str | None) -> str:
    query: dict[str, str | int] = {"jaar": year.pk}
    if track:
        query["leerweg"] = track
    return f"{reverse('programme:planner')}?{urlencode(query)}"


def url_maker(name: str) -> Callable[[int], str]:
    """The URL of ``name`` for any pk, reversed once: pages that link hundreds of activities would otherwise
    spend most of their time reversing the same pattern."""
    sentinel = "2147483647"
    pattern = reverse(name, args=[int(sentinel)])
    return lambda pk: pattern.replace(sentinel, str(pk))


# --- the year planner ---------------------------------------------------------------------------------


def _add_links(plan: queries.Planner) -> None:
    edit_url = url_maker("programme:activity_edit")
    new_url = reverse("programme:activity_new")
    for row in plan.rows:
        for cell in row.cells:
            query: dict[str, str | int] = {
                "jaar": plan.year.pk,
                "leerweg": plan.track or "",
                "leerjaar": cell.year_level,
                "maand": cell.month.strftime("%Y-%m"),
            }
            cell.add_url = f"{new_url}?{urlencode(query)}"
            for entry in cell.activities:
                entry.edit_url = edit_url(entry.activity.pk)


@login_required
@require_GET
def planner(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_read_planner)
    years = queries.years_of_school(role.school_id)
    year = queries.pick_year(years, request.GET.get("jaar"))
    plan = queries.year_planner(year, request.GET.get("leerweg")) if year else None
    if plan is not None and can_plan_programme(role):
        _add_links(plan)
    if plan is not None and year is not None:
        useful = usefulness_of_year(year, plan.track)
        for row in plan.rows:
            for cell in row.cells:
                for entry in cell.activities:
                    entry.useful = useful.get(entry.activity.pk)
    return render_page(
        request,
        f"{TEMPLATES}/planner.html",
        {
            "years": years,
            "year": year,
            "plan": plan,
            "can_plan": can_plan_programme(role),
            "previous_year": queries.year_before(years, year) if year else None,
        },
        fragment="planner",
    )


# --- an activity --------------------------------------------------------------------------------------


def _activity_page(request: HttpRequest, year: SchoolYear, activity: Activity | None) -> HttpResponse:
    role = permit(request, can_plan_programme)
    if activity is not None:
        initial = ActivityForm.initial_for(activity)
    else:
        initial = {"precision": DatePrecision.MONTH}
        track = request.GET.get("leerweg", "")
        if track in Track.values:
            initial["track"] = track
        level = request.GET.get("leerjaar", "")
        if level.isdigit():
            initial["year_level"] = int(level)
        if request.GET.get("maand"):
            initial["month"] = request.GET["maand"]
    # A type switched off since stays available to the activity that already uses it.
    types = queries.types_of_school(role.school_id).filter(
        Q(active=True) | Q(pk=activity.type_id if activity else None)
    )
    form = ActivityForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        year=year,
        types=types,
        groups=queries.groups_of_year(year),
        staff=queries.staff_of_school(role.school_id),
        version=version_of_instance(activity, domain.ACTIVITY_FIELDS) if activity is not None else "",
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields: dict[str, Any] = {
            "type": data["type"],
            "title": data["title"],
            "description": data["description"],
            "track": data["track"],
            "year_level": data["year_level"],
            "starts_on": form.starts_on(),
            "precision": data["precision"],
            "groups": list(data["groups"]),
            "responsible": data["responsible"],
            "partner": data["partner"],
            "has_preparation": data["has_preparation"],
            "has_reflection": data["has_reflection"],
            "involves_guardians": data["involves_guardians"],
            "checks_note": data["checks_note"],
            "competences": data["competences"],
            "elements": data["elements"],
        }
        try:
            if activity is None:
                saved = domain.plan_activity(by=role, school_year=year, **fields)
            else:
                saved = domain.update_activity(
                    by=role, activity=activity, version=form.started_from, **fields
                )
        except ValidationError as error:
            key = "day" if data["precision"] == DatePrecision.DAY else "month"
            show_domain_errors(form, error, {"starts_on": key})
        else:
            messages.success(request, _("De activiteit “%(title)s” is bewaard.") % {"title": saved.title})
            return redirect(_planner_url(year, saved.track))
    return render_page(
        request,
        f"{TEMPLATES}/activity_form.html",
        {
            "form": form,
            "activity": activity,
            "year": year,
            "partner_names": names_for(year.school_id),
            "derived": derived_checks([activity])[activity.pk] if activity is not None else None,
        },
    )


@login_required
@GET_POST
def activity_new(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_plan_programme)
    years = queries.years_of_school(role.school_id)
    year = queries.pick_year(years, request.GET.get("jaar"))
    if year is None:
        messages.info(request, _("Er is nog geen schooljaar. Vraag de beheerder er een aan te maken."))
        return redirect("programme:planner")
    return _activity_page(request, year, None)


@login_required
@GET_POST
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_plan_programme)
    activity = queries.get_activity_for(role, pk)
    return _activity_page(request, activity.school_year, activity)


@login_required
@GET_POST
def activity_remove(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_plan_programme)
    activity = queries.get_activity_for(role, pk)
    error = ""
    if request.method == "POST":
        try:
            domain.remove_activity(by=role, activity=activity)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(
                request, _("De activiteit “%(title)s” is weggehaald.") % {"title": activity.title}
            )
            return redirect(_planner_url(activity.school_year, activity.track))
    return render_page(
        request,
        f"{TEMPLATES}/activity_remove.html",
        {"activity": activity, "error": error, "blockers": domain.removal_blockers(activity)},
    )


# --- copying last year's programme forward ------------------------------------------------------------


@login_required
@GET_POST
def copy_forward(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_plan_programme)
    years = queries.years_of_school(role.school_id)
    to_year = queries.pick_year(years, request.GET.get("jaar"))
    earlier = [y for y in years if to_year is not None and y.starts_on < to_year.starts_on]
    if to_year is None or not earlier:
        return render_page(request, f"{TEMPLATES}/copy_forward.html", {"to_year": to_year, "form": None})
    previous = queries.year_before(years, to_year)
    source = request.POST if request.method == "POST" else request.GET
    form = CopyForwardForm(
        source if "from_year" in source else None,
        initial={"from_year": previous.pk if previous else None},
        years=queries.years_to_choose(earlier),
    )
    from_year = previous
    if form.is_bound and form.is_valid():
        from_year = form.cleaned_data["from_year"]
    if request.method == "POST" and form.is_bound and form.is_valid() and from_year is not None:
        try:
            result = domain.copy_programme_forward(by=role, from_year=from_year, to_year=to_year)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            text = _("%(copied)s activiteiten overgenomen uit %(year)s.") % {
                "copied": result.copied,
                "year": from_year.name,
            }
            if result.skipped:
                text += " " + _("%(skipped)s stonden er al en zijn overgeslagen.") % {
                    "skipped": result.skipped
                }
            messages.success(request, text)
            return redirect(_planner_url(to_year, None))
    plan = queries.copy_plan(from_year, to_year) if from_year is not None else None
    return render_page(
        request,
        f"{TEMPLATES}/copy_forward.html",
        {"to_year": to_year, "from_year": from_year, "form": form, "plan": plan},
    )


# --- the school's activity types ----------------------------------------------------------------------


@login_required
@require_GET
def activity_types(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_plan_programme)
    return render_page(
        request,
        f"{TEMPLATES}/types.html",
        {"types": list(queries.types_of_school(role.school_id))},
    )


def _type_page(request: HttpRequest, type: ActivityType | None) -> HttpResponse:
    role = permit(request, can_plan_programme)
    initial: dict[str, Any] = {"active": True}
    if type is not None:
        initial = {
            "name": type.name,
            "icon": type.icon,
            "description": type.description,
            "active": type.active,
        }
    form = ActivityTypeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if type is None:
                domain.add_activity_type(
                    by=role, name=data["name"], description=data["description"], icon=data["icon"]
                )
            else:
                domain.change_activity_type(
                    by=role,
                    type=type,
                    name=data["name"],
                    description=data["description"],
                    icon=data["icon"],
                    active=data["active"],
                )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("De soort activiteit is bewaard."))
            return redirect("programme:activity_types")
    if type is None:
        del form.fields["active"]
    return render_page(request, f"{TEMPLATES}/type_form.html", {"form": form, "type": type})


@login_required
@GET_POST
def activity_type_new(request: HttpRequest) -> HttpResponse:
    return _type_page(request, None)


@login_required
@GET_POST
def activity_type_edit(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_plan_programme)
    return _type_page(request, queries.get_activity_type_for(role, pk))


# --- the coverage check -------------------------------------------------------------------------------


@login_required
@require_GET
def coverage(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_check_coverage)
    years = queries.years_of_school(role.school_id)
    year = queries.pick_year(years, request.GET.get("jaar"))
    report = None
    if year is not None:
        report = coverage_of(year, queries.year_before(years, year), request.GET.get("leerweg") or None)
        if can_plan_programme(role):
            edit_url = url_maker("programme:activity_edit")
            for warning in report.warnings:
                for line in warning.activities:
                    line.href = edit_url(line.pk)
    return render_page(
        request,
        f"{TEMPLATES}/coverage.html",
        {
            "years": years,
            "year": year,
            "report": report,
            "can_plan": can_plan_programme(role),
            "useful": sorted(
                usefulness_of_year(year, request.GET.get("leerweg") or None).values(),
                key=lambda u: (u.where, u.title),
            )
            if year is not None
            else [],
            "min_answers": MIN_ANSWERS,
        },
        fragment="report",
    )
