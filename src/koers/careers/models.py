"""The careers catalogue: sectors, mbo domains, occupations, programmes, the interest test's fields and items.

Sectors, domains and the interest test are shipped content only (like lob's Trait). Occupations and programmes
are shipped rows (``school`` empty, loaded from ``careers/content/``) plus the rows a school adds itself
(``school`` set). Their manager is scoped like every school-owned table, but shows the shipped rows next to
the active school's own: another school's additions stay invisible.

Texts are stored per language in a JSON object, e.g. ``{"nl": "...", "nl_simple": "...", "en": "...",
"ar": "..."}``; Dutch is the fallback for any missing language (``pick_text``).
"""

from __future__ import annotations

import copy
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager, get_scope
from django_scopes.manager import DisabledQuerySet

from koers.careers.vocabulary import EventKind, Outlook, ProgrammeKind, level_label
from koers.language.content import pick_text
from koers.lob.models import Trait
from koers.schools.models import School, Student


class CatalogueManager(models.Manager[Any]):
    """Scoped by school, with the shipped rows (school empty) visible in every school's scope.

    Outside a scope every read raises ScopeError (``with_scopes_disabled()`` or django-scopes'
    ``scopes_disabled()`` reads everything), exactly like ``ScopedManager(school="school")``."""

    _override: dict[str, Any] | None = None

    def with_scopes_disabled(self) -> CatalogueManager:
        cloned = copy.copy(self)
        cloned._override = {"_enabled": False}
        return cloned

    def with_scope(self, **scope: Any) -> CatalogueManager:
        cloned = copy.copy(self)
        cloned._override = {**scope, "_enabled": True}
        return cloned

    def get_queryset(self) -> models.QuerySet[Any]:
        scope = self._override if self._override is not None else get_scope()
        if not scope.get("_enabled", True):
            return super().get_queryset()
        if "school" not in scope:
            return DisabledQuerySet(self.model, using=self._db, missing_scopes={"school"})
        school = scope["school"]
        if isinstance(school, list | tuple):
            return super().get_queryset().filter(Q(school__isnull=True) | Q(school__in=school))
        return super().get_queryset().filter(Q(school__isnull=True) | Q(school=school))


class Sector(models.Model):
    """A world of work (zorg, techniek, horeca ...), with a pictogram and one or two simple sentences."""

    key = models.SlugField(_("sleutel"), max_length=60, unique=True)
    icon = models.CharField(_("pictogram"), max_length=60)
    texts = models.JSONField(_("naam per taal"))
    descriptions = models.JSONField(_("uitleg per taal"), default=dict)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectoren")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_text(self.texts)

    @property
    def description(self) -> str:
        return pick_text(self.descriptions) if self.descriptions else ""


