"""The one django-tasks task: run a Job by its id. Also this app's own job kinds and schedules."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled
from django_tasks import task

from koers.access.tenancy import school_scope
from koers.background.domain import remove_expired_downloads
from koers.background.models import Job, JobStatus
from koers.background.queue import hand_over, retry_wait, sweep
from koers.background.registry import EXPIRERS, KINDS, Schedule, job_kind, schedule
from koers.common.logs import log_context

logger = logging.getLogger("koers.background")


def describe(error: BaseException) -> str:
    """What the admin reads about a failure: the kind of error and its message, cut short."""
    text = f"{type(error).__name__}: {error}".strip()
    return text[:300]


@task()
def run_job(job_id: int) -> str:
    with log_context(f"job-{job_id}"):  # every log line of the job carries its id (koers.common.logs)
        return _run_job(job_id)


def _run_job(job_id: int) -> str:
    now = timezone.now()
    with scopes_disabled():
        claimed = Job.objects.filter(pk=job_id, status__in=[JobStatus.WAITING, JobStatus.RETRYING]).update(
            status=JobStatus.RUNNING, next_attempt_at=None
        )
        if not claimed:
            return "not claimed"  # already run (a retry and the sweep may both hand it over)
        job = Job.objects.get(pk=job_id)
    try:
        kind = KINDS[job.kind]
        if job.school_id is None:
            kind.run(job)
        else:
            with school_scope(job.school_id):
                kind.run(job)
    except ValidationError as refusal:
        # Refused, not broken (an import whose preview is out of date): trying again would not help, and
        # the message is for the person who asked, on the job's page.
        _failed(job, refusal, final=True, message=" ".join(refusal.messages))
        return job.status
    except Exception as error:
        _failed(job, error)
        return job.status
    job.status = JobStatus.DONE
    job.attempts += 1
    job.finished_at = timezone.now()
    job.last_error = ""
    with scopes_disabled():
        job.save(update_fields=["status", "attempts", "finished_at", "last_error"])
    logger.info("job %s (%s) done in %.1f s", job.pk, job.kind, (job.finished_at - now).total_seconds())
    return job.status


def _failed(job: Job, error: BaseException, *, final: bool = False, message: str = "") -> None:

    job.attempts += 1
    job.last_error = message[:300] or describe(error)
    job.refused = final
    if final or job.attempts >= settings.KOERS_TASK_ATTEMPTS:
        job.status = JobStatus.FAILED
        job.finished_at = timezone.now()
    else:
        job.status = JobStatus.RETRYING
        job.next_attempt_at = timezone.now() + retry_wait(job.attempts)
    with scopes_disabled():
        job.save(
            update_fields=["status", "attempts", "last_error", "finished_at", "next_attempt_at", "refused"]
        )
    # The class name only: an error's message may hold an e-mail address, and logs hold no personal data.
    logger.warning("job %s (%s) failed, attempt %s: %s", job.pk, job.kind, job.attempts, type(error).__name__)
    if job.status == JobStatus.RETRYING:
        transaction.on_commit(lambda: hand_over(job.pk, at=job.next_attempt_at))


@job_kind("background.sweep", label=_("Vergeten taken opnieuw aanbieden"))
def sweep_job(job: Job) -> None:

    sweep()


@job_kind("background.expire", label=_("Verlopen uitnodigingen, links en downloads opruimen"))
def expire(job: Job) -> None:

    now = timezone.now()
    counts = {"downloads": remove_expired_downloads(now)}
    for name, function in EXPIRERS.items():
        counts[name] = function(now)
    logger.info("expired: %s", ", ".join(f"{name} {count}" for name, count in sorted(counts.items())))


schedule(Schedule(name="sweep", kind="background.sweep", every="minutes", minutes=5))
schedule(Schedule(name="expire", kind="background.expire", every="daily", at=dt.time(3, 0)))
