"""What the dossier's pages share: the student's own dossier, who looked, and the sharing switch.

Views parse, authorise, call ``dossier.domain`` and render. The student writes only in their own
dossier (objects of anyone else are a 404); mentors, counsellors and guardians read through
``get_student_for`` and every such read writes one audit row.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koers.access.gate import permit
from koers.dossier.domain.overview import set_sharing
from koers.dossier.queries.overview import access_log_of, get_shared_item_for
from koers.dossier.rules import can_keep_dossier
from koers.schools.models import Role, Student
from koers.schools.queries import own_student


def own_dossier(request: HttpRequest) -> tuple[Role, Student]:
    """The student keeping their own dossier; everyone else gets a 404."""
    role = permit(request, can_keep_dossier)
    return role, own_student(role)


def posted(request: HttpRequest) -> Any:
    """The submitted data of a POST, even an empty one (so it shows its errors), or None for a GET."""
    return request.POST if request.method == "POST" else None


def next_or(request: HttpRequest, fallback: str) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}):
        return wanted
    return fallback


def share_default(request: HttpRequest, kind: str) -> bool:
    return request.school.shares_by_default(kind)  # type: ignore[attr-defined]


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    _, student = own_dossier(request)
    return render(request, "dossier/access_log.html", {"entries": access_log_of(student), "student": student})


@login_required
@require_POST
def share_toggle(request: HttpRequest) -> HttpResponse:
    """The student shows an item to their guardians, or hides it again."""
    role = permit(request, can_keep_dossier)
    kind = request.POST.get("kind", "")
    pk = request.POST.get("pk", "")
    if not pk.isdigit():
        raise Http404
    item = get_shared_item_for(role, kind, int(pk))
    set_sharing(by=role, item=item, shared=request.POST.get("shared") == "1")
    if getattr(request, "htmx", False):
        return render(request, "dossier/_share_toggle.html", {"share_item": item, "share_kind": kind})
    if item.shared_with_guardians:
        messages.success(request, _("Je ouders of verzorgers kunnen dit nu zien."))
    else:
        messages.success(request, _("Dit is nu niet meer zichtbaar voor je ouders of verzorgers."))
    return redirect(next_or(request, reverse("dossier:home")))
