"""Guide mode of a conversation: the mentor opens the student's choices, revises and confirms them with the
student, and turns an open point into an agreement of the conversation. Conversations sits below choices, so
its guide page loads this panel by URL (htmx, as careers does), and never imports choices."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from koers.access.audit import record_access
from koers.access.gate import permit
from koers.choices.domain.agreeing import agree_on_open_point
from koers.choices.forms.staff import OpenPointForm
from koers.choices.queries import moments as queries
from koers.choices.rules import can_follow_choices
from koers.conversations.models import ConversationStatus
from koers.conversations.queries.lookups import get_held_conversation_for


@login_required
@require_GET
def guide(request: HttpRequest, conversation_pk: int) -> HttpResponse:
    role = permit(request, can_follow_choices)
    conversation = get_held_conversation_for(role, conversation_pk)
    if conversation.student is None:
        raise Http404
    record_access(role=role, student=conversation.student, subject="choices")
    lines = queries.student_choices(conversation.student)
    planned = conversation.status == ConversationStatus.PLANNED
    context = {
        "conversation": conversation,
        "pupil": conversation.student,
        "lines": [
            (
                line,
                OpenPointForm(
                    initial={"what": line.choice.still_to_find_out[:200]}, prefix=f"c{line.choice.pk}"
                )
                if planned and line.choice and line.choice.still_to_find_out
                else None,
                queries.may_still_confirm(role, line),
            )
            for line in lines
        ],
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "choices/staff/guide.html#panel", context)
    return render(request, "choices/staff/guide.html", context)


@login_required
@require_POST
def agree(request: HttpRequest, conversation_pk: int, pk: int) -> HttpResponse:
    role = permit(request, can_follow_choices)
    conversation = get_held_conversation_for(role, conversation_pk)
    choice = queries.get_choice_for(role, pk)
    form = OpenPointForm(request.POST, prefix=f"c{choice.pk}")
    if form.is_valid():
        try:
            agree_on_open_point(by=role, choice=choice, conversation=conversation, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("De afspraak is vastgelegd bij dit gesprek."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(reverse("conversations:guide", args=[conversation.pk]) + "#choices")
