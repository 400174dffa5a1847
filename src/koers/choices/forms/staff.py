"""The counsellor's forms: choice moments, modules, moving a student."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.choices.models import PERIODS, ChoiceMoment, Module, UnitKind
from koers.common.forms import VersionedFormMixin
from koers.programme.models import Activity
from koers.schools.models import Track


class MomentForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ChoiceMoment
        fields = [
            "kind",
            "title",
            "explanation",
            "track",
            "year_level",
            "opens_on",
            "closes_on",
            "mentor_confirms",
            "guardian_confirms",
            "counsellor_confirms",
            "remind_days_before",
        ]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "explanation": forms.Textarea(attrs={"rows": 3}),
        }


class ModuleForm(VersionedFormMixin, forms.ModelForm):
    tracks = forms.MultipleChoiceField(
        label=_("leerwegen"), choices=Track.choices, widget=forms.CheckboxSelectMultiple
    )
    year_levels = forms.TypedMultipleChoiceField(
        label=_("leerjaren"),
        choices=[(n, str(n)) for n in range(1, 7)],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    periods = forms.TypedMultipleChoiceField(
        label=_("periodes"),
        choices=[(p, str(p)) for p in PERIODS],
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    presentation: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("afsluitende presentatie"), queryset=Activity.objects.none(), required=False
    )

    class Meta:
        model = Module
        fields = [
            "title",
            "description",
            "teacher",
            "room",
            "min_size",
            "max_size",
            "tracks",
            "year_levels",
            "periods",
            "presentation",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "presentation": _(
                "Plan de presentatie of tentoonstelling met ouders als activiteit in het jaarprogramma en "
                "kies die hier; zo staat hij op de LOB-lijn en bij de uitnodiging van ouders."
            )
        }

    def __init__(self, *args: Any, teachers: Any = None, activities: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presentation"].queryset = activities  # type: ignore[attr-defined]
        self.fields["presentation"].label_from_instance = (  # type: ignore[attr-defined]
            lambda a: f"{a.title} ({a.starts_on:%d-%m-%Y}, {a.get_track_display()} {a.year_level})"
        )
        self.fields["teacher"].queryset = teachers  # type: ignore[attr-defined]
        self.fields["teacher"].label_from_instance = lambda user: user.get_full_name() or user.username  # type: ignore[attr-defined]


class MoveForm(forms.Form):
    module: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("naar module"), queryset=Module.objects.none()
    )

    def __init__(self, *args: Any, modules: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules  # type: ignore[attr-defined]


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("naam"), max_length=120)
    description = forms.CharField(
        label=_("omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


VOCATIONAL = [(t.value, t.label) for t in (Track.VMBO_BASIS, Track.VMBO_KADER, Track.VMBO_GEMENGD)]


class UnitForm(forms.Form):
    name = forms.CharField(label=_("naam"), max_length=120)
    kind = forms.ChoiceField(
        label=_("soort"),
        choices=[
            (UnitKind.ELECTIVE.value, UnitKind.ELECTIVE.label),
            (UnitKind.OWN.value, UnitKind.OWN.label),
        ],
    )
    description = forms.CharField(
        label=_("omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    tracks = forms.MultipleChoiceField(
        label=_("leerwegen (geen: alle)"),
        choices=VOCATIONAL,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class DeepeningsForm(forms.Form):
    deepenings = forms.CharField(
        label=_("verdiepingen die de school aanbiedt, één per regel"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def titles(self) -> list[str]:
        return [line for line in self.cleaned_data["deepenings"].splitlines() if line.strip()]


class OpenPointForm(forms.Form):
    """An open point of a choice, as the student's agreement in the conversation."""

    what = forms.CharField(
        label=_("Afspraak"),
        max_length=200,
        error_messages={"required": _("Schrijf op wat er gaat gebeuren.")},
    )
    due_on = forms.DateField(
        label=_("Klaar op"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"required": _("Vul in wanneer het klaar is.")},
    )
