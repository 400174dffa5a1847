"""Schools (the tenants), school years, groups, people and their roles."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager


class School(models.Model):
    """The tenant: nothing of one school is ever visible from another."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(_("korte naam"), unique=True)
    inactive_after_weeks = models.PositiveSmallIntegerField(
        _("signaal na weken zonder nieuwe invoer"),
        default=6,
        help_text=_("De decaan ziet leerlingen die zo lang geen ervaring of reflectie hebben toegevoegd."),
    )
    guardian_sharing_defaults = models.JSONField(
        _("standaard delen met ouders per soort"),
        default=dict,
        blank=True,
        help_text=_(
            "Per soort item of het standaard zichtbaar is voor ouders; de leerling kan dit per item wijzigen."
        ),
    )

    # The column mapping of the last import, per kind of export ({preset: {"columns": {...}, ...}}), so next
    # week's file from the same system is mapped the same way. Column names only, no personal data.
    import_mappings = models.JSONField(_("kolomkoppelingen van de import"), default=dict, blank=True)
    registration_days_after = models.PositiveSmallIntegerField(
        _("deelname registreren tot dagen na de activiteit"),
        default=7,
        help_text=_(
            "Docenten en mentoren registreren de deelname vanaf de dag ervoor "
            "tot zoveel dagen na de activiteit."
        ),
    )

    retention_months = models.PositiveSmallIntegerField(
        _("bewaartermijn na uitschrijving (maanden)"),
        default=24,
        help_text=_(
            "Zo lang na het vertrek van een leerling blijft het dossier bewaard; daarna wordt het verwijderd."
        ),
    )
    # When the students' items, groups or memberships of this school last changed: the key of the cached
    # whole-school figures (koers.home.queries.overview). Written only by koers.schools.changes, with an
    # UPDATE of this column alone, so that a full save of the school never sets it back.
    changed_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("scholen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        # A full save of a school loaded earlier must not set ``changed_at`` back (see there).
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                f.attname for f in self._meta.concrete_fields if not f.primary_key and f.name != "changed_at"
            ]
        super().save(*args, **kwargs)

    def shares_by_default(self, item_kind: str) -> bool:
        return bool(self.guardian_sharing_defaults.get(item_kind, False))


class User(AbstractUser):
    """A person. Their roles at one or more schools live in Role."""

    preferred_language = models.CharField(_("taal"), max_length=8, default="nl")
    # Prompts in short sentences and common words, where a simpler version exists (language/simple.py).
    simple_language = models.BooleanField(_("eenvoudige taal"), default=False)
    # How notifications reach this person besides the list in Koers (koers.notifications.models.Delivery).
    notification_delivery = models.CharField(_("meldingen per e-mail"), max_length=8, default="now")

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class RoleKind(models.TextChoices):
    STUDENT = "student", pgettext_lazy("role", "leerling")
    MENTOR = "mentor", pgettext_lazy("role", "mentor")
    COUNSELLOR = "counsellor", pgettext_lazy("role", "decaan")
    TEACHER = "teacher", pgettext_lazy("role", "docent")
    GUARDIAN = "guardian", pgettext_lazy("role", "ouder/verzorger")
    LEADER = "leader", pgettext_lazy("role", "schoolleider")
    ADMIN = "admin", pgettext_lazy("role", "beheerder")


# The staff roles, for queries (``kind__in``); rules use ``access.rules.is_staff``.
STAFF_KINDS = (RoleKind.MENTOR, RoleKind.COUNSELLOR, RoleKind.TEACHER, RoleKind.LEADER, RoleKind.ADMIN)


