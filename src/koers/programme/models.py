"""The school's LOB programme: activity types, planned activities, the assignment bank, given assignments,
students' work on them, and who took part."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_scopes import ScopedManager

from koers.language.content import localised
from koers.schools.models import Group, School, SchoolYear, Student, Track


class ActivityType(models.Model):
    """A kind of LOB activity (company visit, open day, ...). Shipped types are copied into each school, which
    may rename them or add its own."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(_("sleutel"), max_length=60)
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("omschrijving"), blank=True)
    icon = models.CharField(_("pictogram"), max_length=60, blank=True)  # a name from the pictogram catalogue
    # Name and description in other languages from the shipped content, with the Dutch they were made from:
    # {"nl": {"name": ...}, "en": {"name": ..., "description": ...}, "digest": ...} (language/content.py).
    translations = models.JSONField(default=dict, blank=True)
    shipped = models.BooleanField(default=False)
    active = models.BooleanField(_("in gebruik"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("soort activiteit")
        verbose_name_plural = _("soorten activiteiten")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["school", "key"], name="activity_type_key")]

    def __str__(self) -> str:
        return self.name

    @property
    def local_name(self) -> str:
        """The name in the reader's language, or the Dutch name marked ``only_dutch``."""
        return localised(self.name, self.translations, "name")


class DatePrecision(models.TextChoices):
    MONTH = "month", _("in de maand")
    DAY = "day", _("op de dag")


class Activity(models.Model):
    """One planned activity of the year programme for one track and year level."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="activities")
    # RESTRICT, not PROTECT: a type in use cannot be deleted on its own, but goes with its school.
    type = models.ForeignKey(
        ActivityType, on_delete=models.RESTRICT, related_name="activities", verbose_name=_("soort")
    )
    title = models.CharField(_("titel"), max_length=160)
    description = models.TextField(_("omschrijving"), blank=True)
    track = models.CharField(_("leerweg"), max_length=8, choices=Track.choices)
    year_level = models.PositiveSmallIntegerField(_("leerjaar"))
    # A month is stored as its first day with precision "month".
    starts_on = models.DateField(_("wanneer"))
    precision = models.CharField(
        _("precisie"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.MONTH
    )
    # No groups chosen means every group of this track and year level in the school year.
    groups = models.ManyToManyField(Group, blank=True, related_name="activities", verbose_name=_("groepen"))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verantwoordelijk"),
    )
    partner = models.CharField(_("externe partner"), max_length=160, blank=True)
    has_preparation = models.BooleanField(_("er is een voorbereiding"), default=False)
    has_reflection = models.BooleanField(_("er is een reflectie achteraf"), default=False)
    involves_guardians = models.BooleanField(_("ouders zijn betrokken"), default=False)
    # The three checks above are ticked by hand only where the planning does not show them
    # (queries/checks.py derives them from assignments and conversation rounds); a hand tick says how here.
    checks_note = models.TextField(_("toelichting bij de kenmerken"), blank=True)
    # Lists of lob.vocabulary.Competence and lob.vocabulary.Element values.
    competences = models.JSONField(_("loopbaancompetenties"), default=list, blank=True)
    elements = models.JSONField(_("werkzame elementen"), default=list, blank=True)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="copies"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["starts_on", "title"]
        indexes = [models.Index(fields=["school_year", "track", "year_level", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(year_level__gte=1, year_level__lte=6), name="activity_year_level_1_6"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Audience(models.TextChoices):
    STUDENT = "student", pgettext_lazy("assignment audience", "de leerling zelf")
    HOME = "home", pgettext_lazy("assignment audience", "thuis, met een ouder/verzorger")
    CLASS = "class", pgettext_lazy("assignment audience", "de hele klas")


class AssignmentFormat(models.TextChoices):
    QUESTIONS = "questions", pgettext_lazy("assignment format", "vragen")
    PHOTO = "photo", pgettext_lazy("assignment format", "foto")
    MOODBOARD = "moodboard", pgettext_lazy("assignment format", "moodboard")
    INTERVIEW = "interview", pgettext_lazy("assignment format", "interview")
    VOICE = "voice", pgettext_lazy("assignment format", "spraakbericht")


class Assignment(models.Model):
    """An assignment in the school's bank. Shipped assignments are copied into each school (editable)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(_("sleutel"), max_length=60)
    title = models.CharField(_("titel"), max_length=160)
    goal = models.TextField(_("doel"))
    # Steps in simple language, one per line in the form: ["Kies iemand uit je familie.", ...].
    steps = models.JSONField(_("stappen"), default=list)
    # Questions the student answers, when the format asks for them.
    questions = models.JSONField(_("vragen"), default=list, blank=True)
    audience = models.CharField(_("voor wie"), max_length=10, choices=Audience.choices)
    format = models.CharField(_("vorm"), max_length=10, choices=AssignmentFormat.choices)
    competences = models.JSONField(_("loopbaancompetenties"), default=list, blank=True)
    elements = models.JSONField(_("werkzame elementen"), default=list, blank=True)
    # Texts in other languages from the shipped content: {"en": {"title": ..., "goal": ..., "steps": [...]}}.
    translations = models.JSONField(default=dict, blank=True)
    shipped = models.BooleanField(default=False)
    active = models.BooleanField(_("in gebruik"), default=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("opdracht")
        verbose_name_plural = _("opdrachten")
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["school", "key"], name="assignment_key")]

    def __str__(self) -> str:
        return self.title

    # The texts in the reader's language; a field the school changed stays Dutch, marked ``only_dutch``.
    @property
    def local_title(self) -> str:
        return localised(self.title, self.translations, "title")

    @property
    def local_goal(self) -> str:
        return localised(self.goal, self.translations, "goal")

    @property
    def local_steps(self) -> list[str]:
        return localised(list(self.steps or []), self.translations, "steps")

    @property
    def local_questions(self) -> list[str]:
        return localised(list(self.questions or []), self.translations, "questions")


