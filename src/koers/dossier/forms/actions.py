"""Forms for action points."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.common.forms import DateInput, Form, ModelForm, VersionedFormMixin
from koers.dossier.forms.overview import OptionalExperienceField, share_field
from koers.dossier.models import Action, ActionStatus, Experience
from koers.language.simple import simpler


class ActionForm(VersionedFormMixin, ModelForm):
    experience = OptionalExperienceField(
        label=_("Hoort bij ervaring (mag leeg)"),
        queryset=Experience.objects.none(),
        required=False,
        empty_label=_("Hoort niet bij een ervaring"),
    )

    class Meta:
        model = Action
        fields = ["what", "who", "due_on", "where_with_whom", "done_when", "experience"]
        widgets = {"due_on": DateInput()}
        help_texts = {
            "what": simpler(
                _("Klein en concreet, bijvoorbeeld “drie vragen opschrijven voor de open dag”."),
                _("Iets kleins. Bijvoorbeeld: drie vragen opschrijven."),
            ),
            "who": _("Bijvoorbeeld “ik”, of “ik en mijn mentor”."),
            "done_when": simpler(
                _("Wat kun je laten zien als het gelukt is?"), _("Hoe weet je dat het klaar is?")
            ),
        }
        error_messages = {
            "what": {"required": _("Schrijf op wat je gaat doen.")},
            "who": {"required": _("Schrijf op wie het doet, bijvoorbeeld “ik”.")},
            "due_on": {
                "required": _("Kies een datum waarop het klaar is."),
                "invalid": _("Dit is geen geldige datum. Kies een dag in de kalender."),
            },
            "done_when": {"required": _("Hoe zie je dat het gelukt is? Schrijf het op.")},
        }

    def __init__(
        self,
        *args: Any,
        experiences: Any,
        share_default: bool | None = None,
        earliest: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["experience"].queryset = experiences  # type: ignore[attr-defined]
        if earliest is not None:
            # The browser's date picker then starts at today; the domain checks it again on the server.
            self.fields["due_on"].widget.attrs["min"] = earliest.isoformat()
        if share_default is not None:
            self.fields["shared"] = share_field(share_default)


class ActionStatusForm(Form):
    status = forms.ChoiceField(choices=ActionStatus.choices)
