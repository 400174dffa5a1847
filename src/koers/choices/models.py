"""Choices a student makes along the way: choice moments set by the counsellor, the student's argued choice
with its confirmations, the choice status (knows / doubts / no idea), the school's elective modules with the
students' rankings and the fair allocation's placements."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from koers.careers.models import CatalogueEntry, InterestResult, Occupation, Programme
from koers.dossier.models import Action, Reflection, StudentTrait
from koers.schools.models import School, SchoolYear, Student, Track


class MomentKind(models.TextChoices):
    PROFILE = "profile", _("sector of profiel")
    ROUTE = "route", _("leerroute per examenonderdeel")
    MODULES = "modules", _("keuzemodules")
    INTERNSHIP = "internship", _("stage")
    FOLLOW_UP = "follow_up", _("vervolgopleiding")
    OWN = "own", _("eigen keuze van de school")


class ChoiceMoment(models.Model):
    """A moment at which the students of one track and year level choose, within a window."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="choice_moments")
    kind = models.CharField(_("soort keuze"), max_length=12, choices=MomentKind.choices)
    title = models.CharField(_("titel"), max_length=120)
    explanation = models.TextField(_("uitleg voor leerlingen"), blank=True)
    track = models.CharField(_("leerweg"), max_length=8, choices=Track.choices)
    year_level = models.PositiveSmallIntegerField(_("leerjaar"))
    opens_on = models.DateField(_("kiezen vanaf"))
    closes_on = models.DateField(_("kiezen tot en met"))
    mentor_confirms = models.BooleanField(_("de mentor bevestigt"), default=True)
    guardian_confirms = models.BooleanField(
        _("een ouder met gezag bevestigt (leerling jonger dan 16)"), default=True
    )
    counsellor_confirms = models.BooleanField(_("de decaan bevestigt"), default=False)
    remind_days_before = models.PositiveSmallIntegerField(_("herinneren, dagen voor het einde"), default=7)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("keuzemoment")
        verbose_name_plural = _("keuzemomenten")
        ordering = ["closes_on", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=F("opens_on")), name="choice_moment_window"),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, day: object = None) -> bool:
        today = day or timezone.localdate()
        return self.opens_on <= today <= self.closes_on  # type: ignore[operator]


class Application(models.TextChoices):
    NONE = "", _("nog niet aangemeld")
    APPLIED = "applied", _("aangemeld")
    INTAKE = "intake", _("intake gehad")
    ADMITTED = "admitted", _("toegelaten")


