"""The counsellor's elective modules and their allocation: the catalogue, running the allocation, moving and
locking a student, the lists per module and period for the timetable (CSV)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.access.gate import permit
from koers.choices.domain import modules as domain
from koers.choices.forms.staff import ModuleForm, MoveForm
from koers.choices.models import Module
from koers.choices.queries import modules as queries
from koers.choices.queries.moments import current_year, get_module_for
from koers.choices.rules import can_plan_choices
from koers.common.csv_export import csv_response
from koers.common.downloads import attachment
from koers.common.htmx import render_page
from koers.common.pdf import render_pdf
from koers.common.versions import version_of_instance
from koers.common.views import GET_POST, show_domain_errors


@login_required
def modules(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_plan_choices)
    year = current_year(role)
    return render_page(
        request,
        "choices/staff/modules.html",
        {"year": year, "modules": queries.modules_of(role.school_id, year)},
    )


@login_required
@GET_POST
def module_new(request: HttpRequest) -> HttpResponse:
    return _module_page(request, None)


@login_required
@GET_POST
def module_edit(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_plan_choices)
    return _module_page(request, get_module_for(role, pk))


def _module_page(request: HttpRequest, module: Module | None) -> HttpResponse:
    role = permit(request, can_plan_choices)
    year = module.school_year if module else current_year(role)
    if year is None:
        messages.info(request, _("Er is nog geen schooljaar. Vraag de beheerder er een aan te maken."))
        return redirect("choices:modules")
    form = ModuleForm(
        request.POST or None,
        instance=module,
        teachers=queries.teachers_of(role.school_id),
        version=version_of_instance(module, domain.MODULE_FIELDS) if module else "",
        activities=queries.activities_of(year),
    )
    if request.method == "POST" and form.is_valid():
        try:
            domain.save_module(
                by=role, school_year=year, module=module, version=form.started_from, **form.cleaned_data
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("De keuzemodule is bewaard."))
            return redirect("choices:modules")
    return render_page(
        request, "choices/staff/module_form.html", {"form": form, "module": module, "year": year}
    )


@login_required
def allocation(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_plan_choices)
    page = queries.allocation_page(role.school_id, current_year(role))
    return render_page(request, "choices/staff/allocation.html", {"page": page})


@login_required
@require_POST
def allocate(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_plan_choices)
    year = current_year(role)
    if year is None:
        messages.info(request, _("Er is nog geen schooljaar. Vraag de beheerder er een aan te maken."))
        return redirect("choices:allocation")
    run = domain.run_allocation(by=role, school_year=year)
    messages.success(
        request,
        _("De indeling is gemaakt in %(seconds)s seconden.") % {"seconds": run.figures.get("seconds", 0)},
    )
    return redirect("choices:allocation")


@login_required
@GET_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_plan_choices)
    placement = queries.get_placement_for(role, pk)
    form = MoveForm(request.POST or None, modules=queries.modules_in_period(placement))
    if request.method == "POST" and form.is_valid():
        try:
            domain.move_student(by=role, placement=placement, module=form.cleaned_data["module"])
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("De leerling is verplaatst en vastgezet."))
            return redirect("choices:allocation")
    return render_page(request, "choices/staff/move.html", {"form": form, "placement": placement})


@login_required
@require_POST
def lock(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_plan_choices)
    placement = queries.get_placement_for(role, pk)
    domain.set_locked(by=role, placement=placement, locked=request.POST.get("locked") == "1")
    return redirect("choices:allocation")


@login_required
def allocation_csv(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_plan_choices)
    year = current_year(role)
    placements = queries.placements_for_csv(year) if year else []
    groups = queries.groups_of_students(year) if year else {}
    header = [
        _("periode"),
        _("module"),
        _("docent"),
        _("lokaal"),
        _("leerling"),
        _("klas"),
        _("keuze"),
        _("vastgezet"),
    ]
    rows = [
        [
            p.period,
            p.module.title,
            p.module.teacher.get_full_name() if p.module.teacher else "",
            p.module.room,
            p.student.name,
            groups.get(p.student_id, ""),
            p.rank or "",
            p.locked,
        ]
        for p in placements
    ]
    return csv_response("keuzemodules.csv", header, rows)


@login_required
@require_GET
def module_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """One module's lists per period (a page each) for the timetable and the teacher, as PDF."""
    role = permit(request, can_plan_choices)
    module = get_module_for(role, pk)
    html = render_to_string(
        "choices/staff/module_pdf.html",
        {"list": queries.module_list(module), "school": role.school, "today": timezone.localdate()},
        request=request,
    )
    filename = f"keuzemodule-{slugify(module.title) or module.pk}.pdf"
    return attachment(render_pdf(html), content_type="application/pdf", filename=filename)
