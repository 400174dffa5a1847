"""Landing pages: every role arrives on the page it needs most."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from koers.common.tenancy import activate_role
from koers.schools.models import RoleKind

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


# Placeholders until the role pages land.
@login_required
def mentor(request: HttpRequest) -> HttpResponse:
    return render(request, "home/no_role.html")


counsellor = guardian = teacher = leader = admin = mentor
