"""Rows of the permission matrix for background jobs (see tests/matrix.py for the vocabulary).

A prepared download and its page belong to whoever asked for it (here the mentor); the failures page is the
school admin's alone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.background.models import Job, JobStatus
from tests.matrix import POST_ONLY, Objects, Redirect, Row, only


def mentors_job(o: Objects) -> Any:
    cached = o.__dict__.get("_mentors_job")
    if cached is None:
        with scopes_disabled():
            cached = Job.objects.create(
                school=o.world.school,
                kind="accounts.login_cards",
                requested_by=o.world.users["mentor"],
                status=JobStatus.DONE,
                output_name="inlogkaarten-3k1.pdf",
                available_until=timezone.now() + dt.timedelta(hours=1),
            )
            cached.output.save("inlogkaarten.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
        o.__dict__["_mentors_job"] = cached
    return cached


def failed_job(o: Objects) -> Any:
    cached = o.__dict__.get("_failed_job")
    if cached is None:
        with scopes_disabled():
            cached = Job.objects.create(
                school=o.world.school,
                kind="accounts.guardian_email",
                params={"invitation": 0},
                status=JobStatus.FAILED,
                attempts=6,
                last_error="SMTPDataError: 451",
            )
        o.__dict__["_failed_job"] = cached
    return cached


ROWS: dict[str, Row | list[Row]] = {
    "background:job": Row(kwargs=lambda o: {"pk": mentors_job(o).pk}, get=only(mentor=200)),
    "background:download": Row(
        serves="application/pdf", kwargs=lambda o: {"pk": mentors_job(o).pk}, get=only(mentor=200)
    ),
    "background:failures": Row(get=only(admin=200)),
    "background:retry": Row(
        kwargs=lambda o: {"pk": failed_job(o).pk},
        get=POST_ONLY,
        post=only(admin=Redirect("background:failures")),
    ),
}