class Purpose(models.TextChoices):
    PREPARATION = "preparation", _("voorbereiding")
    REFLECTION = "reflection", _("reflectie achteraf")
    STANDALONE = "standalone", _("losse opdracht")


class GivenAssignment(models.Model):
    """An assignment given to groups, usually as the preparation or reflection of a planned activity."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    assignment = models.ForeignKey(
        Assignment, on_delete=models.RESTRICT, related_name="given", verbose_name=_("opdracht")
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("activiteit"),
    )
    purpose = models.CharField(_("doel"), max_length=12, choices=Purpose.choices, default=Purpose.STANDALONE)
    groups = models.ManyToManyField(Group, related_name="given_assignments", verbose_name=_("groepen"))
    given_on = models.DateField(_("gegeven op"))
    due_on = models.DateField(_("inleveren op"))
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("gegeven opdracht")
        verbose_name_plural = _("gegeven opdrachten")
        ordering = ["due_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_on__gte=models.F("given_on")), name="given_assignment_due_after_given"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.due_on}"


class WorkStatus(models.TextChoices):
    STARTED = "started", _("bezig")
    FINISHED = "finished", _("klaar")


def work_voice_path(instance: AssignmentWork, filename: str) -> str:
    return f"work/{instance.school_id}/{instance.student_id}/{filename}"


class AssignmentWork(models.Model):
    """A student's work on a given assignment. Finishing it puts an experience (with its photos) or a
    reflection in the dossier, linked to the activity."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    given = models.ForeignKey(GivenAssignment, on_delete=models.CASCADE, related_name="work")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="assignment_work")
    # {"<question index>": "answer", "text": "free text"}
    answers = models.JSONField(default=dict, blank=True)
    voice = models.FileField(_("spraakbericht"), upload_to=work_voice_path, blank=True, max_length=300)
    voice_content_type = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=10, choices=WorkStatus.choices, default=WorkStatus.STARTED)
    finished_at = models.DateTimeField(null=True, blank=True)
    experience = models.ForeignKey(
        "dossier.Experience", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reflection = models.ForeignKey(
        "dossier.Reflection", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("uitwerking")
        verbose_name_plural = _("uitwerkingen")
        constraints = [models.UniqueConstraint(fields=["given", "student"], name="work_once_per_student")]

    def __str__(self) -> str:
        return f"{self.student} · {self.given}"


class Participation(models.Model):
    """Whether a student took part in a planned activity (the whole group at once, then absentees marked)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="participations")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="participations")
    present = models.BooleanField(_("aanwezig"), default=True)
    noted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    noted_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        constraints = [
            models.UniqueConstraint(fields=["activity", "student"], name="participation_once_per_student")
        ]
        indexes = [models.Index(fields=["student", "activity"])]

    def __str__(self) -> str:
        return f"{self.student} · {self.activity}"


def guardian_voice_path(instance: GuardianAnswer, filename: str) -> str:
    return f"guardian-answers/{instance.school_id}/{instance.student_id}/{filename}"


class GuardianAnswer(models.Model):
    """A guardian's own answer to a home assignment given to their child: text, a voice note or both, in the
    language the guardian chose. One per guardian, child and given assignment; it can be changed."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    given = models.ForeignKey(GivenAssignment, on_delete=models.CASCADE, related_name="guardian_answers")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="+")
    guardian = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("antwoord"), blank=True)
    voice = models.FileField(_("spraakbericht"), upload_to=guardian_voice_path, blank=True, max_length=300)
    voice_content_type = models.CharField(max_length=100, blank=True)
    language = models.CharField(_("taal"), max_length=8, default="nl")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("antwoord van ouder/verzorger")
        verbose_name_plural = _("antwoorden van ouders/verzorgers")
        constraints = [
            models.UniqueConstraint(
                fields=["given", "student", "guardian"], name="guardian_answer_once_per_child"
            )
        ]

    def __str__(self) -> str:
        return f"{self.guardian_id} · {self.student_id} · {self.given_id}"


class ActivityFeedback(models.Model):
    """A student's "was this useful?" after an activity they took part in: yes or no, with one optional
    line. One per student and activity (they may change their mind). Staff see it only counted per activity
    (``queries/feedback.py``), never per student; the quality area reads the same counts."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="feedback")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="+")
    useful = models.BooleanField(_("nuttig"))
    line = models.CharField(_("wat wil je erover kwijt?"), max_length=200, blank=True)
    given_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("was dit nuttig?")
        verbose_name_plural = _("was dit nuttig?")
        constraints = [
            models.UniqueConstraint(fields=["activity", "student"], name="feedback_once_per_student")
        ]

    def __str__(self) -> str:
        return f"{self.activity}"
