"""The student's forms: an argued choice, a ranking of modules, the choice status (Dutch sources; "je")."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.careers.models import Programme
from koers.choices.models import Application, Module, Stance
from koers.common.forms import VersionedFormMixin
from koers.dossier.models import Experience


class ChoiceForm(forms.Form):
    chosen = forms.CharField(
        label=_("Wat kies je?"),
        max_length=200,
        error_messages={"required": _("Schrijf op wat je kiest.")},
    )
    why = forms.CharField(
        label=_("Waarom kies je dit?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    found_out = forms.CharField(
        label=_("Wat heb je gedaan en ontdekt dat bij deze keuze past?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    still_to_find_out = forms.CharField(
        label=_("Wat wil je nog uitzoeken?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    experiences: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Ervaringen uit je dossier die je keuze steunen"),
        queryset=Experience.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    programme: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Welke opleiding?"), queryset=Programme.objects.none(), required=False
    )
    institution = forms.CharField(label=_("Bij welke school of opleider?"), max_length=160, required=False)
    application = forms.ChoiceField(label=_("Aanmelding"), choices=Application.choices, required=False)

    def __init__(self, *args: Any, experiences: Any, follow_up: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["experiences"].queryset = experiences  # type: ignore[attr-defined]
        self.fields["experiences"].label_from_instance = lambda e: f"{e.title} ({e.happened_on:%d-%m-%Y})"  # type: ignore[attr-defined]
        if follow_up:
            self.fields["programme"].queryset = Programme.objects.select_related("mbo_domain")  # type: ignore[attr-defined]
        else:
            del self.fields["programme"]
            del self.fields["institution"]
            del self.fields["application"]


class RankForm(forms.Form):
    """One select per place in the ranking; the verb refuses a module chosen twice."""

    def __init__(self, *args: Any, modules: list[Module], places: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        options = [("", "---------"), *((m.pk, m.title) for m in modules)]
        for place in range(1, places + 1):
            self.fields[f"place_{place}"] = forms.TypedChoiceField(
                label=_("Keuze %(n)d") % {"n": place},
                choices=options,
                coerce=int,
                required=False,
                empty_value=None,
            )

    def ranking(self) -> list[int]:
        return [value for name, value in self.cleaned_data.items() if name.startswith("place_") and value]


class StanceForm(VersionedFormMixin, forms.Form):
    stance = forms.ChoiceField(
        label=_("Hoe sta je ervoor met je keuze?"), choices=Stance.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Toelichting"), max_length=200, required=False)
