"""Login cards: the mentor's and admin's overview, a group's cards, printing (PDF), revoking, and the card
login itself (scanning the QR code on a school device)."""

from __future__ import annotations

from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.access.gate import permit
from koers.access.tenancy import activate_role
from koers.accounts import domain, queries
from koers.accounts.domain import IssuedCard
from koers.accounts.forms import GroupCardsForm
from koers.accounts.models import LoginCard
from koers.accounts.queries import get_card_for, get_card_group_for, get_card_student_for
from koers.accounts.rules import can_manage_cards
from koers.common.downloads import attachment
from koers.common.htmx import render_page
from koers.common.pdf import render_pdf
from koers.schools.models import Student
from koers.schools.queries import current_group_of

PRINT_STYLESHEET = "accounts/cards-print.css"


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


def render_cards_html(request: HttpRequest, cards: list[dict[str, Any]]) -> str:
    return render_to_string("accounts/cards_pdf.html", {"cards": cards}, request=request)


def card_entry(request: HttpRequest, issued: IssuedCard, student: Student, group_name: str) -> dict[str, Any]:
    url = request.build_absolute_uri(reverse("accounts:card_login", kwargs={"token": issued.token}))
    return {
        "name": student.name,
        "group": group_name,
        "school": request.school.name,  # type: ignore[attr-defined]
        "qr": segno.make(url, error="m").svg_inline(scale=3, omitsize=True),
        "issued_on": timezone.localdate(),
    }


def cards_pdf(request: HttpRequest, cards: list[dict[str, Any]], filename: str) -> HttpResponse:
    document = render_pdf(render_cards_html(request, cards), stylesheet=PRINT_STYLESHEET)
    return attachment(document, content_type="application/pdf", filename=filename)


@login_required
@require_POST
def group_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_manage_cards)
    the_group = get_card_group_for(role, pk)
    form = GroupCardsForm(request.POST)
    rows = queries.group_cards(the_group)
    if form.is_valid():
        students = [row.student for row in rows]
        try:
            issued = domain.issue_group_cards(
                group=the_group,
                students=students,
                by=role,
                only_missing=form.cleaned_data["which"] == "missing",
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            by_pk = {s.pk: s for s in students}
            cards = [card_entry(request, i, by_pk[i.card.student_id], the_group.name) for i in issued]
            return cards_pdf(request, cards, f"inlogkaarten-{slugify(the_group.name)}.pdf")
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
    entry = card_entry(request, issued, student, the_group.name if the_group else "")
    return cards_pdf(request, [entry], f"inlogkaart-{slugify(student.name) or student.pk}.pdf")


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
    login(request, student.user, backend="django.contrib.auth.backends.ModelBackend")
    activate_role(request, role)
    return redirect("dossier:home")
