"""The conversation mirror pages, the printable conversation card and report (PDF), group conversations.

PDFs are rendered from ordinary templates by WeasyPrint with the print stylesheet read from disk; WeasyPrint
may not fetch anything else, so nothing in a report can make the server load a URL.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from koers.access.audit import record_access
from koers.access.gate import permit
from koers.access.models import AuditAction
from koers.common.downloads import attachment
from koers.common.pdf import render_pdf
from koers.common.views import show_domain_errors
from koers.conversations.domain.group import record_group_conversation
from koers.conversations.forms.group import GroupRecordForm
from koers.conversations.mirror import MARKS
from koers.conversations.models import ConversationType
from koers.conversations.queries.lookups import get_conversation_for, get_type_for
from koers.conversations.queries.mirror import (
    BY_MONTH,
    BY_ROUND,
    card_of,
    mentor_mirror,
    mirror_chart,
    report_of,
    school_mirror,
)
from koers.conversations.rules import (
    can_hold_conversation,
    can_print_conversation_card,
    can_print_report,
    can_print_reports,
    can_read_own_mirror,
    can_read_school_mirror,
    can_record_group_conversation,
)


@login_required
@require_GET
def own_mirror(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_read_own_mirror)
    by = BY_ROUND if request.GET.get("per") == BY_ROUND else BY_MONTH
    rows = mentor_mirror(role, by=by)
    context = {"rows": rows, "chart": mirror_chart(rows), "marks": MARKS, "by": by}
    return render(request, "conversations/mirror_mine.html", context)


@login_required
@require_GET
def school_mirror_page(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_read_school_mirror)
    by_round, by_level, total = school_mirror(role)
    context = {
        "by_round": by_round,
        "by_level": by_level,
        "total": total,
        "total_rows": [total],
        "marks": MARKS,
    }
    return render(request, "conversations/mirror_school.html", context)


def _pdf(html: str, filename: str) -> HttpResponse:
    return attachment(render_pdf(html), content_type="application/pdf", filename=filename)


def render_card_html(conversation_type: ConversationType) -> str:
    return render_to_string(
        "conversations/pdf_card.html", {"type": conversation_type, **card_of(conversation_type)}
    )


@login_required
@require_GET
def card_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_print_conversation_card)
    conversation_type = get_type_for(role, pk)
    filename = f"gesprekskaart-{slugify(conversation_type.name) or conversation_type.pk}.pdf"
    return _pdf(render_card_html(conversation_type), filename)


def render_report_html(context: dict[str, Any]) -> str:
    return render_to_string("conversations/pdf_report.html", context)


@login_required
@require_GET
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_print_reports)
    conversation = get_conversation_for(role, pk)
    permit(request, can_print_report, conversation)
    assert conversation.student is not None
    record_access(
        role=role,
        student=conversation.student,
        action=AuditAction.PRINT,
        subject=_("Gespreksverslag: %(type)s") % {"type": conversation.type.name},
    )
    html = render_report_html(report_of(conversation, role))
    day = timezone.localtime(conversation.scheduled_at).date().isoformat()
    return _pdf(html, f"gespreksverslag-{day}.pdf")


@login_required
@require_http_methods(["GET", "POST"])
def group_record(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_hold_conversation)
    conversation = get_conversation_for(role, pk)
    permit(request, can_record_group_conversation, conversation)
    if request.method == "POST":
        form = GroupRecordForm(request.POST)
        if form.is_valid():
            try:
                record_group_conversation(by=role, conversation=conversation, **form.cleaned_data)
            except ValidationError as error:
                show_domain_errors(form, error)
            else:
                messages.success(request, _("Het groepsgesprek is vastgelegd."))
                return redirect("conversations:detail", pk=conversation.pk)
    else:
        form = GroupRecordForm(
            initial={
                "topic": conversation.goal,
                "class_said": conversation.summary,
                "follow_up": conversation.next_topics,
            }
        )
    return render(request, "conversations/group_record.html", {"conversation": conversation, "form": form})
