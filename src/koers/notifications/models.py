"""In-app notifications. A notification is stored as data (its kind and parameters) and rendered in the
reader's language when it is read or mailed, never stored as rendered text."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from koers.schools.models import Role, School


class Delivery(models.TextChoices):
    """Besides the list in Koers (always): how a person hears of new notifications. Stored on the user."""

    NOW = "now", _("Meteen een e-mail")
    DIGEST = "digest", _("Eén e-mail per week")
    NONE = "none", _("Geen e-mail, alleen in Koers")


class Notification(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40)
    params = models.JSONField(default=dict)
    # What makes it one of a kind (the conversation and its day, say): the same key never notifies a role
    # twice, so a reminder job that runs twice in a period sends nothing twice.
    key = models.CharField(max_length=120)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set when it went out by e-mail (at once or in the weekly digest), or when it needs none.
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["role", "key"], name="notification_once_per_key")]
        indexes = [
            models.Index(fields=["role", "-created_at"]),
            models.Index(fields=["role", "read_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → role {self.role_id}"
