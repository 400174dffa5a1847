"""The learning route's forms: the programme and, per exam unit, explore / deepen / broaden (student "je")."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.choices.domain.route import StepWish
from koers.choices.models import Way
from koers.choices.queries.route import RouteOptions

EMPTY = ("", "---------")


class ProgrammeChoiceForm(forms.Form):
    programma = forms.TypedChoiceField(label=_("Welk beroepsgericht programma volg je?"), coerce=int)

    def __init__(self, *args: Any, programmes: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programma"].choices = [EMPTY, *((p.pk, p.name) for p in programmes)]  # type: ignore[attr-defined]


class RouteForm(forms.Form):
    """Three fields per unit of the programme: the way, the deepening, the unit to broaden with."""

    why = forms.CharField(
        label=_("Waarom kies je deze route?"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, options: RouteOptions, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options = options
        grouped: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for unit in options.broaden_with:
            grouped[str(unit.programme.name)].append((unit.pk, str(unit.name)))
        broaden_choices = [EMPTY, *((name, units) for name, units in grouped.items())]
        for line in options.lines:
            unit, step = line.unit, line.step
            ways = [(value, label) for value, label in Way.choices if value != Way.DEEPEN or line.deepenings]
            self.fields[f"way_{unit.pk}"] = forms.ChoiceField(
                label=_("Hoe doe je dit onderdeel?"),
                choices=ways,
                widget=forms.RadioSelect,
                initial=step.way if step else Way.EXPLORE,
                required=False,  # not sent: explore only, the part everyone does
            )
            if line.deepenings:
                self.fields[f"deepening_{unit.pk}"] = forms.TypedChoiceField(
                    label=_("Welke verdieping?"),
                    choices=[EMPTY, *((d.pk, d.title) for d in line.deepenings)],
                    coerce=int,
                    required=False,
                    empty_value=None,
                    initial=step.deepening_id if step else None,
                )
            self.fields[f"broaden_{unit.pk}"] = forms.TypedChoiceField(
                label=_("Met welk onderdeel van een ander programma?"),
                choices=broaden_choices,
                coerce=int,
                required=False,
                empty_value=None,
                initial=step.broaden_with_id if step else None,
            )

    def unit_fields(self) -> list[tuple[Any, Any, Any, Any]]:
        """(line, way field, deepening field or None, broaden field) per unit, for the template."""
        return [
            (
                line,
                self[f"way_{line.unit.pk}"],
                self[f"deepening_{line.unit.pk}"] if line.deepenings else None,
                self[f"broaden_{line.unit.pk}"],
            )
            for line in self.options.lines
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for line in self.options.lines:
            pk = line.unit.pk
            way = data.get(f"way_{pk}")
            if way == Way.DEEPEN and not data.get(f"deepening_{pk}"):
                self.add_error(f"deepening_{pk}", _("Kies welke verdieping je doet."))
            if way == Way.BROADEN and not data.get(f"broaden_{pk}"):
                self.add_error(f"broaden_{pk}", _("Kies met welk onderdeel je verbreedt."))
        return data

    def wishes(self) -> dict[int, StepWish]:
        found = {}
        for line in self.options.lines:
            pk = line.unit.pk
            way = self.cleaned_data.get(f"way_{pk}") or Way.EXPLORE
            found[pk] = StepWish(
                way=way,
                deepening=self.cleaned_data.get(f"deepening_{pk}") if way == Way.DEEPEN else None,
                broaden_with=self.cleaned_data.get(f"broaden_{pk}") if way == Way.BROADEN else None,
            )
        return found
