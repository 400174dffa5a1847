"""Writes on jobs: progress, the file a job made, the admin's "try again", removing expired downloads."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled
from django_tasks_db.models import DBTaskResult

from koers.background.models import Job, JobStatus, ScheduleRun
from koers.background.queue import hand_over
from koers.schools.models import Role, RoleKind

KEEP_FINISHED = dt.timedelta(days=30)


def set_progress(job: Job, *, done: int, total: int | None = None) -> None:
    """Progress is written at once (outside any transaction the job holds open), so the page that polls it
    moves while the job works."""
    job.progress_done = done
    if total is not None:
        job.progress_total = total
    with scopes_disabled():
        Job.objects.filter(pk=job.pk).update(
            progress_done=job.progress_done, progress_total=job.progress_total
        )


def save_output(job: Job, *, content: bytes, filename: str) -> None:
    """The file a job made, downloadable by whoever asked for it until KOERS_DOWNLOAD_HOURS have passed."""
    job.output.save(f"job-{job.pk}-{filename}", ContentFile(content), save=False)
    job.output_name = filename
    job.available_until = timezone.now() + dt.timedelta(hours=settings.KOERS_DOWNLOAD_HOURS)
    with scopes_disabled():
        job.save(update_fields=["output", "output_name", "available_until"])


def retry_now(*, job: Job, by: Role) -> Job:
    """The school admin tries a failed or waiting job again at once."""
    if by.kind != RoleKind.ADMIN or job.school_id != by.school_id:
        raise ValidationError(_("Alleen de beheerder van de school kan dit opnieuw proberen."))
    if job.status not in (JobStatus.FAILED, JobStatus.RETRYING):
        raise ValidationError(_("Deze taak is niet mislukt."))
    with transaction.atomic():
        job.status = JobStatus.WAITING
        job.next_attempt_at = None
        job.finished_at = None
        job.save(update_fields=["status", "next_attempt_at", "finished_at"])
        transaction.on_commit(lambda: hand_over(job.pk))
    return job


def remove_expired_downloads(now: dt.datetime | None = None) -> int:
    """Prepared files hold login QR codes and letter codes: they go once their time is up. Finished jobs go
    after KEEP_FINISHED, and so do the task queue's own rows and the schedules' records."""

    now = now or timezone.now()
    removed = 0
    with scopes_disabled():
        for job in Job.objects.filter(available_until__lt=now).exclude(output=""):
            job.output.delete(save=False)
            job.output_name = ""
            job.save(update_fields=["output", "output_name"])
            removed += 1
        Job.objects.filter(finished_at__lt=now - KEEP_FINISHED).delete()
        DBTaskResult.objects.finished().filter(finished_at__lt=now - KEEP_FINISHED).delete()
    ScheduleRun.objects.filter(started_at__lt=now - KEEP_FINISHED).delete()
    return removed
