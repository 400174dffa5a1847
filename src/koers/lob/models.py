"""Catalogues shipped as content: qualities, motives, reflection prompts.

Texts are stored per language in a JSON object, e.g. ``{"nl": "...", "en": "..."}``, with an optional
simple-language variant under ``"nl_simple"``. Dutch is the fallback for any missing language.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.language.content import pick_text
from koers.lob.vocabulary import Competence, TraitKind


class Trait(models.Model):
    """A quality (kwaliteit) or motive (motief) from the catalogue, in plain words with an icon."""

    kind = models.CharField(_("soort"), max_length=10, choices=TraitKind.choices)
    key = models.SlugField(_("sleutel"), max_length=60)
    icon = models.CharField(_("pictogram"), max_length=8)
    texts = models.JSONField(_("naam per taal"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("kwaliteit of motief")
        verbose_name_plural = _("kwaliteiten en motieven")
        ordering = ["kind", "order"]
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="trait_unique_key")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_text(self.texts)


class ReflectionPrompt(models.Model):
    """A short question that helps a student reflect on an experience for one competence."""

    competence = models.CharField(_("loopbaancompetentie"), max_length=20, choices=Competence.choices)
    key = models.SlugField(_("sleutel"), max_length=60)
    texts = models.JSONField(_("vraag per taal"))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("reflectievraag")
        verbose_name_plural = _("reflectievragen")
        ordering = ["competence", "order"]
        constraints = [models.UniqueConstraint(fields=["competence", "key"], name="prompt_unique_key")]

    def __str__(self) -> str:
        return self.question

    @property
    def question(self) -> str:
        return pick_text(self.texts)