class MboDomain(models.Model):
    """A domain mbo programmes are grouped in (Zorg en welzijn, Techniek en procesindustrie ...)."""

    key = models.SlugField(_("sleutel"), max_length=60, unique=True)
    texts = models.JSONField(_("naam per taal"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("mbo-domein")
        verbose_name_plural = _("mbo-domeinen")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_text(self.texts)


class CatalogueEntry(models.Model):
    """What occupations and programmes share: shipped (school empty) or the school's own, a stable key."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    key = models.SlugField(_("sleutel"), max_length=80)
    texts = models.JSONField(_("naam per taal"))
    descriptions = models.JSONField(_("uitleg per taal"), default=dict, blank=True)
    order = models.PositiveIntegerField(default=0)

    objects = CatalogueManager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def shipped(self) -> bool:
        return self.school_id is None

    @property
    def name(self) -> str:
        return pick_text(self.texts)

    @property
    def dutch_name(self) -> str:
        return str(self.texts.get("nl", ""))

    @property
    def description(self) -> str:
        return pick_text(self.descriptions) if self.descriptions else ""


class Programme(CatalogueEntry):
    """An mbo programme (level 1-4, domain, bol/bbl) or an hbo/wo study area."""

    kind = models.CharField(_("soort"), max_length=3, choices=ProgrammeKind.choices)
    level = models.PositiveSmallIntegerField(_("niveau"), null=True, blank=True)  # mbo 1-4; 1 = entree
    mbo_domain = models.ForeignKey(
        MboDomain, on_delete=models.PROTECT, null=True, blank=True, related_name="programmes"
    )
    routes = models.JSONField(_("leerwegen"), default=list, blank=True)  # subset of Route values
    years = models.DecimalField(_("duur in jaren"), max_digits=3, decimal_places=1, null=True, blank=True)
    crebo = models.CharField(_("crebonummer"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("opleiding")
        verbose_name_plural = _("opleidingen")
        ordering = ["kind", "level", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(school__isnull=True), name="careers_programme_shipped_key"
            ),
            models.UniqueConstraint(
                fields=["school", "key"], condition=Q(school__isnull=False), name="careers_programme_own_key"
            ),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__gte=1, level__lte=4),
                name="careers_programme_level",
            ),
        ]

    @property
    def level_label(self) -> str:
        return level_label(self.kind, self.level)


class Occupation(CatalogueEntry):
    """An occupation: what you do, where, the qualities and motives it asks, programmes that lead to it."""

    isco = models.CharField(_("ISCO-08-code"), max_length=4, blank=True)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="occupations")
    mbo_domain = models.ForeignKey(
        MboDomain, on_delete=models.PROTECT, null=True, blank=True, related_name="occupations"
    )
    icon = models.CharField(_("pictogram"), max_length=60)
    tasks = models.JSONField(_("wat je doet"), default=list, blank=True)  # Dutch phrases
    workplaces = models.JSONField(_("waar je werkt"), default=list, blank=True)
    traits = models.ManyToManyField(
        Trait, blank=True, related_name="+", verbose_name=_("kwaliteiten en motieven")
    )
    programmes = models.ManyToManyField(
        Programme, blank=True, related_name="occupations", verbose_name=_("opleidingen")
    )

    class Meta:
        verbose_name = _("beroep")
        verbose_name_plural = _("beroepen")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(school__isnull=True), name="careers_occupation_shipped_key"
            ),
            models.UniqueConstraint(
                fields=["school", "key"], condition=Q(school__isnull=False), name="careers_occupation_own_key"
            ),
        ]


class InterestField(models.Model):
    """A field of interest of the interest test (doing things with your hands, caring for people ...)."""

    key = models.SlugField(_("sleutel"), max_length=60, unique=True)
    icon = models.CharField(_("pictogram"), max_length=60)
    texts = models.JSONField(_("naam per taal"))
    descriptions = models.JSONField(_("uitleg per taal"), default=dict)
    sectors = models.ManyToManyField(Sector, blank=True, related_name="interest_fields")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("interessegebied")
        verbose_name_plural = _("interessegebieden")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_text(self.texts)

    @property
    def description(self) -> str:
        return pick_text(self.descriptions) if self.descriptions else ""


class InterestItem(models.Model):
    """One statement of the interest test: a picture and a short sentence ("Ik repareer graag een fiets.")."""

    key = models.SlugField(_("sleutel"), max_length=60, unique=True)
    field = models.ForeignKey(InterestField, on_delete=models.CASCADE, related_name="items")
    icon = models.CharField(_("pictogram"), max_length=60)
    texts = models.JSONField(_("zin per taal"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("uitspraak van de interessetest")
        verbose_name_plural = _("uitspraken van de interessetest")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return pick_text(self.texts)


# --- what a school adds: corrections, hidden entries, prospects, regional offers, open days -----------------


class CatalogueEdit(models.Model):
    """A school's correction of a shipped occupation or programme (name, description) or its hiding."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("naam"), max_length=120, blank=True)
    description = models.TextField(_("uitleg"), blank=True)
    hidden = models.BooleanField(_("verbergen"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("aanpassing van de school")
        verbose_name_plural = _("aanpassingen van de school")
        constraints = [
            models.CheckConstraint(
                condition=Q(occupation__isnull=False, programme__isnull=True)
                | Q(occupation__isnull=True, programme__isnull=False),
                name="careers_edit_one_entry",
            ),
            models.UniqueConstraint(fields=["school", "occupation"], name="careers_edit_occupation_once"),
            models.UniqueConstraint(fields=["school", "programme"], name="careers_edit_programme_once"),
        ]

    def __str__(self) -> str:
        return f"{self.occupation or self.programme}"


class Prospect(models.Model):
    """The region's prospects for an occupation as the counsellor recorded them, with source and date."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="prospects")
    outlook = models.CharField(_("kansen"), max_length=8, choices=Outlook.choices)
    source = models.CharField(_("bron"), max_length=200)
    source_url = models.URLField(_("link naar de bron"), blank=True)
    dated = models.DateField(_("datum van de bron"))

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("arbeidsmarktkans")
        verbose_name_plural = _("arbeidsmarktkansen")
        constraints = [
            models.UniqueConstraint(fields=["school", "occupation"], name="careers_prospect_once"),
            models.CheckConstraint(condition=~Q(source=""), name="careers_prospect_has_source"),
        ]

    def __str__(self) -> str:
        return f"{self.occupation}: {self.get_outlook_display()} ({self.source}, {self.dated})"


class Offer(models.Model):
    """A regional school that offers a programme, with a link."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="offers")
    institution = models.CharField(_("school of instelling"), max_length=120)
    place = models.CharField(_("plaats"), max_length=80, blank=True)
    url = models.URLField(_("link"), blank=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("aanbieder")
        verbose_name_plural = _("aanbieders")
        ordering = ["institution"]

    def __str__(self) -> str:
        return self.institution


class OpenDay(models.Model):
    """An open day, taster day or education fair the counsellor recorded."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("soort"), max_length=12, choices=EventKind.choices, default=EventKind.OPEN_DAY)
    institution = models.CharField(_("school of instelling"), max_length=120)
    programme = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opleiding"),
    )
    date = models.DateField(_("datum"))
    place = models.CharField(_("plaats"), max_length=120, blank=True)
    url = models.URLField(_("link"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("open dag")
        verbose_name_plural = _("open dagen")
        ordering = ["date", "institution"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.institution}"


# --- the student's own: favourites, "does this fit me?", interest test results, open days they go to ------


class StudentItem(models.Model):
    """Fields every careers item of a student has, as the dossier's items: school, student, sharing, times."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="+")
    shared_with_guardians = models.BooleanField(_("zichtbaar voor ouders"), default=False)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = ScopedManager(school="school")

    class Meta:
        abstract = True


class Favourite(StudentItem):
    """An occupation ("mijn beroepen") or a programme ("mijn opleidingen") the student keeps."""

    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("favoriet")
        verbose_name_plural = _("favorieten")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(occupation__isnull=False, programme__isnull=True)
                | Q(occupation__isnull=True, programme__isnull=False),
                name="careers_favourite_one_entry",
            ),
            models.UniqueConstraint(
                fields=["student", "occupation"], name="careers_favourite_occupation_once"
            ),
            models.UniqueConstraint(fields=["student", "programme"], name="careers_favourite_programme_once"),
        ]

    def __str__(self) -> str:
        return str(self.occupation or self.programme)


class FitReflection(StudentItem):
    """ "Does this fit me?": what attracts the student in an occupation, what they doubt, what to find out."""

    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="+")
    attracts = models.TextField(_("wat trekt me aan?"), blank=True)
    doubts = models.TextField(_("waar twijfel ik over?"), blank=True)
    find_out = models.TextField(_("wat wil ik nog uitzoeken?"), blank=True)
    voice = models.FileField(_("ingesproken"), upload_to="careers/voice/%Y/%m/", blank=True, max_length=300)
    voice_content_type = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("past dit bij mij?")
        verbose_name_plural = _("past dit bij mij?")
        constraints = [
            models.UniqueConstraint(fields=["student", "occupation"], name="careers_fit_once"),
        ]

    def __str__(self) -> str:
        return str(self.occupation)


class InterestResult(StudentItem):
    """One run of the interest test: the answer per item (0 no, 1 maybe, 2 yes) and the score per field."""

    answers = models.JSONField(default=dict)
    scores = models.JSONField(default=dict)
    experience = models.ForeignKey(
        "dossier.Experience", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("uitslag van de interessetest")
        verbose_name_plural = _("uitslagen van de interessetest")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.created_at:%Y-%m-%d}"

    def top_fields(self, count: int = 3) -> list[str]:
        ranked = sorted(self.scores.items(), key=lambda kv: (-kv[1], kv[0]))
        return [key for key, score in ranked[:count] if score > 0]


class OpenDayVisit(StudentItem):
    """A student marked "I go" for an open day; afterwards they reflect on it."""

    open_day = models.ForeignKey(OpenDay, on_delete=models.CASCADE, related_name="visits")
    reflection = models.TextField(_("hoe was het?"), blank=True)

    class Meta:
        verbose_name = _("ik ga naar een open dag")
        verbose_name_plural = _("ik ga naar open dagen")
        constraints = [models.UniqueConstraint(fields=["student", "open_day"], name="careers_visit_once")]

    def __str__(self) -> str:
        return str(self.open_day)


class AmbitionLink(models.Model):
    """An ambition of the dossier that points to an occupation or programme of the catalogue."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    ambition = models.OneToOneField("dossier.Ambition", on_delete=models.CASCADE, related_name="+")
    occupation = models.ForeignKey(
        Occupation, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )

    objects = ScopedManager(school="school")

    class Meta:
        verbose_name = _("droom met beroep of opleiding")
        verbose_name_plural = _("dromen met beroep of opleiding")

    def __str__(self) -> str:
        return str(self.occupation or self.programme)
