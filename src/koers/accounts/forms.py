from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.common.forms import Form


class CodeForm(Form):
    code = forms.RegexField(
        label=_("Code uit je app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        help_text=_("Zes cijfers, zoals je app ze nu laat zien."),
        error_messages={"invalid": _("Vul de zes cijfers uit je app in.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip()


class PolicyForm(Form):
    staff_second_factor = forms.BooleanField(
        label=_("Medewerkers moeten een tweede stap gebruiken bij het inloggen"),
        help_text=_(
            "Mentoren, decanen, docenten, schoolleiders en beheerders stellen dan een app op hun telefoon "
            "in en vullen bij elke keer inloggen een code in. Dit geldt vanaf hun volgende keer inloggen."
        ),
        required=False,
    )


class GroupCardsForm(Form):
    which = forms.ChoiceField(
        label=_("Voor wie?"),
        choices=[
            ("missing", _("Alleen leerlingen die nog geen kaart hebben")),
            ("all", _("Alle leerlingen: nieuwe kaarten, de oude werken dan niet meer")),
        ],
        initial="missing",
        widget=forms.RadioSelect,
    )
