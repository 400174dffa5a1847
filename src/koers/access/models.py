"""The audit log: one append-only row for every view, print and export of a student's dossier, and for every
change someone else made to the student's data (``change``: a key of ``access.changes``).

The model lived in ``common`` until the areas were layered; its rows were kept when it moved (see
``access/migrations/0001_initial.py``)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from koers.access import changes
from koers.schools.models import RoleKind, School, Student


class AuditAction(models.TextChoices):
    VIEW = "view", _("bekeken")
    PRINT = "print", _("afgedrukt")
    EXPORT = "export", _("geëxporteerd")
    DOWNLOAD = "download", _("bestand geopend")
    CHANGE = "change", _("gewijzigd")


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    """Rows are only ever added: bulk changes are refused, as single ones are in the model."""

    def update(self, **kwargs: object) -> int:
        raise ValueError("audit entries are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValueError("audit entries are append-only")


class AuditEntry(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="audit_entries")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    actor_role = models.CharField(max_length=16, choices=RoleKind.choices)
    action = models.CharField(max_length=10, choices=AuditAction.choices)
    # What kind of change (a key of ``access.changes.CHANGES``); empty for views, prints and exports.
    change = models.CharField(max_length=40, blank=True)
    subject = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school", _manager_class=models.Manager.from_queryset(AuditQuerySet))

    class Meta:
        verbose_name = _("inzage")
        verbose_name_plural = _("inzages")
        ordering = ["-at"]
        indexes = [models.Index(fields=["student", "-at"])]

    def __str__(self) -> str:
        return f"{self.actor} {self.action} {self.student} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValueError("audit entries are append-only")

    @property
    def change_label(self) -> str:
        """The kind of change in the reader's language (empty for a view, print or export)."""
        return changes.label(self.change) if self.change else ""

    @property
    def change_label_for_family(self) -> str:
        """What a guardian may read of the change: its kind only for the kinds every guardian may see."""
        return self.change_label if self.change in changes.FAMILY else ""
