"""Landing pages: every role arrives on the page it needs most."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from koers.access.gate import permit
from koers.access.tenancy import activate_role
from koers.common.htmx import render_page
from koers.home import queries
from koers.home.forms import QuietWeeksForm, StudentSearchForm
from koers.home.rules import (
    can_see_admin_home,
    can_see_counsellor_home,
    can_see_guardian_home,
    can_see_leader_home,
    can_see_mentor_home,
    can_see_teacher_home,
)
from koers.schools.models import RoleKind

GUARDIAN_CHILD_KEY = "koers_guardian_child"

LANDING = {
    RoleKind.STUDENT: "dossier:home",
    RoleKind.MENTOR: "home:mentor",
    RoleKind.COUNSELLOR: "home:counsellor",
    RoleKind.GUARDIAN: "home:guardian",
    RoleKind.TEACHER: "home:teacher",
    RoleKind.LEADER: "home:leader",
    RoleKind.ADMIN: "home:admin",
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    role = request.role  # type: ignore[attr-defined]
    if role is None:
        return render(request, "home/no_role.html")
    return redirect(LANDING[role.kind])


@login_required
@require_POST
def switch_role(request: HttpRequest) -> HttpResponse:
    wanted = request.POST.get("role", "")
    role = next((r for r in request.roles if str(r.pk) == wanted), None)  # type: ignore[attr-defined]
    if role is None:
        raise Http404
    activate_role(request, role)
    return redirect("home")


@login_required
def mentor(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_see_mentor_home)
    sort = request.GET.get("sort", "name")
    if sort not in queries.SORTS:
        sort = "name"
    page = queries.mentor_page(role, sort=sort)
    return render(request, "home/mentor.html", {"page": page, "sort": sort})


@login_required
def counsellor(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_see_counsellor_home)
    form = QuietWeeksForm(request.GET or None, school_default=role.school.inactive_after_weeks)
    page = queries.counsellor_page(
        role, weeks=form.weeks(), page=request.GET.get("pagina", 1), level=request.GET.get("leerjaar")
    )
    return render_page(request, "home/counsellor.html", {"page": page, "form": form}, fragment="quiet")


@login_required
def leader(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_see_leader_home)
    page = queries.leader_page(role, level=request.GET.get("leerjaar"))
    return render(request, "home/leader.html", {"page": page})


@login_required
def guardian(request: HttpRequest) -> HttpResponse:
    """One child at a time: ``?child=<pk>`` switches (remembered in the session); another's child is a 404."""
    role = permit(request, can_see_guardian_home)
    wanted = request.GET.get("child", "")
    child_pk = int(wanted) if wanted.isdigit() else request.session.get(GUARDIAN_CHILD_KEY)
    try:
        page = queries.guardian_home(role, child_pk=child_pk)
    except Http404:
        if wanted:
            raise
        page = queries.guardian_home(role)  # the remembered child is no longer linked
    if page.child is not None and wanted:
        request.session[GUARDIAN_CHILD_KEY] = page.child.student_id
    return render(request, "home/guardian.html", {"page": page, "children": page.children})


@login_required
def teacher(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_see_teacher_home)
    groups = queries.current_year_groups(timezone.localdate()).order_by("year_level", "name")
    form = StudentSearchForm(request.GET or None, groups=list(groups.values_list("pk", "name")))
    found = None
    if form.has_query:
        found = queries.search_students(
            role.school,
            text=form.cleaned_data["naam"],
            group_id=form.cleaned_data["groep"],
            page=request.GET.get("pagina", 1),
        )
    return render_page(request, "home/teacher.html", {"form": form, "found": found}, fragment="results")


@login_required
def admin(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_see_admin_home)
    return render(request, "home/admin.html", {"page": queries.admin_page(role)})
