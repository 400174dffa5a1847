"""Reads on jobs: one person's own job (404 for anyone else's) and the school admin's overview."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone

from koers.background.models import Job, JobStatus
from koers.background.registry import KINDS
from koers.schools.models import Role


def get_own_job_for(role: Role, pk: int) -> Job:
    """A job this person asked for at this school; every other job is a 404."""
    job = Job.objects.filter(pk=pk, school_id=role.school_id, requested_by_id=role.user_id).first()
    if job is None:
        raise Http404
    return job


def get_school_job_for(role: Role, pk: int) -> Job:
    """Any job of the role's school (the admin's failures page); another school's is a 404."""
    job = Job.objects.filter(pk=pk, school_id=role.school_id).first()
    if job is None:
        raise Http404
    return job


@dataclass(frozen=True)
class AdminOverview:
    troubled: list[Job]  # failed for good, or failed and waiting for another try
    counts: dict[str, int]  # per status, the last 7 days


def label_of(job: Job) -> str:
    kind = KINDS.get(job.kind)
    return str(kind.label) if kind else job.kind


def admin_overview(role: Role, *, since_days: int = 7, limit: int = 100) -> AdminOverview:
    """Two queries whatever the number of jobs."""
    since = timezone.now() - dt.timedelta(days=since_days)
    jobs = Job.objects.filter(school_id=role.school_id)
    troubled = list(
        jobs.filter(Q(status=JobStatus.FAILED, finished_at__gte=since) | Q(status=JobStatus.RETRYING))
        .select_related("requested_by")
        .order_by("-created_at", "-pk")[:limit]
    )
    counts = {
        row["status"]: row["n"]
        for row in jobs.filter(created_at__gte=since).values("status").annotate(n=Count("pk")).order_by()
    }
    for job in troubled:
        job.label = label_of(job)  # type: ignore[attr-defined]
    return AdminOverview(troubled=troubled, counts={s: counts.get(s, 0) for s in JobStatus.values})
