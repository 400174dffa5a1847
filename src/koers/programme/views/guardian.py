"""A guardian's own answer to a home assignment given to their child, and its voice note, which the child and
the staff following the assignment play too."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from koers.access.audit import record_access
from koers.access.gate import permit
from koers.access.models import AuditAction
from koers.access.rules import is_follower
from koers.common.uploads import is_first_request_for, serve_file
from koers.common.versions import version_of_instance
from koers.common.views import GET_POST, show_domain_errors
from koers.programme.domain.guardian_answers import GUARDIAN_ANSWER_FIELDS, save_guardian_answer
from koers.programme.forms.guardian import GuardianAnswerForm
from koers.programme.queries.assignments import get_guardian_answer_for
from koers.programme.queries.guardian import get_home_assignment_for, own_child
from koers.programme.rules import can_answer_at_home, can_open_guardian_answers


@login_required
@GET_POST
def answer(request: HttpRequest, student_pk: int, pk: int) -> HttpResponse:
    role = permit(request, can_answer_at_home)
    child = own_child(role, student_pk)
    given = get_home_assignment_for(role, child.student, pk)
    mine = given.my_answers[0] if given.my_answers else None  # type: ignore[attr-defined]
    has_voice = bool(mine and mine.voice)
    initial = {
        "text": mine.text if mine else "",
        "language": mine.language if mine else (translation.get_language() or "nl"),
    }
    posted = request.method == "POST"
    form = GuardianAnswerForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial=initial,
        has_voice=has_voice,
        version=version_of_instance(mine, GUARDIAN_ANSWER_FIELDS) if mine else "",
    )
    files_dropped = False
    if posted:
        if form.is_valid():
            data = form.cleaned_data
            try:
                save_guardian_answer(
                    role=role,
                    student=child.student,
                    given_pk=given.pk,
                    text=data["text"],
                    voice=data["voice"],
                    remove_voice=data.get("remove_voice", False),
                    language=data["language"],
                    version=form.started_from,
                )
            except ValidationError as error:
                show_domain_errors(form, error)
            else:
                messages.success(request, _("Je antwoord is bewaard. Dank je wel!"))
                return redirect(reverse("home:guardian") + f"?child={child.student_id}")
        files_dropped = bool(request.FILES)
    return render(
        request,
        "programme/guardian/answer.html",
        {
            "child": child,
            "given": given,
            "assignment": given.assignment,
            "answer": mine,
            "form": form,
            "files_dropped": files_dropped,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def answer_voice(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The voice note of a guardian's answer: for that guardian, the child, and the child's mentor or
    counsellor following the assignment (``get_guardian_answer_for``); staff playing it is logged."""
    role = permit(request, can_open_guardian_answers)
    found = get_guardian_answer_for(role, pk)
    if not found.voice:
        raise Http404
    if is_follower(role) and is_first_request_for(request):
        record_access(
            role=role,
            student=found.student,
            action=AuditAction.DOWNLOAD,
            subject=_("spraakbericht van ouder/verzorger bij opdracht “%(title)s”")
            % {"title": found.given.assignment.title},
        )
    return serve_file(
        request,
        found.voice,
        content_type=found.voice_content_type,
        filename="spraakbericht",
        attachment=False,
    )
