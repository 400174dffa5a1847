"""Fields the dossier's forms share.

Forms only parse input; the rules live in ``dossier.domain``. Model forms here are never saved
and never bound to a stored instance (an edit form gets ``initial`` values), so a rejected edit cannot
change anything in memory either.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from koers.language.simple import simpler
from koers.pictograms.render import tile_label


class TraitChoiceField(forms.ModelChoiceField):
    """A catalogue trait shown as a tile: the pictogram always with its name; screen readers read the name."""

    def label_from_instance(self, obj: Any) -> str:
        return tile_label(obj.icon, obj.name)


class ExperienceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({date_format(obj.happened_on, 'j M Y')})"


class OptionalExperienceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({date_format(obj.happened_on, 'j M Y')})"


def share_field(initial: bool) -> forms.BooleanField:
    return forms.BooleanField(
        label=simpler(_("Mijn ouders of verzorgers mogen dit zien"), _("Mijn ouders mogen dit zien")),
        required=False,
        initial=initial,
        help_text=simpler(_("Je kunt dit later altijd nog veranderen."), _("Je kunt dit later veranderen.")),
    )
