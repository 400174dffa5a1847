"""Preparing and holding a conversation: the hub, preparation, guide mode, autosaved notes, tags, chair mode.

Every lookup goes through ``get_conversation_for`` (404 for anything the role may not see); views parse,
authorise, call a domain verb and render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from koers.access.audit import record_access
from koers.access.gate import permit
from koers.access.models import AuditAction
from koers.common.htmx import render_page
from koers.common.uploads import is_first_request_for, serve_file
from koers.common.versions import EditConflict, version_of_instance
from koers.common.views import show_domain_errors
from koers.conversations.domain.holding import (
    MENTOR_GOAL_FIELDS,
    remove_tag,
    save_mentor_goal,
    save_phase_note,
    save_private_note,
    tag_in_conversation,
)
from koers.conversations.domain.preparation import preparation_version, save_preparation
from koers.conversations.forms.holding import (
    GuardianPreparationForm,
    MentorGoalForm,
    PhaseNoteForm,
    PrivateNoteForm,
    StudentPreparationForm,
    TagForm,
)
from koers.conversations.models import Conversation, ConversationStatus
from koers.conversations.queries.holding import (
    chair_phases,
    guide_mode_for,
    hub_for,
    note_version,
    reminders_of,
    tags_of,
)
from koers.conversations.queries.lookups import (
    get_conversation_for,
    get_held_conversation_for,
    get_preparation_voice_for,
    get_tag_for,
    own_preparation,
)
from koers.conversations.rules import (
    can_hold_conversation,
    can_open_conversations,
    can_prepare,
    can_print_report,
    can_take_the_chair,
    is_participant_student,
)
from koers.schools.models import Role


def _audit(role: Role, conversation: Conversation, subject: str) -> None:
    if conversation.student is not None and can_hold_conversation(role, conversation):
        record_access(role=role, student=conversation.student, subject=subject)


# --- the hub ---


def _hub_page(
    request: HttpRequest,
    role: Role,
    conversation: Conversation,
    goal_form: MentorGoalForm | None = None,
) -> HttpResponse:
    pk = conversation.pk
    hub = hub_for(role, conversation)
    # A guardian who sees the shared summary and agreements reads the dossier too.
    if conversation.student is not None and (hub.is_holder or (hub.is_guardian and hub.show_summary)):
        record_access(
            role=role,
            student=conversation.student,
            subject=_("gesprek “%(type)s”") % {"type": conversation.type.name},
        )
    if hub.is_holder and goal_form is None:
        goal_form = MentorGoalForm(
            initial={"mentor_goal": conversation.mentor_goal},
            version=version_of_instance(conversation, MENTOR_GOAL_FIELDS),
        )
    context = {
        "hub": hub,
        "conversation": conversation,
        "goal_form": goal_form if hub.is_holder else None,
        "close_url": reverse("conversations:close", args=[pk]) if hub.is_holder else "",
        "report_url": reverse("conversations:report_pdf", args=[pk])
        if can_print_report(role, conversation)
        else "",
        "evaluate_url": reverse("conversations:evaluate", args=[pk]) if hub.is_student else "",
    }
    status = 400 if goal_form is not None and goal_form.errors else 200
    return render_page(request, "conversations/detail.html", context, status=status)


@login_required
@require_http_methods(["GET"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_open_conversations)
    conversation = get_conversation_for(role, pk)
    return _hub_page(request, role, conversation)


@login_required
@require_POST
def mentor_goal(request: HttpRequest, pk: int) -> HttpResponse:
    """The holder's own goal for the conversation, written in the preparation view (staff only)."""
    role = permit(request, can_hold_conversation)
    conversation = get_held_conversation_for(role, pk)
    form = MentorGoalForm(request.POST)
    if form.is_valid():
        try:
            save_mentor_goal(
                by=role,
                conversation=conversation,
                text=form.cleaned_data["mentor_goal"],
                version=form.started_from,
            )
        except ValidationError as error:  # a goal changed meanwhile: both texts, the next save on purpose
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Je doel voor dit gesprek is bewaard."))
            return redirect(reverse("conversations:detail", args=[pk]) + "#mentor-goal")
    return _hub_page(request, role, conversation, goal_form=form)


# --- preparation ---