class Choice(models.Model):
    """What a student chose at a moment, and why: their argument, the experiences that support it, what they
    still want to find out. Revising it takes away the confirmations it had."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    moment = models.ForeignKey(ChoiceMoment, on_delete=models.CASCADE, related_name="choices")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="choices")
    chosen = models.CharField(_("wat ik kies"), max_length=200)
    why = models.TextField(_("waarom ik dit kies"), blank=True)
    found_out = models.TextField(_("wat ik deed en ontdekte dat hierbij past"), blank=True)
    still_to_find_out = models.TextField(_("wat ik nog wil uitzoeken"), blank=True)
    experiences = models.ManyToManyField(
        "dossier.Experience",
        blank=True,
        related_name="+",
        verbose_name=_("ervaringen die mijn keuze steunen"),
    )
    # What else supports the choice, linked from the dossier and the careers catalogue (all the student's own,
    # the catalogue's shipped rows or the school's own).
    reflections: models.ManyToManyField[Reflection, Any] = models.ManyToManyField(
        Reflection, blank=True, related_name="+", verbose_name=_("reflecties")
    )
    traits: models.ManyToManyField[StudentTrait, Any] = models.ManyToManyField(
        StudentTrait, blank=True, related_name="+", verbose_name=_("kwaliteiten en motieven")
    )
    occupations: models.ManyToManyField[Occupation, Any] = models.ManyToManyField(
        Occupation, blank=True, related_name="+", verbose_name=_("beroepen")
    )
    linked_programmes: models.ManyToManyField[Programme, Any] = models.ManyToManyField(
        Programme, blank=True, related_name="+", verbose_name=_("opleidingen die erbij passen")
    )
    interest_results: models.ManyToManyField[InterestResult, Any] = models.ManyToManyField(
        InterestResult,
        blank=True,
        related_name="+",
        verbose_name=_("uitslagen van de interessetest"),
    )
    # The reasons spoken instead of (or next to) typed; kept only with the consent for voice recordings.
    voice = models.FileField(_("ingesproken"), upload_to="choices/voice/%Y/%m/", blank=True, max_length=300)
    voice_content_type = models.CharField(max_length=100, blank=True)
    # Open points ("what I still want to find out") the mentor turned into agreements in a conversation.
    agreed_actions: models.ManyToManyField[Action, Any] = models.ManyToManyField(
        Action, blank=True, related_name="+", verbose_name=_("afspraken")
    )
    # Made or revised in this conversation (guide mode), when it was.
    conversation = models.ForeignKey(
        "conversations.Conversation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Follow-up education: the programme from the careers catalogue (shipped or the school's own) and the
    # school that offers it.
    programme = models.ForeignKey(
        "careers.Programme",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opleiding"),
    )
    institution = models.CharField(_("school of instelling"), max_length=160, blank=True)
    # Profile or learning route: the vocational programme chosen (its route steps hang on the choice).
    vocational_programme = models.ForeignKey(
        "choices.VocationalProgramme",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beroepsgericht programma"),
    )
    application = models.CharField(
        _("aanmelding"), max_length=10, choices=Application.choices, default=Application.NONE, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("keuze")
        verbose_name_plural = _("keuzes")
        constraints = [models.UniqueConstraint(fields=["moment", "student"], name="one_choice_per_moment")]

    def __str__(self) -> str:
        return self.chosen

    @property
    def is_argued(self) -> bool:
        return bool(self.why.strip() or self.voice)


class Confirmer(models.TextChoices):
    MENTOR = "mentor", _("mentor")
    GUARDIAN = "guardian", _("ouder")
    COUNSELLOR = "counsellor", _("decaan")


class Confirmation(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="confirmations")
    confirmer = models.CharField(max_length=10, choices=Confirmer.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["choice", "confirmer"], name="one_confirmation_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.choice_id}: {self.confirmer}"


class Stance(models.TextChoices):
    KNOWS = "knows", _("weet wat ik wil")
    DOUBTS = "doubts", _("twijfel")
    NO_IDEA = "no_idea", _("heb nog geen idee")
    NOT_OFFERED = "elsewhere", _("wil iets wat deze school niet biedt")


class ChoiceStance(models.Model):
    """Where the student stands with their choices now; kept up by the student and the mentor."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    student = models.OneToOneField(Student, on_delete=models.CASCADE, related_name="choice_stance")
    stance = models.CharField(_("hoe sta ik ervoor"), max_length=10, choices=Stance.choices)
    note = models.CharField(_("toelichting"), max_length=200, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(school="school")

    def __str__(self) -> str:
        return str(self.stance)


PERIODS = (1, 2, 3, 4)


class Module(models.Model):
    """An elective module of the school year, run in one or more periods of about eight weeks."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(_("titel"), max_length=120)
    description = models.TextField(_("omschrijving"), blank=True)
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("docent"),
    )
    room = models.CharField(_("lokaal"), max_length=40, blank=True)
    min_size = models.PositiveSmallIntegerField(_("minimale groepsgrootte"), default=8)
    max_size = models.PositiveSmallIntegerField(_("maximale groepsgrootte"), default=20)
    tracks = models.JSONField(_("leerwegen"), default=list)
    year_levels = models.JSONField(_("leerjaren"), default=list)
    periods = models.JSONField(_("periodes"), default=list)
    # The closing presentation or exhibition, planned as an activity of the school's programme (with
    # guardians); linked, so the programme keeps its one row.
    presentation = models.ForeignKey(
        "programme.Activity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afsluitende presentatie"),
    )

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("keuzemodule")
        verbose_name_plural = _("keuzemodules")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=Q(max_size__gte=F("min_size")), name="module_sizes"),
        ]

    def __str__(self) -> str:
        return self.title

    def open_to(self, track: str, year_level: int) -> bool:
        return track in self.tracks and year_level in self.year_levels


class Preference(models.Model):
    """One line of a student's ranking of modules for a school year (1 = most wanted)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="module_preferences")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="preferences")
    rank = models.PositiveSmallIntegerField()

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["student", "module"], name="module_ranked_once"),
            models.UniqueConstraint(fields=["student", "school_year", "rank"], name="one_module_per_rank"),
        ]

    def __str__(self) -> str:
        return f"{self.rank}: {self.module_id}"


