"""Experiences, their evidence and reflections, and remarks on entries.

Views parse, authorise (lookups answer 404), call a domain verb and render. Staff and guardians who open an
experience or one of its files leave one audit row each time.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from koers.access.audit import record_access
from koers.access.gate import permit
from koers.access.models import AuditAction
from koers.common.uploads import is_first_request_for, serve_file
from koers.common.versions import EditConflict, version_of_instance
from koers.dossier.domain.experiences import (
    EXPERIENCE_FIELDS,
    add_evidence,
    delete_evidence,
    delete_experience,
    record_experience,
    update_experience,
)
from koers.dossier.domain.remarks import add_remark, mark_remarks_seen
from koers.dossier.forms.experiences import (
    EvidenceForm,
    ExperienceForm,
    RemarkForm,
)
from koers.dossier.models import Action, EvidenceKind, Experience, Remark
from koers.dossier.queries.experiences import (
    RemarkEntry,
    RemarkTarget,
    experience_detail,
    get_editable_evidence_for,
    get_editable_experience,
    get_evidence_for,
    get_remark_target,
    named_qualities,
    remark_thread,
)
from koers.dossier.rules import (
    can_answer_remark,
    can_keep_dossier,
    can_open_dossiers,
    can_remark,
    can_take_part_in_remarks,
)
from koers.lob.vocabulary import (
    Competence,
    competence_pictogram,
    feeling_pictogram,
    kind_pictogram,
)
from koers.schools.models import Role, Student
from koers.schools.queries import own_student


def _role(request: HttpRequest) -> Role | None:
    return getattr(request, "role", None)


def _back_url(request: HttpRequest, fallback: str) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=False
    ):
        return wanted
    return fallback


def _experience_url(experience: Experience, anchor: str = "") -> str:
    url = reverse("dossier:experience", args=[experience.pk])
    return f"{url}#{anchor}" if anchor else url


def _audit_subject(experience: Experience, file_kind: str = "") -> str:
    """How the access log names what was opened, in words the student and guardians understand."""
    if file_kind:
        return _("%(kind)s bij ervaring “%(title)s”") % {"kind": file_kind, "title": experience.title}
    return _("ervaring “%(title)s”") % {"title": experience.title}


# --- experiences ---


@login_required
@require_http_methods(["GET", "POST"])
def experience_new(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_keep_dossier)
    student = own_student(role)
    evidence_form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        form = ExperienceForm(request.POST)
        # Both forms are checked, so every problem is shown at once.
        if all([form.is_valid(), evidence_form.is_valid()]):
            try:
                experience = record_experience(
                    student=student,
                    by=role,
                    **{name: form.cleaned_data[name] for name in EXPERIENCE_FIELDS},
                    evidence=evidence_form.uploads(),
                    caption=evidence_form.cleaned_data.get("caption", ""),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Je ervaring is bewaard."))
                return redirect(_experience_url(experience))
    else:
        form = ExperienceForm(
            initial={
                "happened_on": timezone.localdate(),
                "shared_with_guardians": role.school.shares_by_default("experience"),
            }
        )
    return render(
        request,
        "dossier/experience_form.html",
        {
            "form": form,
            "evidence_form": evidence_form,
            "experience": None,
            "files_dropped": request.method == "POST" and bool(request.FILES),
        },
    )


@login_required
@require_http_methods(["GET"])
def experience_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_open_dossiers)
    detail = experience_detail(role, pk)
    experience = detail.experience
    if detail.editable:
        if any(not r.seen_by_student for r in detail.remarks):
            mark_remarks_seen(role=role, student=detail.student, experience=experience)
    else:
        record_access(role=role, student=detail.student, subject=_audit_subject(experience))
    done = detail.reflected_competences
    context: dict[str, Any] = {
        "detail": detail,
        "experience": experience,
        "kind_icon": kind_pictogram(experience.kind),
        "feeling_icon": feeling_pictogram(experience.feeling),
        "competences": [
            {
                "value": c.value,
                "label": c.label,
                "icon": competence_pictogram(c.value),
                "done": c.value in done,
            }
            for c in Competence
        ],
    }
    reflected = request.GET.get("gereflecteerd", "")
    if detail.editable and reflected in Competence.values:
        # Right after a reflection: the qualities it named, offered (never added) with one tap each.
        context["named_qualities"] = named_qualities(detail, reflected)
    if detail.full:
        context.update(
            remark_thread_context(
                request, student=detail.student, remarks=detail.remarks, experience=experience
            )
        )
        context["remark_next"] = _experience_url(experience, "opmerkingen")
    return render(request, "dossier/experience_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def experience_edit(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_keep_dossier)
    experience = get_editable_experience(role, pk)
    if request.method == "POST":
        form = ExperienceForm(request.POST)
        if form.is_valid():
            try:
                update_experience(
                    experience=experience,
                    by=role,
                    **{name: form.cleaned_data[name] for name in EXPERIENCE_FIELDS},
                    version=form.started_from,
                )
            except EditConflict as conflict:
                form.show_conflict(conflict)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Je wijzigingen zijn bewaard."))
                return redirect(_experience_url(experience))
    else:
        form = ExperienceForm(
            initial={name: getattr(experience, name) for name in EXPERIENCE_FIELDS},
            version=version_of_instance(experience, EXPERIENCE_FIELDS),
        )
    return render(
        request,
        "dossier/experience_form.html",
        {"form": form, "evidence_form": None, "experience": experience},
    )


@login_required
@require_http_methods(["GET", "POST"])
def experience_delete(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_keep_dossier)
    experience = get_editable_experience(role, pk)
    if request.method == "POST":
        delete_experience(experience=experience, by=role)
        messages.success(request, _("De ervaring is verwijderd."))
        return redirect("dossier:home")
    return render(request, "dossier/experience_confirm_delete.html", {"experience": experience})


# --- evidence ---


@login_required
@require_http_methods(["GET", "POST"])
def evidence_new(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_keep_dossier)
    experience = get_editable_experience(role, pk)
    form = EvidenceForm(request.POST or None, request.FILES or None, require_file=True)
    if request.method == "POST" and form.is_valid():
        try:
            add_evidence(
                experience=experience,
                by=role,
                uploads=form.uploads(),
                caption=form.cleaned_data.get("caption", ""),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Je bewijs is toegevoegd."))
            return redirect(_experience_url(experience, "bewijs"))
    return render(request, "dossier/experience_evidence_form.html", {"form": form, "experience": experience})


@login_required
@require_http_methods(["GET", "HEAD"])
def evidence_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    role = permit(request, can_open_dossiers)
    evidence = get_evidence_for(role, pk)
    experience = evidence.experience
    is_document = evidence.kind == EvidenceKind.DOCUMENT
    # Photos, video and sound play inside the experience page, whose view is already logged once; a document
    # leaves Koers as a download, so that is logged on its own.
    if is_document and is_first_request_for(request):
        record_access(
            role=role,
            student=experience.student,
            action=AuditAction.DOWNLOAD,
            subject=_audit_subject(experience, evidence.get_kind_display().lower()),
        )
    extension = evidence.file.name.rsplit(".", 1)[-1] if "." in evidence.file.name else "bin"
    if is_document and evidence.original_name.lower().endswith(f".{extension}"):
        filename = evidence.original_name
    else:
        filename = f"{evidence.get_kind_display().lower()}-{evidence.pk}.{extension}"
    try:
        return serve_file(
            request,
            evidence.file,
            content_type=evidence.content_type,
            filename=filename,
            attachment=is_document,
        )
    except FileNotFoundError as error:
        raise Http404 from error


@login_required
@require_http_methods(["GET", "POST"])
def evidence_delete(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_keep_dossier)
    evidence = get_editable_evidence_for(role, pk)
    experience = evidence.experience
    if request.method == "POST":
        delete_evidence(evidence=evidence, by=role)
        messages.success(request, _("Het bewijsstuk is verwijderd."))
        return redirect(_experience_url(experience, "bewijs"))
    return render(
        request, "dossier/experience_evidence_delete.html", {"evidence": evidence, "experience": experience}
    )


# --- remarks ---


def remark_url(*, experience: Experience | None = None, action: Action | None = None) -> str:
    """Where one thread's form posts: ``dossier:remark_new`` with ``?experience=<pk>`` or ``?action=<pk>``."""
    entry, pk = (RemarkEntry.EXPERIENCE, experience.pk) if experience else (RemarkEntry.ACTION, action.pk)  # type: ignore[union-attr]
    return f"{reverse('dossier:remark_new')}?{entry}={pk}"


