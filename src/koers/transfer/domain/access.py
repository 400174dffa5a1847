"""Requests for access (inzage) and a copy: everything Koers holds about a student, as a ZIP."""

from __future__ import annotations

import json
import tempfile
import zipfile
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.access.audit import record_access
from koers.access.gate import require
from koers.access.models import AuditAction
from koers.schools.models import Role, Student
from koers.transfer.models import AccessRequest, AccessRequestKind, access_request_due
from koers.transfer.register import REGISTER, Entry, rows_of
from koers.transfer.rules import can_handle_access_requests, can_request_data_of

FILES_FOLDER = "bestanden"
# What a copy leaves out is decided per model and field by the register (``Entry.copy``): secrets (password
# hash, second-factor key, card, code and session hashes) never, staff's own notes and other adults' texts
# not in a family copy.


def request_access(*, by: Role, student: Student, kind: str) -> AccessRequest:
    require(by, can_request_data_of, student)
    if kind not in AccessRequestKind.values:
        raise ValidationError({"kind": _("Kies inzage of een kopie.")})
    today = timezone.localdate()
    with transaction.atomic():
        return AccessRequest.objects.create(
            school_id=student.school_id,
            student=student,
            requested_by_id=by.user_id,
            requested_as=by.kind,
            kind=kind,
            requested_on=today,
            due_on=access_request_due(today),
        )


def mark_handled(*, by: Role, request: AccessRequest) -> AccessRequest:
    require(by, can_handle_access_requests, request)
    if request.fulfilled_at is not None:
        return request
    with transaction.atomic():
        request.fulfilled_at = timezone.now()
        request.save(update_fields=["fulfilled_at"])
    return request


def _row(entry: Entry, row: models.Model) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for field in entry.copied_fields():
        value = field.value_from_object(row)
        if isinstance(field, models.FileField):
            value = f"{FILES_FOLDER}/{value}" if value else ""
        data[field.attname] = value
    return data


def everything_about(student: Student, *, requester_id: int) -> tuple[dict[str, Any], list[Any]]:
    """data.json's content and the stored files for the copy ``requester_id`` (the student or a guardian)
    asked for, from the register (one query per register entry)."""
    parts = []
    files: list[Any] = []
    for entry, rows in rows_of(student):
        found = [row for row in rows if entry.goes_to(row, student=student, requester_id=requester_id)]
        for row in found:
            files.extend(getattr(row, name) for name in entry.files if getattr(row, name))
        parts.append(
            {
                "model": entry.label,
                "name": str(entry.model._meta.verbose_name_plural),
                "purpose": entry.purpose,
                "who_sees": entry.who_sees,
                "kept": entry.kept,
                "rows": [_row(entry, row) for row in found],
            }
        )
    document = {
        "format": "koers-access",
        "version": 1,
        "created_at": timezone.now(),
        "student": {"id": student.pk, "name": student.name, "school": student.school.name},
        "data": parts,
        "not_about_one_student": [e.label for e in REGISTER if e.student_path is None],
    }
    return document, files


README = gettext_lazy("""Wat staat er in dit bestand?

Dit ZIP-bestand bevat alles wat Koers over {name} bewaart bij {school},
gemaakt op {day}.

- data.json: alle gegevens, per soort gegeven. Bij elke soort staat waarom Koers
  het bewaart (purpose), wie het kan zien (who_sees) en hoe lang het blijft (kept).
- bestanden/: foto's, filmpjes, spraakberichten en documenten uit het dossier.
  In data.json staat bij elk gegeven welk bestand erbij hoort.

Wachtwoorden staan er niet in. Klopt er iets niet, of wil je dat iets verwijderd
wordt? Neem dan contact op met de decaan of de beheerder van de school.
""")


def write_access_zip(student: Student, target: IO[bytes], *, requester_id: int) -> None:
    document, files = everything_about(student, requester_id=requester_id)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "README.txt",
            str(README).format(
                name=student.name, school=student.school.name, day=timezone.localdate().isoformat()
            ),
        )
        archive.writestr(
            "data.json", json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)
        )
        for stored in files:
            with stored.open("rb") as handle:
                archive.writestr(f"{FILES_FOLDER}/{stored.name}", handle.read())


def access_zip_for(*, by: Role, request: AccessRequest) -> IO[bytes]:
    """The ZIP for a request, written to a temporary file; logs one export row (also for the student)."""
    if request.requested_by_id != by.user_id:
        raise PermissionDenied  # only the person who asked downloads the answer
    require(by, can_request_data_of, request.student)
    target = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115  # handed to the response
    write_access_zip(request.student, target, requester_id=by.user_id)
    target.seek(0)
    record_access(
        role=by,
        student=request.student,
        action=AuditAction.EXPORT,
        subject=_("Alle gegevens (%(kind)s)") % {"kind": request.get_kind_display()},
        include_own=True,
    )
    return target
