"""Forms for planning the programme: an activity, a type of activity, copying a year forward. The rules live
in ``domain.activities``; these forms parse input and carry the domain's messages next to the fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from koers.common.forms import DateInput, Form, VersionedFormMixin
from koers.lob.vocabulary import Competence, Element
from koers.pictograms.render import tile_label
from koers.programme.content import type_pictogram_choices
from koers.programme.models import ActivityType, DatePrecision
from koers.programme.queries.planning import months_of
from koers.schools.models import Group, SchoolYear, Track, User

LEVELS = [(level, str(level)) for level in range(1, 7)]


class TypeChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)  # a <select> shows text only; the pictogram is on the pages around it


def month_label(month: dt.date) -> str:
    return formats.date_format(month, "F Y")


class ActivityForm(VersionedFormMixin, Form):
    type = TypeChoice(label=_("Soort activiteit"), queryset=ActivityType.objects.none(), empty_label=None)
    title = forms.CharField(label=_("Titel"), max_length=160)
    description = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Wat doen de leerlingen, en wat is het doel?"),
    )
    track = forms.ChoiceField(label=_("Leerweg"), choices=Track.choices)
    year_level = forms.TypedChoiceField(label=_("Leerjaar"), choices=LEVELS, coerce=int)
    precision = forms.ChoiceField(
        label=_("Wanneer"),
        choices=DatePrecision.choices,
        initial=DatePrecision.MONTH,
        widget=forms.RadioSelect,
    )
    month = forms.ChoiceField(
        label=_("Maand"),
        required=False,
        help_text=_("Als de activiteit ergens in een maand valt."),
        error_messages={"invalid_choice": _("Kies een maand binnen het schooljaar.")},
    )
    day = forms.DateField(
        label=_("Datum"),
        required=False,
        widget=DateInput(),
        help_text=_("Als de dag al vastligt."),
    )
    groups: forms.ModelMultipleChoiceField[Group] = forms.ModelMultipleChoiceField(
        label=_("Groepen"),
        queryset=Group.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies niets als de activiteit voor alle groepen van deze leerweg en dit leerjaar is."),
        error_messages={
            "invalid_choice": _("Kies alleen groepen van je eigen school in dit schooljaar."),
            "invalid_pk_value": _("Kies alleen groepen van je eigen school in dit schooljaar."),
        },
    )
    responsible = forms.ModelChoiceField(
        label=_("Verantwoordelijk"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nog niemand"),
        error_messages={"invalid_choice": _("Kies iemand die op deze school werkt.")},
    )
    partner = forms.CharField(
        label=_("Externe partner"),
        required=False,
        max_length=160,
        help_text=_("Bijvoorbeeld het bedrijf, de mbo-school of de gastspreker."),
        # The school's network is offered as suggestions (programme/partner_names.py); typing stays possible.
        widget=forms.TextInput(attrs={"list": "partner-register", "autocomplete": "off"}),
    )
    has_preparation = forms.BooleanField(label=_("Er is een voorbereiding (opdracht of les)"), required=False)
    has_reflection = forms.BooleanField(
        label=_("Er is een reflectie achteraf (opdracht of gesprek)"), required=False
    )
    involves_guardians = forms.BooleanField(label=_("Ouders of verzorgers zijn betrokken"), required=False)
    checks_note = forms.CharField(
        label=_("Hoe gebeurt het?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Nodig als je iets aanvinkt dat de planning niet laat zien, "
            "bijvoorbeeld een les of een ouderavond."
        ),
    )
    competences = forms.MultipleChoiceField(
        label=_("Loopbaancompetenties"),
        choices=Competence.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    elements = forms.MultipleChoiceField(
        label=_("Werkzame elementen"),
        choices=Element.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, year: SchoolYear, types: Any, groups: Any, staff: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.year = year
        self.fields["type"].queryset = types  # type: ignore[attr-defined]
        self.fields["groups"].queryset = groups  # type: ignore[attr-defined]
        self.fields["responsible"].queryset = staff  # type: ignore[attr-defined]
        self.fields["month"].choices = [("", _("Kies een maand"))] + [  # type: ignore[attr-defined]
            (m.strftime("%Y-%m"), month_label(m)) for m in months_of(year)
        ]
        self.fields["day"].widget.attrs.update(
            {"min": year.starts_on.isoformat(), "max": year.ends_on.isoformat()}
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        precision = cleaned.get("precision")
        if precision == DatePrecision.DAY and not cleaned.get("day") and "day" not in self.errors:
            self.add_error("day", _("Vul de datum in, of kies “in de maand”."))
        if precision == DatePrecision.MONTH and not cleaned.get("month") and "month" not in self.errors:
            self.add_error("month", _("Kies de maand, of kies “op de dag”."))
        return cleaned

    def starts_on(self) -> dt.date:
        if self.cleaned_data["precision"] == DatePrecision.DAY:
            day: dt.date = self.cleaned_data["day"]
            return day
        year, month = (int(part) for part in self.cleaned_data["month"].split("-"))
        return dt.date(year, month, 1)

    @staticmethod
    def initial_for(activity: Any) -> dict[str, Any]:
        return {
            "type": activity.type_id,
            "title": activity.title,
            "description": activity.description,
            "track": activity.track,
            "year_level": activity.year_level,
            "precision": activity.precision,
            "month": activity.starts_on.strftime("%Y-%m"),
            "day": activity.starts_on if activity.precision == DatePrecision.DAY else None,
            "groups": [g.pk for g in activity.groups.all()],
            "responsible": activity.responsible_id,
            "partner": activity.partner,
            "has_preparation": activity.has_preparation,
            "has_reflection": activity.has_reflection,
            "involves_guardians": activity.involves_guardians,
            "checks_note": activity.checks_note,
            "competences": list(activity.competences),
            "elements": list(activity.elements),
        }


class ActivityTypeForm(Form):
    name = forms.CharField(label=_("Naam"), max_length=120)
    icon = forms.ChoiceField(label=_("Pictogram"), required=False, widget=forms.RadioSelect)
    description = forms.CharField(
        label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    active = forms.BooleanField(
        label=_("In gebruik"),
        required=False,
        initial=True,
        help_text=_("Een soort die uit staat, kun je niet meer kiezen voor nieuwe activiteiten."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["icon"].choices = [("", _("Geen pictogram"))] + [  # type: ignore[attr-defined]
            (name, tile_label(name, label)) for name, label in type_pictogram_choices()
        ]


class CopyForwardForm(Form):
    from_year: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Neem over uit schooljaar"), queryset=SchoolYear.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, years: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from_year"].queryset = years  # type: ignore[attr-defined]
