"""The school's quality cycle: the self-scan (items, rounds, answers), goals and their reviews, the task
matrix, evaluations (question lists, rounds, anonymous answers) and what became of leavers.

Quality writes only these tables; everything it measures it reads from the areas below it
(``quality/measures.py``).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from koers.schools.models import Role, RoleKind, School, SchoolYear, Student

# --- the self-scan -----------------------------------------------------------------------------------------


class Theme(models.TextChoices):
    VISION = "vision", _("Visie en beleid")
    PROGRAMME = "programme", _("Programma en de zeven elementen")
    CONVERSATIONS = "conversations", _("Loopbaangesprekken")
    GUARDIANS = "guardians", _("Ouders en verzorgers")
    COOPERATION = "cooperation", _("Samenwerking met vervolgonderwijs en partners")
    ORGANISATION = "organisation", _("Organisatie en tijd")
    DEVELOPMENT = "development", _("Professionalisering")


class ScanItem(models.Model):
    """One statement of the self-scan. The shipped list is copied into each school, which may reword it,
    switch items off or add its own. ``measure`` names a figure Koers computes next to it (measures.py)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(_("sleutel"), max_length=60)
    theme = models.CharField(_("thema"), max_length=20, choices=Theme.choices)
    text = models.CharField(_("stelling"), max_length=300)
    measure = models.CharField(_("gemeten cijfer"), max_length=40, blank=True)
    shipped = models.BooleanField(default=False)
    active = models.BooleanField(_("in gebruik"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("stelling van de zelfscan")
        verbose_name_plural = _("stellingen van de zelfscan")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["school", "key"], name="scan_item_key")]

    def __str__(self) -> str:
        return self.text


class ScanRound(models.Model):
    """One self-scan of the school, usually once a year. Staff answer while it is open; the counsellor
    closes it, which stores the measured figures of that moment so later years compare with them."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("naam"), max_length=80)
    opened_at = models.DateTimeField(default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # {measure key: {"value": percent, "count": n, "of": total}} at the moment the round closed.
    measures = models.JSONField(default=dict, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("ronde van de zelfscan")
        verbose_name_plural = _("rondes van de zelfscan")
        ordering = ["-opened_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["school", "name"], name="scan_round_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class ScanResponse(models.Model):
    """One colleague's answers in one round (not anonymous: the team discusses them together)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey(ScanRound, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    respondent_kind = models.CharField(max_length=16, choices=RoleKind.choices)
    submitted_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "respondent"], name="scan_response_once")]

    def __str__(self) -> str:
        return f"{self.round} · {self.respondent_id}"


