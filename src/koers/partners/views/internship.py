"""One internship: its page (for the student, the mentor or counsellor following them, and the guardians),
the log's photos, the agreement as a PDF, and the staff's actions on it: who agreed, visits, the
supervisor's link, the class presentation, withdrawing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.access.audit import record_access
from koers.access.gate import permit
from koers.access.models import AuditAction
from koers.access.rules import is_guardian
from koers.common.downloads import attachment
from koers.common.pdf import render_pdf
from koers.common.public_url import public_reverse
from koers.common.uploads import is_first_request_for, serve_file
from koers.common.views import GET_POST, show_domain_errors
from koers.partners.domain import internships as domain
from koers.partners.domain import links
from koers.partners.forms.staff import LinkForm, PresentationForm, SignatureForm, VisitForm
from koers.partners.models import Internship
from koers.partners.queries import internships as queries
from koers.partners.rules import can_follow_internship, can_open_internships, is_the_intern
from koers.schools.models import Role

T = "partners/internship"


def _staff_context(internship: Internship) -> dict[str, object]:
    return {
        "signature_form": SignatureForm(),
        "visit_form": VisitForm(),
        "link_form": LinkForm(),
        "presentation_form": PresentationForm(),
    }


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_open_internships)
    internship = queries.get_internship_for(role, pk)
    page = queries.internship_page(internship)
    following = can_follow_internship(role, internship.student)
    if role.user_id != internship.student.user_id:
        record_access(
            role=role,
            student=internship.student,
            subject=_("stage bij %(partner)s") % {"partner": internship.place.partner.name},
        )
    context: dict[str, object] = {
        "internship": internship,
        "page": page,
        "following": following,
        "own": is_the_intern(role, internship),
        "guardian": is_guardian(role),
    }
    if following:
        context.update(_staff_context(internship))
    return render(request, "partners/family/internship.html", context)


@login_required
@require_GET
def log_photo(request: HttpRequest, pk: int) -> HttpResponseBase:
    role = permit(request, can_open_internships)
    entry = queries.get_log_day_for(role, pk)
    internship = entry.internship
    if not entry.photo or is_guardian(role):
        raise Http404
    if role.user_id != internship.student.user_id and is_first_request_for(request):
        record_access(
            role=role,
            student=internship.student,
            action=AuditAction.DOWNLOAD,
            subject=_("foto uit het stagelogboek"),
        )
    return serve_file(
        request, entry.photo, content_type=entry.photo_content_type, filename="foto", attachment=False
    )


@login_required
@require_GET
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    """The agreement for the four parties, with what Koers recorded of who agreed and when. The mentor or
    counsellor prints it (in Dutch: it is signed on paper by people who do not all use Koers)."""
    role, internship = _staff_action(request, pk)
    if not internship.approved:
        raise Http404
    page = queries.internship_page(internship)
    html = render_to_string(
        "partners/internship/agreement_pdf.html", {"internship": internship, "page": page}, request=request
    )
    record_access(
        role=role, student=internship.student, action=AuditAction.PRINT, subject=_("stageovereenkomst")
    )
    return attachment(render_pdf(html), content_type="application/pdf", filename="stageovereenkomst.pdf")


def _staff_action(request: HttpRequest, pk: int) -> tuple[Role, Internship]:
    role = permit(request, can_open_internships)
    internship = queries.get_internship_for(role, pk)
    permit(request, can_follow_internship, internship.student)
    return role, internship


def _again(request: HttpRequest, role: Role, internship: Internship, **forms: object) -> HttpResponse:
    context: dict[str, object] = {
        "internship": internship,
        "page": queries.internship_page(internship),
        "following": True,
        "own": False,
        "guardian": False,
        **_staff_context(internship),
        **forms,
    }
    return render(request, "partners/family/internship.html", context, status=400)


@login_required
@require_POST
def signature(request: HttpRequest, pk: int) -> HttpResponse:
    role, internship = _staff_action(request, pk)
    form = SignatureForm(request.POST)
    if form.is_valid():
        try:
            domain.record_signature(by=role, internship=internship, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            return redirect("partners:internship", pk=pk)
    return _again(request, role, internship, signature_form=form)


@login_required
@require_POST
def visit(request: HttpRequest, pk: int) -> HttpResponse:
    role, internship = _staff_action(request, pk)
    form = VisitForm(request.POST)
    if form.is_valid():
        try:
            domain.record_visit(by=role, internship=internship, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Het bezoek is vastgelegd."))
            return redirect("partners:internship", pk=pk)
    return _again(request, role, internship, visit_form=form)


@login_required
@require_POST
def presentation(request: HttpRequest, pk: int) -> HttpResponse:
    role, internship = _staff_action(request, pk)
    form = PresentationForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            domain.record_presentation(by=role, internship=internship, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("De presentatie is vastgelegd."))
            return redirect("partners:internship", pk=pk)
    return _again(request, role, internship, presentation_form=form)


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    role, internship = _staff_action(request, pk)
    try:
        domain.withdraw(by=role, internship=internship)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("partners:internship", pk=pk)
    messages.success(request, _("De stage is ingetrokken."))
    return redirect("partners:matching")


@login_required
@GET_POST
def make_link(request: HttpRequest, pk: int) -> HttpResponse:
    """Make the supervisor's link; it is shown once, on this page."""
    role, internship = _staff_action(request, pk)
    form = LinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token = links.make_link(by=role, internship=internship, **form.cleaned_data)
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            url = public_reverse("partners:supervisor", kwargs={"token": token})
            return render(request, f"{T}/link_made.html", {"internship": internship, "url": url})
    return render(
        request,
        f"{T}/link_form.html",
        {"internship": internship, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def revoke_link(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_open_internships)
    link = queries.get_supervisor_link_for(role, pk)
    internship = link.internship
    permit(request, can_follow_internship, internship.student)
    links.revoke_link(by=role, link=link)
    messages.success(request, _("De link werkt niet meer."))
    return redirect("partners:internship", pk=internship.pk)


@login_required
@require_GET
def wish_voice(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A student's spoken reason for a wish: for the student and the mentor or counsellor following them
    (playing it is logged)."""
    role = permit(request, can_open_internships)
    wish = queries.get_wish_for(role, pk)
    if not wish.voice:
        raise Http404
    if role.user_id != wish.student.user_id and is_first_request_for(request):
        record_access(
            role=role,
            student=wish.student,
            action=AuditAction.DOWNLOAD,
            subject=_("spraakbericht bij een stagewens"),
        )
    return serve_file(
        request, wish.voice, content_type=wish.voice_content_type, filename="spraakbericht", attachment=False
    )
