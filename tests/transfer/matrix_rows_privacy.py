"""Rows of the permission matrix for this part of the area (see tests/matrix.py for the vocabulary).

Retention is the admin's (a student who left, built on first use); the CSV downloads are the counsellor's;
who looked at a child's dossier is for the guardian with parental authority.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from koers.transfer.models import RemovalReport
from tests import factories as f
from tests.matrix import Objects, Row, of_student, only


def left_student(o: Objects) -> Any:
    cached = o.__dict__.get("_left_student")
    if cached is None:
        with scopes_disabled():
            cached = f.StudentFactory(
                school=o.world.school, left_on=timezone.localdate() - dt.timedelta(days=700)
            )
        o.__dict__["_left_student"] = cached
    return cached


def removal_report(o: Objects) -> Any:
    cached = o.__dict__.get("_removal_report")
    if cached is None:
        with scopes_disabled():
            cached = RemovalReport.objects.create(
                school=o.world.school, students_removed=1, details={"counts": {"dossier.experience": 2}}
            )
        o.__dict__["_removal_report"] = cached
    return cached


ROWS: dict[str, Row | list[Row]] = {
    # An empty POST shows the form again with its message.
    "transfer:privacy": Row(get=only(admin=200), post=only(admin=200)),
    "transfer:keep_longer": Row(
        kwargs=lambda o: {"student_pk": left_student(o).pk}, get=only(admin=200), post=only(admin=200)
    ),
    "transfer:removal_report": Row(kwargs=lambda o: {"pk": removal_report(o).pk}, get=only(admin=200)),
    "transfer:students_csv": Row(serves="text/csv", get=only(counsellor=200, outsider=200)),
    "transfer:access_log_csv": Row(serves="text/csv", kwargs=of_student, get=only(counsellor=200)),
    "transfer:guardian_access_log": Row(kwargs=of_student, get=only(guardian=200)),
}