def remark_thread_context(
    request: HttpRequest,
    *,
    student: Student,
    remarks: list[Remark],
    experience: Experience | None = None,
    action: Action | None = None,
    form: RemarkForm | None = None,
) -> dict[str, Any]:
    """What ``dossier/_remarks.html`` needs for the thread on one experience or action.

    Mentors and counsellors may always write; the student may answer once a thread has been started.
    Other pages that show a thread (actions) can call this with the remarks they read.
    """
    role = _role(request)
    as_answer = role is not None and can_answer_remark(role, student)
    may_start = role is not None and can_remark(role, student)
    entry_id = f"experience-{experience.pk}" if experience else f"action-{action.pk}"  # type: ignore[union-attr]
    return {
        "remarks": remarks,
        "remark_form": form or RemarkForm(as_answer=as_answer, auto_id=f"remark-{entry_id}-%s"),
        "remark_action_url": remark_url(experience=experience, action=action),
        "can_add_remark": may_start or (as_answer and bool(remarks)),
        "remark_is_answer": as_answer,
        "remark_next": request.POST.get("next", "") if request.method == "POST" else "",
    }


def _remark_target_from_query(request: HttpRequest, role: Role) -> RemarkTarget:
    for entry in (RemarkEntry.EXPERIENCE, RemarkEntry.ACTION):
        value = request.GET.get(entry, "")
        if value.isdigit():
            return get_remark_target(role, entry, int(value))
    raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def remark_new(request: HttpRequest) -> HttpResponse:
    """Post a remark on ``?experience=<pk>`` or ``?action=<pk>``; htmx gets the thread back."""
    role = permit(request, can_take_part_in_remarks)
    target = _remark_target_from_query(request, role)
    remarks = remark_thread(experience=target.experience, action=target.action)
    context = remark_thread_context(
        request, student=target.student, remarks=remarks, experience=target.experience, action=target.action
    )
    fallback = (
        _experience_url(target.experience, "opmerkingen")
        if target.experience
        else reverse("dossier:action", args=[target.action.pk])  # type: ignore[union-attr]
    )
    if request.method != "POST":
        # Someone else reading the thread reads the student's dossier (the student's own use is not logged).
        record_access(role=role, student=target.student, subject=_("vragen en opmerkingen"))
    if request.method == "POST":
        form = RemarkForm(
            request.POST, as_answer=context["remark_is_answer"], auto_id=context["remark_form"].auto_id
        )
        valid = form.is_valid()
        if valid and not context["can_add_remark"]:
            # Only the student gets here (others are 404 above): there is no question to answer yet.
            form.add_error(
                None, _("Je kunt hier reageren zodra je mentor een vraag of opmerking heeft geplaatst.")
            )
        elif valid:
            try:
                add_remark(
                    role=role,
                    student=target.student,
                    experience=target.experience,
                    action=target.action,
                    text=form.cleaned_data["text"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if getattr(request, "htmx", False):
                    remarks = remark_thread(experience=target.experience, action=target.action)
                    context = remark_thread_context(
                        request,
                        student=target.student,
                        remarks=remarks,
                        experience=target.experience,
                        action=target.action,
                    )
                    return render(request, "dossier/_remarks.html", context)
                messages.success(request, _("Je bericht is geplaatst."))
                return redirect(_back_url(request, fallback))
        context["remark_form"] = form
        if getattr(request, "htmx", False):
            return render(request, "dossier/_remarks.html", context)
    context.update({"target": target, "back_url": _back_url(request, fallback)})
    return render(request, "dossier/experience_remark.html", context)