@login_required
@require_http_methods(["GET", "POST"])
def prepare(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_open_conversations)
    conversation = get_conversation_for(role, pk)
    permit(request, can_prepare, conversation)
    if conversation.status != ConversationStatus.PLANNED:
        messages.info(request, _("Dit gesprek is al afgerond; voorbereiden kan niet meer."))
        return redirect("conversations:detail", pk=pk)
    existing = own_preparation(role, conversation)
    is_student = is_participant_student(role, conversation)
    initial = (
        {
            "talk_about": existing.talk_about,
            "hope_to_get": existing.hope_to_get,
            "experience": existing.experience_id,
        }
        if existing
        else {}
    )
    data = request.POST if request.method == "POST" else None
    form: StudentPreparationForm | GuardianPreparationForm
    if is_student:
        assert conversation.student is not None
        form = StudentPreparationForm(
            data,
            request.FILES or None,
            initial=initial,
            student=conversation.student,
            version=preparation_version(existing),
        )
    else:
        form = GuardianPreparationForm(data, initial=initial, version=preparation_version(existing))
    if request.method == "POST" and form.is_valid():
        try:
            save_preparation(
                by=role,
                conversation=conversation,
                talk_about=form.cleaned_data.get("talk_about", ""),
                hope_to_get=form.cleaned_data.get("hope_to_get", ""),
                experience=form.cleaned_data.get("experience"),
                voice=form.cleaned_data.get("voice"),
                remove_voice=bool(form.cleaned_data.get("remove_voice")),
                version=form.started_from,
            )
        except ValidationError as error:
            show_domain_errors(form, error)
        else:
            messages.success(request, _("Je voorbereiding is bewaard."))
            return redirect("conversations:detail", pk=pk)
    context = {
        "conversation": conversation,
        "form": form,
        "is_student": is_student,
        "preparation": existing,
        "files_dropped": request.method == "POST" and bool(request.FILES) and not form.is_valid(),
    }
    return render_page(
        request, "conversations/prepare_form.html", context, status=400 if form.errors else 200
    )


@login_required
@require_http_methods(["GET"])
def preparation_voice(request: HttpRequest, pk: int) -> HttpResponseBase:
    role = permit(request, can_open_conversations)
    preparation = get_preparation_voice_for(role, pk)
    conversation = preparation.conversation
    if is_first_request_for(request) and conversation.student is not None:
        record_access(
            role=role,
            student=conversation.student,
            action=AuditAction.DOWNLOAD,
            subject=_("spraakbericht bij voorbereiding gesprek"),
        )
    return serve_file(
        request,
        preparation.voice,
        content_type=preparation.voice_content_type or "application/octet-stream",
        filename=f"voorbereiding-{preparation.pk}.{preparation.voice.name.rsplit('.', 1)[-1]}",
        attachment=False,
    )


# --- guide mode ---


@login_required
@require_http_methods(["GET"])
def guide(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_hold_conversation)
    conversation = get_held_conversation_for(role, pk)
    _audit(role, conversation, _("gespreksleidraad “%(type)s”") % {"type": conversation.type.name})
    context = {
        "conversation": conversation,
        "mode": guide_mode_for(role, conversation),
        "note_form": PrivateNoteForm(),
        "close_url": reverse("conversations:close", args=[pk]),
    }
    return render_page(request, "conversations/hold_guide.html", context)


def _saved_at() -> str:
    return time_format(timezone.localtime(), "H:i")


@login_required
@require_POST
def autosave(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_hold_conversation)
    conversation = get_held_conversation_for(role, pk)
    form = PhaseNoteForm(request.POST)
    if not form.is_valid():
        return HttpResponse(
            format_html('<span class="save-status error">{}</span>', _("Niet bewaard: onbekende fase.")),
            status=400,
        )
    phase = form.cleaned_data["phase"]
    try:
        saved = save_phase_note(
            by=role,
            conversation=conversation,
            phase=phase,
            text=form.cleaned_data["text"],
            version=form.cleaned_data["version"] or None,
        )
    except EditConflict as conflict:
        # Nothing is overwritten: the editor keeps their own text and sees the other one beside it; the
        # next save (their choice, merged or not) goes against the version they have now seen.
        return HttpResponse(
            format_html(
                '<span class="save-status error">{}</span><span class="note-theirs">{}</span>{}',
                _(
                    "Niet bewaard: iemand anders heeft deze aantekening intussen veranderd. Hun tekst staat "
                    "hieronder; jouw tekst staat nog in het vak. Neem over wat je wilt houden: de volgende "
                    "keer bewaren gaat dan door."
                ),
                _theirs_text(conflict),
                _version_input(phase, conflict.version),
            ),
            status=409,
        )
    except ValidationError as error:
        return HttpResponse(
            format_html('<span class="save-status error">{}</span>', " ".join(error.messages)), status=400
        )
    if not getattr(request, "htmx", False):
        return redirect(reverse("conversations:guide", args=[pk]) + f"#phase-{phase}")
    return HttpResponse(
        format_html(
            '<span class="save-status">{}</span>{}',
            _("Bewaard om %(time)s") % {"time": _saved_at()},
            _version_input(phase, note_version(saved.text)),
        )
    )


