"""Playing a student's recording (a spoken reason or answer) for someone allowed to hear it: the file as it
is stored, and an audit row when anyone but the student plays it (once per page, not per range request)."""

from __future__ import annotations

from typing import Any

from django.db.models.fields.files import FieldFile
from django.http import HttpRequest
from django.http.response import HttpResponseBase

from koers.access.audit import record_access
from koers.access.models import AuditAction
from koers.common.uploads import is_first_request_for, serve_file
from koers.schools.models import Role, Student


def play_recording(
    request: HttpRequest, role: Role, *, student: Student, file: FieldFile, content_type: str, subject: Any
) -> HttpResponseBase:
    if role.user_id != student.user_id and is_first_request_for(request):
        record_access(role=role, student=student, action=AuditAction.DOWNLOAD, subject=subject)
    return serve_file(
        request,
        file,
        content_type=content_type or "application/octet-stream",
        filename="spraakbericht",
        attachment=False,
    )
