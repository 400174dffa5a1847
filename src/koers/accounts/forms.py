"""Forms of logging in (second factor, login policy, group cards) and of guardian invitations (adding a
guardian by hand, the public activation page)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from koers.accounts.models import InvitationKind
from koers.common.forms import Form
from koers.schools.models import Student


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


# --- guardian invitations: adding a guardian by hand, activating access -------------------------------


def language_choices() -> list[tuple[str, str]]:
    return list(settings.LANGUAGES)


class AddGuardianForm(Form):
    student: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Kind"), queryset=Student.objects.none(), empty_label=_("Kies een leerling")
    )
    first_name = forms.CharField(label=_("Voornaam"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        help_text=_("Mag leeg blijven: dan krijgt de ouder/verzorger een brief met een code."),
    )
    language = forms.ChoiceField(
        label=_("Taal van de ouder/verzorger"), choices=language_choices, initial="nl"
    )
    has_authority = forms.BooleanField(
        label=_("Heeft ouderlijk gezag"),
        required=False,
        initial=True,
        help_text=_("Zonder gezag krijgt de ouder/verzorger alleen algemene informatie, geen dossier."),
    )
    kind = forms.ChoiceField(
        label=_("Hoe nodig je uit?"),
        choices=[
            (InvitationKind.LETTER, _("Met een brief (PDF om te printen)")),
            (InvitationKind.EMAIL, _("Per e-mail")),
        ],
        initial=InvitationKind.LETTER,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, students: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["student"]
        field.queryset = students  # type: ignore[attr-defined]
        field.label_from_instance = lambda s: s.name  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == InvitationKind.EMAIL and not data.get("email"):
            self.add_error("email", _("Voor een uitnodiging per e-mail is een e-mailadres nodig."))
        return data


class ActivateForm(Form):
    code = forms.CharField(
        label=_("Code uit de brief"),
        max_length=20,
        help_text=_("Bijvoorbeeld KRS-7H2Q-9XM4. Hoofdletters en streepjes maken niet uit."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )
    language = forms.ChoiceField(label=_("Taal"), choices=language_choices, initial="nl")
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        help_text=_("Hiermee log je voortaan in. Kies iets wat je makkelijk onthoudt."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Wachtwoord nog een keer"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, with_code: bool = True, link_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_code:
            del self.fields["code"]
        if link_only:  # a logged-in guardian links the code to their account: no new credentials
            for name in ("language", "username", "password1", "password2"):
                del self.fields[name]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("De twee wachtwoorden zijn niet hetzelfde."))
        return data
