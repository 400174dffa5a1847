"""Forms of the counsellor's pages (Dutch and English only): open days, the school's catalogue changes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.careers.models import MboDomain, Programme, Sector
from koers.careers.vocabulary import EventKind, Outlook, ProgrammeKind, Route
from koers.common.forms import VersionedFormMixin


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


class AdjustForm(VersionedFormMixin, forms.Form):
    name = forms.CharField(label=_("Naam voor onze school"), max_length=120, required=False)
    description = forms.CharField(
        label=_("Uitleg voor onze school"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    hidden = forms.BooleanField(label=_("Verbergen voor onze leerlingen"), required=False)


class ProspectForm(VersionedFormMixin, forms.Form):
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


class ProgrammeFactsForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=ProgrammeKind.choices)
    level = forms.TypedChoiceField(
        label=_("Niveau (alleen mbo)"),
        choices=[("", "—"), ("1", _("1 (entree)")), ("2", "2"), ("3", "3"), ("4", "4")],
        coerce=int,
        empty_value=None,
        required=False,
    )
    mbo_domain = forms.ModelChoiceField(
        label=_("Mbo-domein"), queryset=MboDomain.objects.all(), required=False, empty_label="—"
    )
    routes = forms.MultipleChoiceField(
        label=_("Leerweg (alleen mbo)"),
        choices=Route.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    years = forms.DecimalField(label=_("Duur in jaren"), max_digits=3, decimal_places=1, required=False)


class OwnProgrammeForm(ProgrammeFactsForm):
    name = forms.CharField(label=_("Naam"), max_length=120)
    description = forms.CharField(label=_("Uitleg"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    field_order = ["name", "kind", "level", "mbo_domain", "routes", "years", "description"]


class OfferForm(forms.Form):
    institution = forms.CharField(label=_("School of instelling"), max_length=120)
    place = forms.CharField(label=_("Plaats"), max_length=80, required=False)
    url = forms.URLField(label=_("Link"), required=False, assume_scheme="https")