class Role(models.Model):
    """What one person is at one school. A person may hold several roles at several schools."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    kind = models.CharField(_("rol"), max_length=16, choices=RoleKind.choices)
    # The staff member's code (afkorting) in the school's administration; the import finds mentors by it.
    staff_code = models.CharField(_("afkorting"), max_length=16, blank=True)
    # Unread notifications for this role, kept by koers.notifications.domain so the header shows the count
    # without a query: every page already loads the person's roles.
    unread_notifications = models.PositiveIntegerField(default=0)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("rol")
        verbose_name_plural = _("rollen")
        constraints = [
            models.UniqueConstraint(fields=["school", "user", "kind"], name="role_unique_per_school")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_kind_display()} · {self.school}"


class SchoolYear(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="years")
    name = models.CharField(_("naam"), max_length=20)
    starts_on = models.DateField(_("begint op"))
    ends_on = models.DateField(_("eindigt op"))

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("schooljaar")
        verbose_name_plural = _("schooljaren")
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="school_year_unique_name"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="school_year_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Track(models.TextChoices):
    VMBO_BASIS = "vmbo_b", _("vmbo basis")
    VMBO_KADER = "vmbo_k", _("vmbo kader")
    VMBO_GEMENGD = "vmbo_gl", _("vmbo gemengd")
    VMBO_THEORETISCH = "vmbo_tl", _("vmbo theoretisch")
    HAVO = "havo", _("havo")
    VWO = "vwo", _("vwo")
    PRAKTIJK = "pro", _("praktijkonderwijs")
    ISK = "isk", _("ISK")


class Group(models.Model):
    """A class (klas) in one school year."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="groups")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("naam"), max_length=40)
    year_level = models.PositiveSmallIntegerField(_("leerjaar"))
    track = models.CharField(_("leerweg"), max_length=8, choices=Track.choices)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("groep")
        verbose_name_plural = _("groepen")
        ordering = ["year_level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["school_year", "name"], name="group_unique_name_per_year"),
            models.CheckConstraint(
                condition=Q(year_level__gte=1, year_level__lte=6), name="group_year_level_1_6"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Student(models.Model):
    """A student's place at a school. The dossier belongs to the student, never to a group."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="students")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="student_records")
    number = models.CharField(_("leerlingnummer"), max_length=32, blank=True)
    date_of_birth = models.DateField(_("geboortedatum"), null=True, blank=True)
    joined_on = models.DateField(_("ingeschreven op"), default=dt.date.today)
    left_on = models.DateField(_("uitgeschreven op"), null=True, blank=True)
    # The school may keep a dossier longer than its retention period, up to this date.
    keep_until = models.DateField(_("bewaren tot"), null=True, blank=True)
    # From 16 a student decides whether guardians see the dossier (schools/family_rules.py); the programme
    # and planned conversations stay visible to guardians either way.
    dossier_hidden_from_guardians = models.BooleanField(_("dossier verborgen voor ouders"), default=False)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("leerling")
        verbose_name_plural = _("leerlingen")
        constraints = [
            models.UniqueConstraint(fields=["school", "user"], name="student_unique_per_school"),
            # The import matches students by leerlingnummer, so a number means one student per school.
            models.UniqueConstraint(
                fields=["school", "number"], condition=~Q(number=""), name="student_number_unique_per_school"
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def name(self) -> str:
        return str(self.user)

    def age_on(self, day: dt.date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class MembershipQuerySet(models.QuerySet["Membership"]):
    def current(self, day: dt.date | None = None) -> MembershipQuerySet:
        day = day or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)


class Membership(models.Model):
    """A student in a group from a date until a date (ISK students come and go during the year)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="memberships")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    starts_on = models.DateField(_("vanaf"))
    ends_on = models.DateField(_("tot en met"), null=True, blank=True)

    objects = ScopedManager(school="school", _manager_class=models.Manager.from_queryset(MembershipQuerySet))

    class Meta:
        verbose_name = _("groepslidmaatschap")
        verbose_name_plural = _("groepslidmaatschappen")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="membership_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.student} in {self.group}"


class Mentorship(models.Model):
    """A mentor for a whole group, or for one student."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    mentor = models.ForeignKey(User, on_delete=models.CASCADE, related_name="mentorships")
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, null=True, blank=True, related_name="mentorships"
    )
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, null=True, blank=True, related_name="mentorships"
    )

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("mentoraat")
        verbose_name_plural = _("mentoraten")
        constraints = [
            models.CheckConstraint(
                condition=(Q(group__isnull=False) & Q(student__isnull=True))
                | (Q(group__isnull=True) & Q(student__isnull=False)),
                name="mentorship_group_xor_student",
            ),
            models.UniqueConstraint(fields=["mentor", "group"], name="mentorship_unique_group"),
            models.UniqueConstraint(fields=["mentor", "student"], name="mentorship_unique_student"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.group or self.student}"


class Guardianship(models.Model):
    """A guardian (ouder/verzorger) of a student. Without parental authority the view is information-only.

    ``has_authority`` is yes, no, or unknown (``None``: the student administration said something Koers could
    not read). Unknown is never yes: read it through ``decides`` (or filter on ``has_authority=True``)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    guardian = models.ForeignKey(User, on_delete=models.CASCADE, related_name="guardianships")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="guardianships")
    has_authority = models.BooleanField(_("met gezag"), null=True, default=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("ouderschap")
        verbose_name_plural = _("ouderschappen")
        constraints = [models.UniqueConstraint(fields=["guardian", "student"], name="guardianship_unique")]

    def __str__(self) -> str:
        return f"{self.guardian} → {self.student}"

    @property
    def decides(self) -> bool:
        """Parental authority as the rules need it: only a known yes counts."""
        return self.has_authority is True

    @property
    def authority_unknown(self) -> bool:
        return self.has_authority is None


class ImportVia(models.TextChoices):
    SCREEN = "screen", _("scherm")
    COMMAND = "command", _("opdrachtregel")
    UPLOAD = "upload", _("upload met sleutel")


class ImportToken(models.Model):
    """A key with which the school's export script uploads its file without a person logging in. Only a hash
    is kept; the key itself is shown once, when the admin creates it. Revoked keys stay for the run list."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("naam"), max_length=80)
    preset = models.CharField(_("soort export"), max_length=16)
    digest = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=8)  # the key's first characters, to recognise it by
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("gemaakt op"), default=timezone.now)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("importsleutel")
        verbose_name_plural = _("importsleutels")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"


class ImportRun(models.Model):
    """One upload of an export from the student administration: the decoded file and its column mapping are
    kept, so applying does exactly what the preview showed. The content and the preview's name lists are
    cleared once applied or cancelled, and by a scheduled job after a short time; counts stay."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    filename = models.CharField(_("bestandsnaam"), max_length=200)
    preset = models.CharField(_("soort export"), max_length=16, blank=True)
    via = models.CharField(_("via"), max_length=8, choices=ImportVia.choices, default=ImportVia.SCREEN)
    token = models.ForeignKey(ImportToken, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("ingelezen op"), default=timezone.now)
    applied_at = models.DateTimeField(_("toegepast op"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    # Why an unattended run did not apply (a threshold crossed, a changed school); empty when it did.
    refused = models.TextField(_("niet toegepast omdat"), blank=True)
    mapping = models.JSONField(_("koppeling van kolommen"), default=dict, blank=True)
    summary = models.JSONField(_("samenvatting"), default=dict, blank=True)
    # The decoded table as JSON ({"columns": [...], "rows": [[line, [cells]], ...]}); personal data.
    content = models.TextField(_("inhoud"), blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename

    @property
    def change_count(self) -> int:
        return sum((self.summary or {}).get("counts", {}).values())

    @property
    def problem_count(self) -> int:
        summary = self.summary or {}
        return len(summary.get("problems", [])) or int(summary.get("problem_count", 0))


class ConsentPurpose(models.TextChoices):
    """What a consent is for. Each purpose is decided on its own and can be withdrawn at any time."""

    PHOTOS = "photos", _("foto's en video's in het dossier")
    VOICE = "voice", _("spraakberichten in het dossier")


class Consent(models.Model):
    """One decision about one purpose: given or refused/withdrawn. Rows are only added, so the history
    stays; the rules in schools/family_rules.py say which decision counts."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("waarvoor"), max_length=10, choices=ConsentPurpose.choices)
    granted = models.BooleanField(_("toestemming"))
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decided_as = models.CharField(max_length=16, choices=RoleKind.choices)
    decided_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["student", "purpose", "-decided_at"])]

    def __str__(self) -> str:
        return f"{self.student} · {self.purpose} · {self.granted}"
