"""Background jobs of transfer: retention, daily in the worker (the same work as `koers retention`)."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from koers.background.models import Job
from koers.background.queue import enqueue_job
from koers.background.registry import Schedule, job_kind, schedule
from koers.schools.models import School
from koers.transfer.domain.retention import run_retention


class RetentionIncomplete(Exception):
    """Some students could not be removed; the report says which, and the job tries again later."""


@job_kind("transfer.retention", label=_("Bewaartermijn: dossiers verwijderen (alle scholen)"))
def retention_everywhere(job: Job) -> None:
    with scopes_disabled():
        school_ids = list(School.objects.values_list("pk", flat=True))
    for school_id in school_ids:
        enqueue_job("transfer.retention_school", school=school_id)


@job_kind("transfer.retention_school", label=_("Bewaartermijn: dossiers verwijderen"))
def retention_of_school(job: Job) -> None:
    school_id = job.school_id
    assert school_id is not None
    with scopes_disabled():
        school = School.objects.get(pk=school_id)
    run = run_retention(school=school)
    if run.failures:
        raise RetentionIncomplete(
            f"{len(run.failures)} leerling(en) niet verwijderd; zie het verwijderverslag"
        )


schedule(Schedule(name="retention", kind="transfer.retention", every="daily", at=dt.time(2, 30)))
