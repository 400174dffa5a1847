"""Career conversations (loopbaangesprekken): rounds, types with guides, the conversation itself, its
preparations, notes per phase, tags, agreements and the student's evaluation.

Agreements are dossier actions: each ``Agreement`` links one ``dossier.Action`` to the conversation where it
was made, so the student's dossier, the guardian's view and the next conversation all read the same row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from koers.dossier.models import Action, Experience
from koers.language.content import localised
from koers.lob.models import Trait
from koers.lob.vocabulary import Phase, TraitKind
from koers.schools.models import Group, RoleKind, School, SchoolYear, Student


class ConversationType(models.Model):
    """A kind of conversation with its own guide. Shipped types are copied into each school, which may adapt
    them or add its own."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(_("sleutel"), max_length=60)
    name = models.CharField(_("naam"), max_length=120)
    purpose = models.TextField(_("waar gaat dit gesprek over"), blank=True)
    with_guardians = models.BooleanField(_("met ouder/verzorger (driegesprek)"), default=False)
    is_group = models.BooleanField(_("groepsgesprek in de klas"), default=False)
    # {"phases": {"goal": {"questions": [...], "deeper": [...]}, ...}, "reminders": [...]}
    guide = models.JSONField(_("gespreksleidraad"), default=dict, blank=True)
    # Name and purpose in other languages from the shipped content, with the Dutch they were made from:
    # {"nl": {"name": ...}, "ar": {"name": ..., "purpose": ...}, "digest": ...} (language/content.py).
    translations = models.JSONField(default=dict, blank=True)
    shipped = models.BooleanField(default=False)
    active = models.BooleanField(_("in gebruik"), default=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("gesprekstype")
        verbose_name_plural = _("gesprekstypen")
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["school", "key"], name="conversation_type_key")]

    def __str__(self) -> str:
        return self.name

    @property
    def local_name(self) -> str:
        """The name in the reader's language, or the Dutch name marked ``only_dutch``."""
        return localised(self.name, self.translations, "name")

    @property
    def local_purpose(self) -> str:
        return localised(self.purpose, self.translations, "purpose")


