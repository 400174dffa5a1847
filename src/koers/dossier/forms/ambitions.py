"""Forms for ambitions and their steps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.common.forms import DateInput, ModelForm, VersionedFormMixin
from koers.dossier.forms.overview import share_field
from koers.dossier.models import Ambition, AmbitionStep
from koers.language.simple import simpler


class AmbitionForm(VersionedFormMixin, ModelForm):
    class Meta:
        model = Ambition
        fields = ["dream", "why"]
        widgets = {"why": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "dream": simpler(
                _("Groot of klein: een beroep, een opleiding, iets wat je ooit wilt kunnen."),
                _("Wat wil je later worden of doen?"),
            ),
            "why": simpler(_("Wat trekt je erin? Waar komt deze droom vandaan?"), _("Waarom wil je dit?")),
        }
        error_messages = {
            "dream": {"required": _("Schrijf op waar je van droomt, al is het maar een paar woorden.")}
        }

    def __init__(self, *args: Any, share_default: bool | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if share_default is not None:
            self.fields["shared"] = share_field(share_default)


class StepForm(ModelForm):
    class Meta:
        model = AmbitionStep
        fields = ["text", "due_on"]
        widgets = {"due_on": DateInput()}
        labels = {
            "text": simpler(_("Wat is een kleine volgende stap?"), _("Wat ga je nu doen?")),
            "due_on": simpler(_("Wanneer wil je dit doen? (mag leeg)"), _("Wanneer? Dat hoeft niet.")),
        }
        help_texts = {
            "text": simpler(
                _("Iets wat je echt kunt doen, bijvoorbeeld “een filmpje over het beroep kijken”."),
                _("Iets kleins. Bijvoorbeeld: een filmpje kijken."),
            )
        }
        error_messages = {
            "text": {"required": _("Schrijf op wat de volgende kleine stap is.")},
            "due_on": {"invalid": _("Dit is geen geldige datum. Kies een dag in de kalender.")},
        }
