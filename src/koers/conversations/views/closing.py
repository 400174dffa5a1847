"""Closing a conversation with agreements, the mentor's "what worked" note and the student's evaluation.

Views parse, authorise (``get_conversation_for`` answers 404 for anything the role may not see), call
``conversations.domain.closing`` and render.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.access.audit import record_access
from koers.access.gate import permit
from koers.common.versions import EditConflict, version_of_instance
from koers.common.views import GET_POST, show_domain_errors
from koers.conversations.domain import closing as domain
from koers.conversations.forms.closing import (
    BaseAgreementFormSet,
    CloseForm,
    EvaluationForm,
    ReflectionForm,
    RevisitForm,
    agreement_formset,
    agreements_with_extra_row,
    empty_agreements,
)
from koers.conversations.models import Conversation, ConversationStatus, Party
from koers.conversations.queries.closing import agreements_of, open_agreements_before, previous_conversation
from koers.conversations.queries.lookups import get_conversation_for, get_held_conversation_for
from koers.conversations.rules import can_evaluate, can_hold_conversation, can_open_conversations
from koers.schools.models import Role


def _split_errors(form: BaseForm, error: ValidationError) -> list[str]:
    """Messages about agreements go next to the agreements; the rest onto the form they are about."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return []
    by_field = error.message_dict
    at_agreements = [*by_field.pop("agreements", []), *by_field.pop("revisits", [])]
    for name, texts in by_field.items():
        form.add_error(name if name in form.fields else None, texts)
    if at_agreements and not form.errors:
        form.add_error(None, _("Niet alles is goed ingevuld. Kijk bij de afspraken."))
    return at_agreements


# --- closing ----------------------------------------------------------------------------------------------


def _record_read(role: Role, conversation: Conversation) -> None:
    if conversation.student is not None:
        record_access(
            role=role,
            student=conversation.student,
            subject=_("gesprek “%(type)s” afronden") % {"type": conversation.type.name},
        )


@login_required
@GET_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_hold_conversation)
    conversation = get_held_conversation_for(role, pk)
    if conversation.status == ConversationStatus.CLOSED and request.method != "POST":
        # A POST on a conversation closed meanwhile (by someone else) is refused by the verb with the typed
        # form shown again, so nothing the second person wrote vanishes.
        return redirect("conversations:reflect", pk=conversation.pk)
    if conversation.status == ConversationStatus.CANCELLED:
        return render(request, "conversations/close_cancelled.html", {"conversation": conversation})
    needs_student_agreement = conversation.student_id is not None
    made_during = agreements_of(conversation) if needs_student_agreement else []
    agreed_already = any(a.party == Party.STUDENT for a in made_during)
    early = timezone.localdate(conversation.scheduled_at) > timezone.localdate()
    earlier = open_agreements_before(conversation)
    agreement_errors: list[str] = []

    if request.method != "POST":
        _record_read(role, conversation)  # the page shows the student's earlier agreements
        form = CloseForm(
            initial={"shared_with_guardians": request.school.shares_by_default("action")},  # type: ignore[attr-defined]
            early=early,
        )
        agreements: BaseAgreementFormSet = empty_agreements(needs_student_agreement, agreed_already)
        revisit_form = RevisitForm(agreements=earlier)
    elif "add_row" in request.POST:
        # Nothing on the plain form can be wrong, so it is shown again as typed, without messages.
        form = CloseForm(request.POST, early=early)
        agreements = agreements_with_extra_row(request.POST, needs_student_agreement, agreed_already)
        revisit_form = RevisitForm(request.POST, agreements=earlier)
    else:
        form = CloseForm(request.POST, early=early)
        agreements = agreement_formset(
            request.POST, needs_student_agreement=needs_student_agreement, agreed_already=agreed_already
        )
        revisit_form = RevisitForm(request.POST, agreements=earlier)
        # Every part is validated, so every message shows at once.
        valid = [form.is_valid(), agreements.is_valid(), revisit_form.is_valid()]
        if all(valid):
            try:
                domain.close_conversation(
                    by=role,
                    conversation=conversation,
                    agreements=agreements.agreements(),
                    summary=form.cleaned_data["summary"],
                    next_topics=form.cleaned_data["next_topics"],
                    shared_with_guardians=form.cleaned_data["shared_with_guardians"],
                    mentor_reflection=form.cleaned_data["mentor_reflection"],
                    revisits=revisit_form.revisits(),
                )
            except ValidationError as error:
                agreement_errors = _split_errors(form, error)
            else:
                messages.success(request, _("Het gesprek is afgerond. De afspraken staan in het dossier."))
                return redirect("conversations:reflect", pk=conversation.pk)
        elif not form.errors:
            form.add_error(None, _("Niet alles is goed ingevuld. Kijk bij de afspraken."))

    context: dict[str, Any] = {
        "conversation": conversation,
        "form": form,
        "agreements": agreements,
        "agreement_errors": agreement_errors,
        "revisit_form": revisit_form,
        "made_during": made_during,
        "early": early,
        "previous": previous_conversation(conversation) if earlier else None,
    }
    return render(request, "conversations/close_form.html", context)


@login_required
@GET_POST
def reflect(request: HttpRequest, pk: int) -> HttpResponse:
    """After closing: the agreements, the student's evaluation and the mentor's "what worked" note."""
    role = permit(request, can_hold_conversation)
    conversation = get_held_conversation_for(role, pk)
    if conversation.status == ConversationStatus.PLANNED:
        return redirect("conversations:close", pk=conversation.pk)
    if request.method == "POST":
        form = ReflectionForm(request.POST)
        if form.is_valid():
            try:
                domain.record_mentor_reflection(
                    by=role,
                    conversation=conversation,
                    text=form.cleaned_data["mentor_reflection"],
                    version=form.started_from,
                )
            except EditConflict as conflict:
                form.show_conflict(conflict)
            else:
                messages.success(request, _("Je notitie is bewaard."))
                return redirect("conversations:reflect", pk=conversation.pk)
    else:
        _record_read(role, conversation)  # the agreements and the student's evaluation
        form = ReflectionForm(
            initial={"mentor_reflection": conversation.mentor_reflection},
            version=version_of_instance(conversation, domain.MENTOR_REFLECTION_FIELDS),
        )
    return render(
        request,
        "conversations/close_reflect.html",
        {
            "conversation": conversation,
            "form": form,
            "agreements": agreements_of(conversation),
            "evaluated": conversation.evaluation_useful is not None,
        },
    )


# --- the student's evaluation ------------------------------------------------------------------------------


@login_required
@GET_POST
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_open_conversations)
    conversation = get_conversation_for(role, pk)
    permit(request, can_evaluate, conversation)
    is_open = domain.evaluation_is_open(conversation)
    already = conversation.evaluation_useful is not None
    if request.method == "POST" and is_open:
        form = EvaluationForm(request.POST)
        if form.is_valid():
            try:
                domain.record_evaluation(
                    by=role,
                    conversation=conversation,
                    useful=form.cleaned_data["useful"],
                    room=form.cleaned_data["room"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                show_domain_errors(form, error)
            else:
                messages.success(request, _("Dank je wel! Je mentor ziet wat je ervan vond."))
                return redirect("conversations:evaluate", pk=conversation.pk)
    else:
        form = EvaluationForm(
            initial={
                "useful": conversation.evaluation_useful,
                "room": conversation.evaluation_room,
                "comment": conversation.evaluation_comment,
            }
            if already
            else None
        )
    return render(
        request,
        "conversations/evaluate_form.html",
        {"conversation": conversation, "form": form, "is_open": is_open, "already": already},
    )