class ConversationRound(models.Model):
    """A period in which every student of a year level has a conversation (e.g. three rounds a year)."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    school_year = models.ForeignKey(SchoolYear, on_delete=models.CASCADE, related_name="conversation_rounds")
    year_level = models.PositiveSmallIntegerField(_("leerjaar"))
    name = models.CharField(_("naam"), max_length=80)
    starts_on = models.DateField(_("van"))
    ends_on = models.DateField(_("tot en met"))
    types = models.ManyToManyField(
        ConversationType, blank=True, related_name="rounds", verbose_name=_("gesprekstypen")
    )

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("gespreksronde")
        verbose_name_plural = _("gespreksrondes")
        ordering = ["starts_on", "year_level"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="round_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ConversationStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    CLOSED = "closed", _("Afgerond")
    CANCELLED = "cancelled", _("Geannuleerd")


class Conversation(models.Model):
    """One conversation: with one student (and guardians for a driegesprek), or with a whole group."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    # RESTRICT: a type in use cannot be deleted on its own, but goes with its school.
    type = models.ForeignKey(ConversationType, on_delete=models.RESTRICT, related_name="conversations")
    round = models.ForeignKey(
        ConversationRound, on_delete=models.SET_NULL, null=True, blank=True, related_name="conversations"
    )
    student = models.ForeignKey(
        Student, on_delete=models.CASCADE, null=True, blank=True, related_name="conversations"
    )
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, null=True, blank=True, related_name="conversations"
    )
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    guardians = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    scheduled_at = models.DateTimeField(_("datum en tijd"))
    duration_minutes = models.PositiveSmallIntegerField(_("duur in minuten"), default=20)
    place = models.CharField(_("plaats"), max_length=200, blank=True)
    video_url = models.URLField(_("videolink"), blank=True)
    status = models.CharField(
        max_length=10, choices=ConversationStatus.choices, default=ConversationStatus.PLANNED
    )
    # Raised on every reschedule or cancellation, so calendars replace the earlier invitation (.ics SEQUENCE).
    calendar_sequence = models.PositiveIntegerField(default=0)
    student_chairs = models.BooleanField(_("de leerling leidt het gesprek"), default=False)
    # The conversation itself.
    goal = models.TextField(_("doel of onderwerp"), blank=True)
    # The mentor's own aim for the conversation (what they want to find out or help with). Staff only: the
    # agenda is the student's (the mirror asks who set it), so the student and guardians never see it and it
    # stays out of every family copy (transfer/register.py, staff_only).
    mentor_goal = models.TextField(_("mijn doel als begeleider"), blank=True)
    summary = models.TextField(_("samenvatting"), blank=True)
    next_topics = models.TextField(_("onderwerpen voor de volgende keer"), blank=True)
    shared_with_guardians = models.BooleanField(_("samenvatting zichtbaar voor ouders"), default=False)
    # The student's one-minute evaluation (1 = no, 2 = a bit, 3 = yes) and what the mentor noticed.
    evaluation_useful = models.PositiveSmallIntegerField(null=True, blank=True)
    evaluation_room = models.PositiveSmallIntegerField(null=True, blank=True)
    evaluation_comment = models.TextField(blank=True)
    mentor_reflection = models.TextField(_("wat werkte goed"), blank=True)
    # The mirror of a good conversation, derived when the conversation is closed (see domain.mirror_of).
    mirror = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        ordering = ["-scheduled_at"]
        indexes = [
            models.Index(fields=["student", "-scheduled_at"]),
            models.Index(fields=["mentor", "-scheduled_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(student__isnull=False) | Q(group__isnull=False), name="conversation_has_someone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.type} · {self.student or self.group}"


class Preparation(models.Model):
    """What the student (or, in a driegesprek, a guardian) wants from the conversation, written beforehand."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="preparations")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_role = models.CharField(max_length=16, choices=RoleKind.choices)
    talk_about = models.TextField(_("waar wil ik over praten"), blank=True)
    hope_to_get = models.TextField(_("wat moet dit gesprek mij opleveren"), blank=True)
    experience = models.ForeignKey(
        Experience,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ervaring die ik meeneem"),
    )
    voice = models.FileField(upload_to="preparations/", blank=True, max_length=300)
    voice_content_type = models.CharField(max_length=100, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("voorbereiding")
        verbose_name_plural = _("voorbereidingen")
        constraints = [
            models.UniqueConstraint(fields=["conversation", "author"], name="one_preparation_per_author")
        ]

    def __str__(self) -> str:
        return f"{self.author} · {self.conversation}"


class PhaseNote(models.Model):
    """Quick notes for one phase of one conversation; saved automatically while typing."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="phase_notes")
    phase = models.CharField(max_length=20, choices=Phase.choices)
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("aantekening")
        verbose_name_plural = _("aantekeningen")
        constraints = [models.UniqueConstraint(fields=["conversation", "phase"], name="one_note_per_phase")]

    def __str__(self) -> str:
        return f"{self.get_phase_display()} · {self.conversation}"


class PrivateNote(models.Model):
    """A mentor's own note on a conversation: visible to that mentor only."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="private_notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("persoonlijke notitie")
        verbose_name_plural = _("persoonlijke notities")
        constraints = [models.UniqueConstraint(fields=["conversation", "author"], name="one_private_note")]

    def __str__(self) -> str:
        return f"{self.author} · {self.conversation}"


class TagKind(models.TextChoices):
    QUALITY = TraitKind.QUALITY.value, _("Kwaliteit")
    MOTIVE = TraitKind.MOTIVE.value, _("Motief")
    OCCUPATION = "occupation", _("Beroep")


class ConversationTag(models.Model):
    """A quality, motive or occupation that came up, tagged with one tap during the conversation."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="tags")
    kind = models.CharField(max_length=12, choices=TagKind.choices)
    trait = models.ForeignKey(Trait, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    text = models.CharField(_("beroep of eigen woorden"), max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(trait__isnull=False) | ~Q(text=""), name="tag_has_content"),
        ]

    def __str__(self) -> str:
        return self.text or str(self.trait)


class Party(models.TextChoices):
    STUDENT = "student", _("Leerling")
    MENTOR = "mentor", _("Mentor")
    GUARDIAN = "guardian", _("Ouder/verzorger")
    SUPERVISOR = "supervisor", _("Stagebegeleider")


class Agreement(models.Model):
    """An agreement made in a conversation. The what/when/status live on the linked dossier action."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    conversation = models.ForeignKey(Conversation, on_delete=models.CASCADE, related_name="agreements")
    action = models.OneToOneField(Action, on_delete=models.CASCADE, related_name="agreement")
    party = models.CharField(_("voor wie"), max_length=12, choices=Party.choices)
    # Set when a later conversation looked back at this agreement.
    revisited_in = models.ForeignKey(
        Conversation, on_delete=models.SET_NULL, null=True, blank=True, related_name="revisited_agreements"
    )

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["pk"]

    def __str__(self) -> str:
        return str(self.action)