def _version_input(phase: str, version: str) -> str:
    """The editor's version, swapped in out of band after every answer, so its next save is checked
    against what it saved or was shown last."""
    return format_html(
        '<input type="hidden" id="version-{}" name="version" value="{}" hx-swap-oob="true">', phase, version
    )


@login_required
@require_POST
def private_note(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_hold_conversation)
    conversation = get_held_conversation_for(role, pk)
    form = PrivateNoteForm(request.POST)
    if form.is_valid():
        try:
            save_private_note(
                by=role,
                conversation=conversation,
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"] or None,
            )
        except EditConflict as conflict:
            return _private_conflict(request, pk, conflict)
        except ValidationError as error:
            show_domain_errors(form, error)
    if not getattr(request, "htmx", False):
        if form.errors:
            messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect(reverse("conversations:guide", args=[pk]) + "#private-note")
    if form.errors:
        return HttpResponse(
            format_html('<span class="save-status error">{}</span>', form.errors.get("text", [""])[0]),
            status=400,
        )
    return HttpResponse(
        format_html(
            '<span class="save-status">{}</span>{}',
            _("Bewaard om %(time)s") % {"time": _saved_at()},
            _private_version_input(note_version(form.cleaned_data["text"])),
        )
    )


def _private_version_input(version: str) -> str:
    return format_html(
        '<input type="hidden" id="private-version" name="version" value="{}" hx-swap-oob="true">', version
    )


def _theirs_text(conflict: EditConflict) -> str:
    """The stored text of a note the editor's save conflicted with (empty: removed meanwhile)."""
    return str((conflict.theirs or {}).get("text") or "")


def _private_conflict(request: HttpRequest, pk: int, conflict: EditConflict) -> HttpResponse:
    """The note changed in another tab or on another device: nothing is overwritten; the editor keeps
    their text, sees the stored one, and their next save goes against the version they have now seen."""
    message = _(
        "Niet bewaard: deze notitie is intussen in een ander venster of op een ander apparaat veranderd. "
        "Die tekst staat hieronder; jouw tekst staat nog in het vak. Neem over wat je wilt houden: de "
        "volgende keer bewaren gaat dan door."
    )
    if not getattr(request, "htmx", False):  # without JavaScript: the page again, with both texts
        messages.error(request, message)
        role = permit(request, can_hold_conversation)
        conversation = get_held_conversation_for(role, pk)
        mode = guide_mode_for(role, conversation)
        mode.private_note = request.POST.get("text", "")
        mode.private_version, mode.private_theirs = conflict.version, _theirs_text(conflict)
        context = {"conversation": conversation, "mode": mode, "note_form": PrivateNoteForm()}
        context["close_url"] = reverse("conversations:close", args=[pk])
        return render_page(request, "conversations/hold_guide.html", context)
    return HttpResponse(
        format_html(
            '<span class="save-status error">{}</span><span class="note-theirs">{}</span>{}',
            message,
            _theirs_text(conflict),
            _private_version_input(conflict.version),
        ),
        status=409,
    )


def _tags_response(request: HttpRequest, conversation: Conversation, error: str = "") -> HttpResponse:
    if not getattr(request, "htmx", False):
        if error:
            messages.error(request, error)
        return redirect(reverse("conversations:guide", args=[conversation.pk]) + "#tags")
    context = {"conversation": conversation, "tags": tags_of(conversation), "tag_error": error}
    return render_page(request, "conversations/_phase_tags.html", context, status=400 if error else 200)


@login_required
@require_POST
def tag(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_hold_conversation)
    conversation = get_held_conversation_for(role, pk)
    form = TagForm(request.POST)
    error = ""
    if not form.is_valid():
        error = _("Kies een tegel of schrijf een beroep op.")
    else:
        try:
            tag_in_conversation(
                by=role,
                conversation=conversation,
                kind=form.cleaned_data["kind"],
                trait=form.cleaned_data["trait"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return _tags_response(request, conversation, error)


@login_required
@require_POST
def tag_delete(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_hold_conversation)
    found = get_tag_for(role, pk)
    conversation = found.conversation
    remove_tag(by=role, tag=found)
    return _tags_response(request, conversation)


# --- student-chair mode ---


@login_required
@require_http_methods(["GET"])
def chair(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_open_conversations)
    conversation = get_conversation_for(role, pk)
    permit(request, can_take_the_chair, conversation)
    _audit(role, conversation, _("gesprek “%(type)s” (leerling leidt)") % {"type": conversation.type.name})
    own = own_preparation(role, conversation)
    context = {
        "conversation": conversation,
        "phases": chair_phases(conversation),
        "preparation": own,
        "reminders": reminders_of(conversation) if can_hold_conversation(role, conversation) else [],
    }
    return render_page(request, "conversations/hold_chair.html", context)
