"""Forms of the LOB-lijn pages: choosing a line, registering participation, filtering the gaps list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.common.forms import Form
from koers.lob.vocabulary import Competence
from koers.programme.queries.line import line_label  # students read it: its text lives in a family source
from koers.schools.models import Group, SchoolYear, Student

__all__ = ["GapsFilterForm", "LineChoiceForm", "ParticipationForm", "line_key", "line_label"]


def line_key(track: str, year_level: int) -> str:
    return f"{track}-{year_level}"


class LineChoiceForm(Form):
    """Which school year and which track and year level to show (a GET form; wrong values fall back)."""

    jaar = forms.TypedChoiceField(label=_("Schooljaar"), coerce=int, required=False)
    lijn = forms.ChoiceField(label=_("Leerweg en leerjaar"), required=False)

    def __init__(self, *args: Any, years: list[SchoolYear], pairs: list[tuple[str, int]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["jaar"].choices = [(year.pk, year.name) for year in years]  # type: ignore[attr-defined]
        self.fields["lijn"].choices = [(line_key(t, level), line_label(t, level)) for t, level in pairs]  # type: ignore[attr-defined]


class ParticipationForm(Form):
    """The whole group is ticked; the teacher unticks who was absent."""

    present = forms.TypedMultipleChoiceField(
        label=_("Wie deed mee? Haal het vinkje weg bij wie er niet was."),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Deze leerling zit niet in de groep.")},
    )

    def __init__(self, *args: Any, students: list[Student], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(student.pk, student.name) for student in students]  # type: ignore[attr-defined]


class GapsFilterForm(Form):
    groep = forms.TypedChoiceField(label=_("Groep"), coerce=int, required=False, empty_value=None)
    competentie = forms.ChoiceField(label=_("Competentie nooit aan bod geweest"), required=False)

    def __init__(self, *args: Any, groups: list[Group], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["groep"].choices = [("", _("Alle groepen")), *[(g.pk, g.name) for g in groups]]  # type: ignore[attr-defined]
        self.fields["competentie"].choices = [("", _("Een of meer competenties")), *Competence.choices]  # type: ignore[attr-defined]
