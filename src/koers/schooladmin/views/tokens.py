"""Import keys: the admin's page (create a key that is shown once, see when each was last used, revoke),
and the upload endpoint the school's export script posts its file to with ``Authorization: Bearer KEY``.

The endpoint answers JSON: 200 with the preview (and ``applied``), 400 for a file it cannot read, 409 when an
apply would cross a safety threshold (the admin confirms that on the screen), 401 for an unknown or revoked
key, 413 for a file over 10 MB, 429 over the upload limit. See ``docs/import.md``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from koers.access.gate import permit
from koers.common.htmx import render_page
from koers.common.public_url import public_url
from koers.common.ratelimit import client_address
from koers.common.views import GET_POST, show_domain_errors
from koers.schooladmin.forms.importing import MAX_IMPORT_BYTES, ImportTokenForm
from koers.schooladmin.importing import tokens
from koers.schooladmin.importing.presets import MANUAL, PRESETS
from koers.schooladmin.importing.queries import get_import_token_for, import_tokens
from koers.schooladmin.rules import can_import
from koers.schools.models import ImportRun

YES = {"1", "true", "ja", "yes", "on"}


@login_required
@never_cache  # the answer to a POST holds the new key, shown once
@GET_POST
def token_list(request: HttpRequest) -> HttpResponse:
    role = permit(request, can_import)
    form = ImportTokenForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                token, key = tokens.create_import_token(
                    by=role, name=form.cleaned_data["name"], preset=form.cleaned_data["preset"]
                )
            except ValidationError as error:
                show_domain_errors(form, error)
            else:
                context |= {"new_token": token, "new_key": key}
                form = ImportTokenForm()
        if form.errors:
            status = 400
    context |= {
        "form": form,
        "tokens": import_tokens(role),
        "upload_url": public_url(reverse("schooladmin:import_upload")),
    }
    return render_page(request, "schooladmin/importing/tokens.html", context, status=status)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    role = permit(request, can_import)
    token = tokens.revoke_import_token(token=get_import_token_for(role, pk), by=role)
    messages.success(
        request,
        _("De sleutel '%(name)s' is ingetrokken; uploads ermee worden geweigerd.") % {"name": token.name},
    )
    return redirect("schooladmin:import_tokens")


def _error(status: int, message: str, **headers: str) -> JsonResponse:
    response = JsonResponse({"error": message}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


def _answer(run: ImportRun) -> JsonResponse:
    summary = run.summary or {}
    # A refusal is a threshold crossed (409: confirm on the screen) or a file Koers cannot use (400).
    refused_status = 409 if summary.get("confirm") else 400
    status = refused_status if run.refused and run.applied_at is None else 200
    return JsonResponse(
        {
            "run": run.pk,
            "applied": run.applied_at is not None,
            "refused": run.refused,
            "counts": summary.get("counts", {}),
            "unchanged": summary.get("unchanged", 0),
            "confirm": summary.get("confirm", 0),
            "problems": summary.get("problems", []),
            "warnings": summary.get("warnings", []),
            "ignored_columns": summary.get("ignored_columns", []),
        },
        status=status,
    )


def _bearer_key(request: HttpRequest) -> str:
    scheme, _sep, key = request.headers.get("Authorization", "").partition(" ")
    return key.strip() if scheme.lower() == "bearer" else ""


# A script has no session and no CSRF cookie: it proves itself with its key in the Authorization header, which
# a browser never adds to a cross-site request, so CSRF cannot reach this view. Only this view is exempt.
@csrf_exempt
@never_cache
@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    try:
        token = tokens.token_for_key(_bearer_key(request), address=client_address(request))
    except tokens.TooManyUploads:
        return _too_many(tokens.WRONG_KEYS.window.total_seconds())
    if token is None:
        return _error(
            401, _("Onbekende of ingetrokken importsleutel."), **{"WWW-Authenticate": 'Bearer realm="koers"'}
        )
    too_big = _("Dit bestand is groter dan 10 MB. Is het wel een export van leerlingen?")
    length = request.META.get("CONTENT_LENGTH") or "0"
    if length.isdigit() and int(length) > MAX_IMPORT_BYTES + 64 * 1024:  # room for the multipart framing
        return _error(413, too_big)
    if request.content_type == "multipart/form-data":
        file = request.FILES.get("file")
        if file is None:
            return _error(
                400, _("Stuur het bestand in het veld 'file', of als de hele inhoud van het verzoek.")
            )
        if (file.size or 0) > MAX_IMPORT_BYTES:
            return _error(413, too_big)
        filename, data = file.name or "", file.read()
        params = {**request.GET.dict(), **request.POST.dict()}
    else:
        # The raw body (never through request.POST, which would parse a CSV sent as a form).
        data = request.read(MAX_IMPORT_BYTES + 1)
        if len(data) > MAX_IMPORT_BYTES:
            return _error(413, too_big)
        filename, params = request.GET.get("filename", ""), request.GET.dict()
    preset = params.get("preset") or token.preset
    if preset not in PRESETS and preset != MANUAL:
        return _error(400, _("Onbekende soort export '%(preset)s'.") % {"preset": preset[:40]})
    try:
        run = tokens.upload_with_token(
            token=token,
            filename=filename,
            data=data,
            preset=preset,
            apply=params.get("apply", "").strip().lower() in YES,
        )
    except tokens.TooManyUploads:
        return _too_many(tokens.UPLOADS.window.total_seconds())
    return _answer(run)


def _too_many(seconds: float) -> JsonResponse:
    return _error(
        429,
        _("Te veel verzoeken. Probeer het over %(minutes)s minuten opnieuw.")
        % {"minutes": int(seconds // 60)},
        **{"Retry-After": str(int(seconds))},
    )
