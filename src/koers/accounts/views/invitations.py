"""Inviting guardians (admins, counsellors, mentors for their own students) and the public activation page
where a guardian uses the code from a letter or the link from an e-mail."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from koers.access.gate import permit
from koers.access.tenancy import activate_role
from koers.accounts.domain import invitations as domain
from koers.accounts.forms import ActivateForm, AddGuardianForm
from koers.accounts.models import InvitationKind
from koers.accounts.queries import (
    get_invitation_for,
    invitable_guardianships,
    invitable_students,
    invitation_overview,
)
from koers.accounts.rules import can_invite_guardians
from koers.background.queue import enqueue_job
from koers.common.htmx import render_page
from koers.common.ratelimit import client_address
from koers.common.views import GET_POST, show_domain_errors
from koers.schools.models import Guardianship, Role, User

LETTER_STYLESHEET = "accounts/invitations-print.css"
# --- staff: the overview, sending, adding by hand, revoking -------------------------------------------


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_invite_guardians)
    return render_page(request, "accounts/invitations/overview.html", {"rows": invitation_overview(role)})


def _chosen(request: HttpRequest, role: Role) -> list[Guardianship]:
    wanted = [int(v) for v in request.POST.getlist("guardianship") if v.isdigit()]
    return list(
        invitable_guardianships(role)
        .filter(pk__in=wanted)
        .select_related("guardian", "student__user", "school")
        .order_by("student__user__last_name", "guardian__last_name", "pk")
    )


@login_required
@require_POST
def send(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_invite_guardians)
    kind = request.POST.get("kind", "")
    try:
        with transaction.atomic():  # the invitations and the jobs that send them commit together
            issued = domain.invite(guardianships=_chosen(request, role), kind=kind, by=role)
            return _deliver(request, role, issued)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:invitations")


def _deliver(request: HttpRequest, role: Role, issued: list[domain.IssuedInvitation]) -> HttpResponse:
    """E-mails and letters are jobs: the page answers at once. Letters are made into one PDF the inviter
    downloads from the job's page when it is ready; each e-mail is its own job, tried again on its own."""
    if issued and issued[0].invitation.kind == InvitationKind.LETTER:
        job = enqueue_job(
            "accounts.guardian_letters",
            school=role.school_id,
            by=request.user,  # type: ignore[arg-type]
            total=len(issued),
            invitations=[one.invitation.pk for one in issued],
        )
        return redirect("background:job", pk=job.pk)
    for one in issued:
        enqueue_job("accounts.guardian_email", school=role.school_id, invitation=one.invitation.pk)
    messages.success(
        request,
        ngettext("De uitnodiging wordt verstuurd.", "%(count)d uitnodigingen worden verstuurd.", len(issued))
        % {"count": len(issued)},
    )
    return redirect("accounts:invitations")


@login_required
@GET_POST
def add(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_invite_guardians)
    students = invitable_students(role).select_related("user").order_by("user__last_name", "user__first_name")
    form = AddGuardianForm(request.POST if request.method == "POST" else None, students=students)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():  # nothing half-done: the guardian, the invitation and its job
                guardianship = domain.add_guardian(
                    by=role,
                    student=data["student"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"] or "",
                    language=data["language"],
                    has_authority=data["has_authority"],
                )
                issued = domain.invite(guardianships=[guardianship], kind=data["kind"], by=role)
                return _deliver(request, role, issued)
        except ValidationError as error:
            show_domain_errors(form, error)
    return render(
        request, "accounts/invitations/add.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_invite_guardians)
    invitation = get_invitation_for(role, pk)
    try:
        domain.revoke_invitation(invitation=invitation, by=role)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De uitnodiging werkt niet meer."))
    return redirect("accounts:invitations")


# --- public: activating --------------------------------------------------------------------------------


def _use_posted_language(request: HttpRequest) -> None:
    """Answer in the language the visitor picked on the form (or in the link), so a refusal is readable."""
    chosen = request.POST.get("language") or request.GET.get("taal") or ""
    if chosen in dict(settings.LANGUAGES):
        translation.activate(chosen)
        request.LANGUAGE_CODE = chosen


def _language_links(path: str, code: str) -> list[tuple[str, str, str]]:
    """(code, name, link) per language: the same page in another language, keeping a code from the letter."""
    links = []
    for language, name in settings.LANGUAGES:
        query = urlencode({"code": code, "taal": language} if code else {"taal": language})
        links.append((language, name, f"{path}?{query}"))
    return links


def _activate_page(request: HttpRequest, *, token: str = "") -> HttpResponse:
    _use_posted_language(request)
    with_code = not token
    signed_in = request.user.is_authenticated
    code = request.GET.get("code", "")
    initial = {"code": code, "language": translation.get_language() or "nl"}
    form = ActivateForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        with_code=with_code,
        link_only=signed_in,
    )
    refused = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = domain.find_invitation(
                code=data.get("code", ""), token=token, address=client_address(request)
            )
            if signed_in:
                # Someone who is logged in never sets credentials: the code links the child to them.
                role = domain.link_to_account(invitation=invitation, user=request.user)  # type: ignore[arg-type]
                activate_role(request, role)
                messages.success(request, _("Uw kind is aan uw account gekoppeld."))
                return redirect("home:guardian")
            if domain.has_account(invitation.guardian):
                raise domain.already_has_account()
            user, role = domain.activate(
                invitation=invitation,
                username=data["username"],
                password=data["password1"],
                language=data["language"],
            )
        except domain.InvitationRefused as refusal:
            if with_code:
                form.add_error("code", refusal.message)
            else:
                refused = refusal.message
        except ValidationError as error:
            show_domain_errors(form, error, rename={"password": "password1"})
        else:
            return _logged_in(request, user, role)
    elif request.method == "GET" and token:
        try:
            invitation = domain.find_invitation(token=token, address=client_address(request))
        except domain.InvitationRefused as refusal:
            refused = refusal.message
        else:
            # A link from before the language was in it still opens in the language the school recorded.
            recorded = invitation.guardian.preferred_language
            if not request.GET.get("taal") and recorded in dict(settings.LANGUAGES):
                translation.activate(recorded)
                request.LANGUAGE_CODE = recorded
                form.initial["language"] = recorded
    status = 400 if form.errors or refused else 200
    response = render(
        request,
        "accounts/invitations/activate.html",
        {
            "form": form,
            "refused": refused,
            "with_code": with_code,
            "link_only": signed_in,
            "languages": settings.LANGUAGES,
            "language_links": _language_links(request.path, code),
        },
        status=status,
    )
    return response


def _logged_in(request: HttpRequest, user: User, role: Role) -> HttpResponse:
    login(request, user, backend="koers.accounts.backends.PasswordBackend")
    activate_role(request, role)
    translation.activate(user.preferred_language)
    messages.success(request, _("Welkom bij Koers. Je account is klaar."))
    response = redirect("home:guardian")
    response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.preferred_language, samesite="Lax")
    return response


@GET_POST
def activate(request: HttpRequest) -> HttpResponse:
    return _activate_page(request)


@GET_POST
def activate_link(request: HttpRequest, token: str) -> HttpResponse:
    return _activate_page(request, token=token)