class Placement(models.Model):
    """A student's place in a module in one period, as the allocation (or the counsellor) decided."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="placements")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="placements")
    period = models.PositiveSmallIntegerField(_("periode"))
    # The rank the student gave this module; None: a module they did not list.
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    # Kept by a re-run: the counsellor fixed this place.
    locked = models.BooleanField(_("vastgezet"), default=False)
    # The experience the student recorded in the dossier at the end of the module.
    experience = models.ForeignKey(
        "dossier.Experience", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["period"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "school_year", "period"], name="one_module_per_period"
            ),
            models.UniqueConstraint(fields=["student", "module"], name="module_not_twice"),
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.module_id}"


class AllocationRun(models.Model):
    """One run of the allocation: when, by whom, and its figures (for the counsellor's page)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="+")
    ran_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    figures = models.JSONField(default=dict)
    # Modules that fell below their minimum and were cancelled: [[module id, period], ...]
    cancelled = models.JSONField(default=list)

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["-ran_at"]

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d %H:%M}"


# --- vocational programmes and the learning route per exam unit -----------------------------------------


class UnitKind(models.TextChoices):
    PROFILE = "profile", _("profielmodule")
    ELECTIVE = "elective", _("beroepsgericht keuzevak")
    OWN = "own", _("eigen onderdeel van de school")


class VocationalProgramme(CatalogueEntry):
    """A vocational programme of vmbo basis, kader and gemengd: one of the ten shipped profiles (school empty,
    loaded from ``choices/content/``) or a programme of the school's own."""

    class Meta:
        verbose_name = _("beroepsgericht programma")
        verbose_name_plural = _("beroepsgerichte programma's")
        ordering = ["order", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(school__isnull=True), name="choices_programme_shipped_key"
            ),
            models.UniqueConstraint(
                fields=["school", "key"], condition=Q(school__isnull=False), name="choices_programme_own_key"
            ),
        ]


class ExamUnit(CatalogueEntry):
    """An exam unit of a programme: a profile unit (shipped), or an elective vocational unit or own unit the
    school adds. ``tracks`` empty: open to every track that follows the programme."""

    programme = models.ForeignKey(VocationalProgramme, on_delete=models.CASCADE, related_name="units")
    kind = models.CharField(_("soort"), max_length=10, choices=UnitKind.choices, default=UnitKind.PROFILE)
    tracks = models.JSONField(_("leerwegen"), default=list, blank=True)

    class Meta:
        verbose_name = _("examenonderdeel")
        verbose_name_plural = _("examenonderdelen")
        ordering = ["programme__order", "programme__key", "order", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(school__isnull=True), name="choices_unit_shipped_key"
            ),
            models.UniqueConstraint(
                fields=["school", "key"], condition=Q(school__isnull=False), name="choices_unit_own_key"
            ),
        ]

    def open_to(self, track: str) -> bool:
        return not self.tracks or track in self.tracks


class Deepening(models.Model):
    """A deepening the school offers for an exam unit (shipped or its own)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(ExamUnit, on_delete=models.CASCADE, related_name="deepenings")
    title = models.CharField(_("verdieping"), max_length=120)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("verdieping")
        verbose_name_plural = _("verdiepingen")
        ordering = ["order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["school", "unit", "title"], name="deepening_once_per_unit"),
        ]

    def __str__(self) -> str:
        return self.title


class Way(models.TextChoices):
    EXPLORE = "explore", _("alleen verkennen")
    DEEPEN = "deepen", _("verdiepen")
    BROADEN = "broaden", _("verbreden")


class RouteStep(models.Model):
    """How a student takes one exam unit of their programme: explore only, deepen (with one of the school's
    deepenings) or broaden with a unit of another programme. The steps belong to the student's choice at a
    route moment, so they are confirmed, revised and shown with it."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    choice = models.ForeignKey(Choice, on_delete=models.CASCADE, related_name="route_steps")
    unit = models.ForeignKey(ExamUnit, on_delete=models.PROTECT, related_name="+")
    way = models.CharField(_("hoe"), max_length=8, choices=Way.choices, default=Way.EXPLORE)
    deepening = models.ForeignKey(
        Deepening, on_delete=models.PROTECT, null=True, blank=True, related_name="steps"
    )
    broaden_with = models.ForeignKey(
        ExamUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(school="school")

    class Meta:
        ordering = ["unit__order", "unit__key"]
        constraints = [
            models.UniqueConstraint(fields=["choice", "unit"], name="one_step_per_unit"),
            models.CheckConstraint(
                condition=Q(way="deepen", deepening__isnull=False, broaden_with__isnull=True)
                | Q(way="broaden", deepening__isnull=True, broaden_with__isnull=False)
                | Q(way="explore", deepening__isnull=True, broaden_with__isnull=True),
                name="route_step_way",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}: {self.way}"