class ScanAnswer(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    response = models.ForeignKey(ScanResponse, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(ScanItem, on_delete=models.CASCADE, related_name="answers")
    # 1 not yet ... 4 fully in place; empty: "I don't know".
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    remark = models.CharField(_("toelichting"), max_length=500, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="scan_answer_once"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=4), name="scan_answer_score"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.score}"


# --- goals -------------------------------------------------------------------------------------------------


class GoalLevel(models.TextChoices):
    STRATEGIC = "strategic", _("Strategisch doel (waarom)")
    TACTICAL = "tactical", _("Tactisch doel (SMART)")


class GoalStatus(models.TextChoices):
    OPEN = "open", _("Loopt")
    ACHIEVED = "achieved", _("Gehaald")
    DROPPED = "dropped", _("Gestopt")


class Goal(models.Model):
    """A policy goal. Leadership sets strategic goals (why this matters to the school); teams set tactical
    SMART goals under them (what, who, by when, how measured), optionally on a measure Koers computes."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(_("soort doel"), max_length=12, choices=GoalLevel.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("hoort bij strategisch doel"),
    )
    title = models.CharField(_("doel"), max_length=200)
    why = models.TextField(_("waarom"), blank=True)
    how = models.TextField(_("wat gaan we doen"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar"),
    )
    due_on = models.DateField(_("klaar op"), null=True, blank=True)
    measure = models.CharField(_("gemeten door Koers"), max_length=40, blank=True)
    measured_by = models.CharField(_("zo meten we het"), max_length=300, blank=True)
    target = models.PositiveSmallIntegerField(_("streefwaarde (%)"), null=True, blank=True)
    baseline = models.FloatField(null=True, blank=True)
    scan_item = models.ForeignKey(
        ScanItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="goals"
    )
    status = models.CharField(_("stand"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        ordering = ["level", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target__isnull=True) | Q(target__lte=100), name="goal_target_percent"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class GoalReview(models.Model):
    """A look at a goal in a period: the measured value then and a note."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(default=timezone.localdate)
    value = models.FloatField(null=True, blank=True)
    note = models.TextField(_("notitie"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-reviewed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.goal} · {self.reviewed_on}"


# --- the task matrix ---------------------------------------------------------------------------------------


class Task(models.Model):
    """A career-guidance task (shipped list, copied into the school, editable)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(_("sleutel"), max_length=60)
    name = models.CharField(_("taak"), max_length=200)
    shipped = models.BooleanField(default=False)
    active = models.BooleanField(_("in gebruik"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("LOB-taak")
        verbose_name_plural = _("LOB-taken")
        ordering = ["order", "pk"]
        constraints = [models.UniqueConstraint(fields=["school", "key"], name="task_key")]

    def __str__(self) -> str:
        return self.name


class Part(models.TextChoices):
    RESPONSIBLE = "responsible", _("Verantwoordelijk")
    DOES = "does", _("Voert uit")
    CONSULTED = "consulted", _("Denkt mee")


class TaskAssignment(models.Model):
    """Who has a part in a task: a named person (their role at this school) or every holder of a role kind
    ("alle mentoren"). When the person's role disappears the row stays, with their name, and is flagged."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assignments")
    part = models.CharField(_("rol in de taak"), max_length=12, choices=Part.choices)
    role = models.ForeignKey(Role, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    kind = models.CharField(_("of iedereen met de rol"), max_length=16, choices=RoleKind.choices, blank=True)
    name = models.CharField(max_length=200, blank=True)  # the person's name when it was assigned

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.task} · {self.get_part_display()}"


# --- evaluations -------------------------------------------------------------------------------------------


class Audience(models.TextChoices):
    STAFF = "staff", _("Mentoren en docenten")
    STUDENT = "student", _("Leerlingen")
    LEAVER = "leaver", _("Oud-leerlingen")


class Questionnaire(models.Model):
    """The school's question list for one audience. ``questions`` is a list of
    ``{"key", "kind": "scale"|"text", "text", "translations": {lang: text}}``, editable by the school."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    audience = models.CharField(_("voor"), max_length=10, choices=Audience.choices)
    title = models.CharField(_("titel"), max_length=200)
    questions = models.JSONField(default=list)

    objects = ScopedManager(school="school")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school", "audience"], name="questionnaire_audience")]

    def __str__(self) -> str:
        return self.title


class EvaluationRound(models.Model):
    """A round of a question list. The questions are copied when it opens, so later edits to the list do not
    change what earlier answers mean."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    audience = models.CharField(max_length=10, choices=Audience.choices)
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("naam"), max_length=80)
    questions = models.JSONField(default=list)
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-opened_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class EvaluationTicket(models.Model):
    """That someone answered a round (so nobody answers twice). It holds no answer and no time, and the
    answer holds no person: the two cannot be joined."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="tickets")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+")

    objects = ScopedManager(school="school")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "user"], name="evaluation_ticket_once")]

    def __str__(self) -> str:
        return f"{self.round}"


class EvaluationResponse(models.Model):
    """One anonymous set of answers. A random key (no counter that follows the tickets' order), no time, no
    person: only the group it counts in (a year level and track, or a role kind, or a leaving year)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="responses")
    group = models.CharField(max_length=40, blank=True)
    answers = models.JSONField(default=dict)

    objects = ScopedManager(school="school")

    def __str__(self) -> str:
        return f"{self.round}"


# --- leavers -----------------------------------------------------------------------------------------------


class Destination(models.TextChoices):
    MBO = "mbo", _("mbo")
    HAVO_VWO = "havo_vwo", _("havo of vwo")
    HIGHER = "higher", _("hbo of universiteit")
    WORK = "work", _("werk")
    OTHER = "other", _("anders")


class Leaver(models.Model):
    """Where one leaver went and whether they stayed. The link to the student is cleared when the dossier
    is removed; the figures (year, track, destination) stay for the school's outcome numbers."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(Student, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    name = models.CharField(_("naam"), max_length=200)
    left_in = models.CharField(_("schooljaar van vertrek"), max_length=20)
    track = models.CharField(_("leerweg"), max_length=8, blank=True)
    destination = models.CharField(_("ging naar"), max_length=10, choices=Destination.choices)
    programme = models.CharField(_("opleiding of werk"), max_length=200, blank=True)
    institution = models.CharField(_("school of werkgever"), max_length=200, blank=True)
    stayed = models.BooleanField(_("zit na een jaar nog op die opleiding"), null=True, blank=True)
    email = models.EmailField(_("e-mailadres voor de vragenlijst"), blank=True)
    recorded_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-left_in", "name"]

    def __str__(self) -> str:
        return self.name


class LeaverInvite(models.Model):
    """An expiring personal link to the leavers' question list, without an account. Only a hash of the
    token is kept; the link is usable once."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    leaver = models.ForeignKey(Leaver, on_delete=models.CASCADE, related_name="invites")
    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField()
    used = models.BooleanField(default=False)

    objects = ScopedManager(school="school")

    def __str__(self) -> str:
        return f"{self.leaver}"


# --- professional development ------------------------------------------------------------------------------


class LearningWish(models.Model):
    """What a member of staff wants to learn about career guidance; the leader sees them counted by topic."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.CharField(_("onderwerp"), max_length=20)
    text = models.CharField(_("wat wil je leren"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.topic
