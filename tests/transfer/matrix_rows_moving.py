"""Rows of the permission matrix for this part of the area (see tests/matrix.py for the vocabulary)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from koers.transfer.models import AccessRequest, TransferExport, TransferStatus
from tests.matrix import OWN_DOSSIER, POST_ONLY, Objects, Redirect, Row, only


def transfer_export(o: Objects) -> Any:
    """An approved transfer export of world.student holding one experience, built on first use."""
    cached = o.__dict__.get("_transfer_export")
    if cached is None:
        with scopes_disabled():
            cached = TransferExport.objects.create(
                school=o.world.school,
                student=o.world.student,
                receiving_school="Het Nieuwe College",
                selection={"experiences": [o.experience.pk]},
                status=TransferStatus.APPROVED,
                approved_at=timezone.now(),
            )
        o.__dict__["_transfer_export"] = cached
    return cached


def access_request(o: Objects) -> Any:
    """A request for a copy by world.student's guardian (the student is 15), built on first use."""
    cached = o.__dict__.get("_access_request")
    if cached is None:
        with scopes_disabled():
            cached = AccessRequest.objects.create(
                school=o.world.school,
                student=o.world.student,
                requested_by=o.world.users["guardian"],
                requested_as="guardian",
                kind="copy",
                due_on=timezone.localdate(),
            )
        o.__dict__["_access_request"] = cached
    return cached


ROWS: dict[str, Row | list[Row]] = {
    # --- taking the dossier along (views/moving.py): only the student's own export; import by the school ---
    "transfer:choose": Row(get=OWN_DOSSIER),
    "transfer:approve": Row(kwargs=lambda o: {"pk": transfer_export(o).pk}, get=only(student=200)),
    "transfer:pdf": Row(
        serves="application/pdf", kwargs=lambda o: {"pk": transfer_export(o).pk}, get=only(student=200)
    ),
    "transfer:json": Row(
        serves="application/json", kwargs=lambda o: {"pk": transfer_export(o).pk}, get=only(student=200)
    ),
    "transfer:read_in": Row(get=only(counsellor=200, admin=200, outsider=200)),
    # --- requests for access (views/access.py): students and guardians ask; the school sees the list ---
    # world.student is 15: the student sees an explanation, the guardian with authority may ask.
    "transfer:access": Row(get=only(student=200, classmate=200, guardian=200)),
    "transfer:access_download": Row(
        serves="application/zip", kwargs=lambda o: {"pk": access_request(o).pk}, get=only(guardian=200)
    ),
    "transfer:access_requests": Row(get=only(counsellor=200, admin=200, outsider=200)),
    "transfer:access_handled": Row(
        kwargs=lambda o: {"pk": access_request(o).pk},
        get=POST_ONLY,
        post=only(
            counsellor=Redirect("transfer:access_requests"), admin=Redirect("transfer:access_requests")
        ),
    ),
}
