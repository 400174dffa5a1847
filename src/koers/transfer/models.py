"""Taking the dossier along (transfer export and import), requests for access, and retention."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from koers.schools.models import RoleKind, School, Student


class TransferStatus(models.TextChoices):
    DRAFT = "draft", _("in voorbereiding")
    APPROVED = "approved", _("goedgekeurd door de leerling")


class TransferExport(models.Model):
    """What a student chose to take along to the next school, and their approval."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="transfer_exports")
    receiving_school = models.CharField(_("naar welke school"), max_length=200)
    # {"experiences": [pk, ...], "reflections": [...], "traits": [...], "actions": [...], "evidence": [...],
    #  "ambitions": [...]} — only pks of the student's own items are ever kept.
    selection = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=TransferStatus.choices, default=TransferStatus.DRAFT)
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("overdrachtsdossier")
        verbose_name_plural = _("overdrachtsdossiers")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.student} → {self.receiving_school}"


class TransferImport(models.Model):
    """A transfer file from another Koers installation, read into the dossier of an enrolled student."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="transfer_imports")
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    source_school = models.CharField(_("van school"), max_length=200)
    enrolment_confirmed = models.BooleanField(_("ingeschreven bevestigd"), default=False)
    # How many items of each kind were read in: {"experiences": 4, ...}.
    counts = models.JSONField(default=dict, blank=True)
    # The rows it created, so they stay marked as coming from the other school: {"experiences": [pk, ...]}.
    items = models.JSONField(default=dict, blank=True)
    imported_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("ingelezen overdrachtsdossier")
        verbose_name_plural = _("ingelezen overdrachtsdossiers")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.source_school} → {self.student}"


class AccessRequestKind(models.TextChoices):
    INSPECTION = "inspection", _("inzage")
    COPY = "copy", _("kopie")


def access_request_due(requested: dt.date) -> dt.date:
    """A request must be answered within one month (AVG art. 12)."""
    month = requested.month % 12 + 1
    year = requested.year + (requested.month == 12)
    day = min(requested.day, 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
    return dt.date(year, month, day)


class AccessRequest(models.Model):
    """A request by the student (16+) or a guardian with authority for everything Koers holds."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="access_requests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_as = models.CharField(max_length=16, choices=RoleKind.choices)
    kind = models.CharField(_("soort verzoek"), max_length=12, choices=AccessRequestKind.choices)
    requested_on = models.DateField(default=timezone.localdate)
    due_on = models.DateField(_("uiterlijk"))
    fulfilled_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("verzoek om inzage of kopie")
        verbose_name_plural = _("verzoeken om inzage of kopie")
        ordering = ["-requested_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.student}"


class RemovalReport(models.Model):
    """What one retention run removed: counts per kind, never the removed personal data itself."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    ran_at = models.DateTimeField(default=timezone.now)
    ran_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    students_removed = models.PositiveIntegerField(default=0)
    # {"experiences": 12, "files": 30, ...} and one line per removed student without name:
    # {"lines": [{"student_number": "...", "left_on": "2024-07-01", "rows": 41, "files": 3}, ...]}
    details = models.JSONField(default=dict, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("verwijderverslag")
        verbose_name_plural = _("verwijderverslagen")
        ordering = ["-ran_at"]

    def __str__(self) -> str:
        return f"{self.school} · {self.ran_at:%Y-%m-%d}"
