"""Login cards: the mentor's and admin's overview, a group's cards, printing (PDF), revoking, and the card
login itself (scanning the QR code on a school device)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.access.gate import permit
from koers.access.tenancy import activate_role
from koers.accounts import printing, queries
from koers.accounts.domain import logins as domain
from koers.accounts.forms import GroupCardsForm
from koers.accounts.models import LoginCard
from koers.accounts.queries import get_card_for, get_card_group_for, get_card_student_for
from koers.accounts.rules import can_manage_cards
from koers.background.queue import enqueue_job
from koers.common.downloads import attachment
from koers.common.htmx import render_page
from koers.schools.queries import current_group_of


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_manage_cards)
    return render_page(request, "accounts/cards_overview.html", {"rows": queries.card_overview(role)})


@login_required
@require_GET
def group(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_manage_cards)
    the_group = get_card_group_for(role, pk)
    return render_page(
        request,
        "accounts/cards_group.html",
        {"group": the_group, "rows": queries.group_cards(the_group), "form": GroupCardsForm()},
    )


@login_required
@require_POST
def group_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """A group's cards are a job: the cards are issued and printed by the worker (the secrets are made where
    they are printed), and the mentor downloads the PDF from the job's page."""
    role = permit(request, can_manage_cards)
    the_group = get_card_group_for(role, pk)
    form = GroupCardsForm(request.POST)
    rows = queries.group_cards(the_group)
    if form.is_valid():
        which = form.cleaned_data["which"]
        try:
            domain.students_needing_cards(
                students=[row.student for row in rows], only_missing=which == "missing"
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            job = enqueue_job(
                "accounts.login_cards",
                school=role.school_id,
                by=request.user,  # type: ignore[arg-type]
                total=len(rows),
                group=the_group.pk,
                which=which,
                role=role.pk,
            )
            return redirect("background:job", pk=job.pk)
    return render_page(
        request, "accounts/cards_group.html", {"group": the_group, "rows": rows, "form": form}, status=400
    )


@login_required
@require_POST
def student_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """A new card for one student (the old one stops working), as a PDF."""
    role = permit(request, can_manage_cards)
    student = get_card_student_for(role, pk)
    try:
        issued = domain.issue_card(student=student, by=role)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("accounts:cards")
    the_group = current_group_of(student)
    entry = printing.card_entry(
        issued,
        student,
        group_name=the_group.name if the_group else "",
        school_name=request.school.name,  # type: ignore[attr-defined]
    )
    return attachment(
        printing.cards_pdf([entry]),
        content_type="application/pdf",
        filename=f"inlogkaart-{slugify(student.name) or student.pk}.pdf",
    )


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_manage_cards)
    card = get_card_for(role, pk)
    try:
        domain.revoke_card(card=card, by=role)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("De inlogkaart van %(name)s werkt niet meer.") % {"name": card.student.name}
        )
    the_group = current_group_of(card.student)
    if the_group is not None:
        try:
            get_card_group_for(role, the_group.pk)
        except Http404:
            return redirect("accounts:cards")
        return redirect("accounts:cards_group", pk=the_group.pk)
    return redirect("accounts:cards")


@require_GET
def card_login(request: HttpRequest, token: str) -> HttpResponse:
    """Scanning the card: the student is logged in and lands on their dossier."""
    try:
        student, role = domain.use_card(token=token)
    except LoginCard.DoesNotExist:
        raise Http404 from None
    except domain.CardRefused as refusal:
        return render(request, "accounts/card_refused.html", {"message": refusal.message}, status=410)
    login(request, student.user, backend="koers.accounts.backends.PasswordBackend")
    activate_role(request, role)
    return redirect("dossier:home")
