"""Background jobs: what Koers asked to be done outside a request, with its attempts and its outcome.

django-tasks carries a job to the worker (the task's only argument is the job's id); the Job row is Koers's
own record of it: which school it belongs to (so the school admin sees its failures), how often it was
tried, why it failed, how far it got, and the file it made. It is written in the same transaction as the
change that asked for it, so what a person typed is never lost when the worker or the mail server is down.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from koers.schools.models import School


class JobStatus(models.TextChoices):
    WAITING = "waiting", _("wacht op zijn beurt")
    RUNNING = "running", _("bezig")
    RETRYING = "retrying", _("mislukt, wordt opnieuw geprobeerd")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")


OPEN_STATUSES = (JobStatus.WAITING, JobStatus.RUNNING, JobStatus.RETRYING)


class Job(models.Model):
    # Empty for the installation's own jobs (the daily schedules), which then start one job per school.
    school = models.ForeignKey(School, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=60)
    params = models.JSONField(default=dict)  # ids and plain values only, never objects or secrets
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.WAITING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    # Refused rather than broken (a ValidationError): ``last_error`` is then a message for the person.
    refused = models.BooleanField(default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    output = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    output_name = models.CharField(max_length=120, blank=True)
    available_until = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["school", "status", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(99, self.progress_done * 100 // self.progress_total)


class ScheduleRun(models.Model):
    """One row per schedule and period: a schedule whose period already has a row is not started again, also
    when two workers look at the same moment (the unique constraint lets only one of them insert it)."""

    name = models.CharField(max_length=60)
    period = models.CharField(max_length=20)
    started_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "period"], name="one_run_per_period")]

    def __str__(self) -> str:
        return f"{self.name} {self.period}"
