"""The network contact form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.common.forms import ModelForm, VersionedFormMixin
from koers.dossier.forms.overview import share_field
from koers.dossier.models import Contact
from koers.language.simple import simpler


class ContactForm(VersionedFormMixin, ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "relation", "occupation", "could_help_with", "contacted"]
        widgets = {"could_help_with": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "relation": _("Bijvoorbeeld: buurvrouw, oom, trainer, oud-leerling."),
            "could_help_with": simpler(
                _("Een vraag beantwoorden, je laten meelopen, iemand voorstellen ..."),
                _("Wat kan deze persoon voor je doen?"),
            ),
        }
        error_messages = {"name": {"required": _("Vul een naam in, bijvoorbeeld “tante Fatima”.")}}

    def __init__(self, *args: Any, share_default: bool | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if share_default is not None:
            self.fields["shared"] = share_field(share_default)
