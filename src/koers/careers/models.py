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
from django.utils.translation import gettext_lazy as _
from django_scopes import get_scope
from django_scopes.manager import DisabledQuerySet

from koers.language.content import pick_text
from koers.lob.models import Trait
from koers.schools.models import School


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


class ProgrammeKind(models.TextChoices):
    MBO = "mbo", _("mbo")
    HBO = "hbo", _("hbo")
    WO = "wo", _("wo")


class Route(models.TextChoices):
    BOL = "bol", _("bol (vooral op school)")
    BBL = "bbl", _("bbl (werken en leren)")


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
        if self.kind != ProgrammeKind.MBO:
            return self.get_kind_display()
        if self.level == 1:
            return str(_("mbo entree (niveau 1)"))
        return str(_("mbo niveau %(level)s") % {"level": self.level})


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
