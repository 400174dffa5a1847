"""Starting jobs: ``enqueue_job`` writes the Job row in the caller's transaction and hands its id to the
task queue once that transaction has committed, so the worker never sees a job for a change that was rolled
back, and a job whose change committed is never lost (a sweep picks up what was not handed over)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.background.models import Job, JobStatus
from koers.background.registry import KINDS
from koers.schools.models import School, User


def enqueue_job(
    kind: str,
    /,
    *,
    school: School | int | None,
    by: User | None = None,
    total: int = 0,
    **params: Any,
) -> Job:
    if kind not in KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    school_id = school.pk if isinstance(school, School) else school
    with scopes_disabled():
        job = Job.objects.create(
            school_id=school_id,
            kind=kind,
            params=params,
            requested_by=by,
            progress_total=total,
        )
    transaction.on_commit(lambda: hand_over(job.pk))
    return job


def hand_over(job_id: int, *, at: dt.datetime | None = None) -> None:
    """Give the job to the task queue (at ``at`` when the backend can wait)."""
    from koers.background.tasks import run_job  # noqa: PLC0415 - cycle: tasks import the queue at their top

    task = run_job
    if at is not None:
        if not task.get_backend().supports_defer:
            return  # a backend that cannot wait (tests run jobs at once): the sweep hands it over when due
        task = task.using(run_after=at)
    task.enqueue(job_id)


def retry_wait(attempts: int) -> dt.timedelta:
    """1, 4, 16, 64 ... times the base wait, at most a day."""
    seconds = settings.KOERS_TASK_RETRY_SECONDS * 4 ** max(attempts - 1, 0)
    return dt.timedelta(seconds=min(seconds, 24 * 3600))


def sweep(now: dt.datetime | None = None) -> int:
    """Hand over jobs that waited far longer than they should: a crash between a commit and the hand-over,
    or a retry on a backend that cannot wait. Running a job twice is harmless: only one run claims it."""
    now = now or timezone.now()
    late = now - dt.timedelta(minutes=10)
    with scopes_disabled():
        ids = list(
            Job.objects.filter(status=JobStatus.WAITING, created_at__lt=late).values_list("pk", flat=True)
        ) + list(
            Job.objects.filter(status=JobStatus.RETRYING, next_attempt_at__lt=late).values_list(
                "pk", flat=True
            )
        )
    for job_id in ids:
        hand_over(job_id)
    return len(ids)
