"""Forms of the counsellor's pages (Dutch and English only): open days, the school's catalogue changes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.careers.models import Programme, Sector
from koers.careers.vocabulary import EventKind, Outlook


class OpenDayForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=EventKind.choices)
    institution = forms.CharField(label=_("School of instelling"), max_length=120)
    programme: forms.ModelChoiceField[Programme] = forms.ModelChoiceField(
        label=_("Opleiding (niet verplicht)"), queryset=Programme.objects.none(), required=False
    )
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("Plaats"), max_length=120, required=False)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")

    def __init__(self, *args: object, programmes: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]


class AdjustForm(forms.Form):
    name = forms.CharField(label=_("Naam voor onze school"), max_length=120, required=False)
    description = forms.CharField(
        label=_("Uitleg voor onze school"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    hidden = forms.BooleanField(label=_("Verbergen voor onze leerlingen"), required=False)


class ProspectForm(forms.Form):
    outlook = forms.ChoiceField(
        label=_("Kansen op werk in de regio"),
        choices=[("", _("Geen (niets tonen)")), *Outlook.choices],
        required=False,
    )
    source = forms.CharField(label=_("Bron"), max_length=200, required=False)
    source_url = forms.URLField(label=_("Link naar de bron"), required=False, assume_scheme="https")
    dated = forms.DateField(
        label=_("Datum van de bron"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class OwnOccupationForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=120)
    sector = forms.ModelChoiceField(label=_("Sector"), queryset=Sector.objects.all())
    description = forms.CharField(label=_("Uitleg"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    tasks = forms.CharField(
        label=_("Wat doe je? (één per regel)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def clean_tasks(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["tasks"].splitlines() if line.strip()]
