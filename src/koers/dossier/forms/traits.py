"""Forms for qualities and motives."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.common.forms import Form, VersionedFormMixin
from koers.dossier.forms.overview import ExperienceChoiceField, TraitChoiceField, share_field
from koers.dossier.models import Experience
from koers.language.simple import simpler
from koers.lob.models import Trait
from koers.lob.vocabulary import TraitKind

TRAIT_TEXTS = {
    TraitKind.QUALITY: {
        "trait": _("Kies een kwaliteit"),
        "own_words": _("Of zeg het in je eigen woorden"),
        "experiences": _("Bij welke ervaringen liet je dit zien?"),
    },
    TraitKind.MOTIVE: {
        "trait": _("Kies een motief: wat vind je belangrijk, waar krijg je energie van?"),
        "own_words": _("Of zeg het in je eigen woorden"),
        "experiences": _("Bij welke ervaringen merkte je dit?"),
    },
}


class TraitClaimForm(Form):
    """Add a quality or motive: from the catalogue (pictogram tiles) or in the student's own words."""

    trait = TraitChoiceField(
        queryset=Trait.objects.none(), required=False, widget=forms.RadioSelect, empty_label=None
    )
    own_words = forms.CharField(max_length=200, required=False)
    experiences = ExperienceChoiceField(
        queryset=Experience.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, kind: str, experiences: Any, share_default: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        texts = TRAIT_TEXTS[TraitKind(kind)]
        self.fields["trait"].queryset = Trait.objects.filter(kind=kind).order_by("order", "pk")  # type: ignore[attr-defined]
        self.fields["experiences"].queryset = experiences  # type: ignore[attr-defined]
        for name, label in texts.items():
            self.fields[name].label = label
        self.fields["own_words"].help_text = _("Bijvoorbeeld: “ik blijf rustig als het druk is”.")
        self.fields["shared"] = share_field(share_default)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            not cleaned.get("trait")
            and not (cleaned.get("own_words") or "").strip()
            and not self.has_error("own_words")
        ):
            self.add_error("trait", _("Kies er een uit de lijst, of schrijf hem op in je eigen woorden."))
        return cleaned


class TraitEditForm(VersionedFormMixin, Form):
    own_words = forms.CharField(label=_("In mijn eigen woorden"), max_length=200, required=False)
    experiences = ExperienceChoiceField(
        label=simpler(_("Bij welke ervaringen liet je dit zien?"), _("Wanneer deed je dit?")),
        queryset=Experience.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, experiences: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["experiences"].queryset = experiences  # type: ignore[attr-defined]
