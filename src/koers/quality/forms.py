"""Forms of the quality area. Dutch labels and messages; staff pages (Dutch and English only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.common.forms import VersionedFormMixin
from koers.common.versions import EditConflict
from koers.quality.domain.evaluations import questions_as_text
from koers.quality.measures import measure_choices
from koers.quality.models import Destination, GoalLevel, GoalStatus, Part
from koers.schools.models import RoleKind


class ScanRoundForm(forms.Form):
    name = forms.CharField(label=_("Naam van de ronde"), max_length=80)
    school_year: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Schooljaar"), queryset=None, empty_label=None
    )

    def __init__(self, *args: Any, years: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school_year"].queryset = years  # type: ignore[attr-defined]


class ScanItemForm(VersionedFormMixin, forms.Form):
    text = forms.CharField(label=_("Stelling"), max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    measure = forms.ChoiceField(label=_("Cijfer van Koers ernaast"), required=False, choices=measure_choices)
    active = forms.BooleanField(label=_("In gebruik"), required=False)


class GoalForm(forms.Form):
    level = forms.ChoiceField(label=_("Soort doel"), choices=GoalLevel.choices, widget=forms.RadioSelect)
    parent: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Hoort bij strategisch doel"),
        queryset=None,
        required=False,
    )
    title = forms.CharField(
        label=_("Doel"), max_length=200, help_text=_("Wat willen we bereiken? In één zin.")
    )
    why = forms.CharField(
        label=_("Waarom is dit belangrijk voor onze school?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    how = forms.CharField(
        label=_("Wat gaan we doen?"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Eigenaar"), queryset=None, required=False)
    due_on = forms.DateField(
        label=_("Klaar op"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    measure = forms.ChoiceField(
        label=_("Koers meet de voortgang met"),
        required=False,
        choices=measure_choices,
        help_text=_("Dan ziet iedereen de voortgang zonder te tellen."),
    )
    measured_by = forms.CharField(label=_("Of: zo meten we het zelf"), required=False, max_length=300)
    target = forms.IntegerField(
        label=_("Streefwaarde in procenten"), required=False, min_value=0, max_value=100
    )

    def __init__(self, *args: Any, parents: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.username  # type: ignore[attr-defined]


class GoalReviewForm(forms.Form):
    note = forms.CharField(label=_("Hoe staat het ervoor?"), widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(label=_("Stand"), choices=GoalStatus.choices)


class TaskForm(forms.Form):
    name = forms.CharField(label=_("Nieuwe taak"), max_length=200)


class TaskAssignmentForm(forms.Form):
    task: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Taak"), queryset=None)
    part = forms.ChoiceField(label=_("Rol in de taak"), choices=Part.choices)
    role: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Persoon"), queryset=None, required=False)
    kind = forms.ChoiceField(
        label=_("Of: iedereen met de rol"),
        required=False,
        choices=[("", "—"), *[(k, v) for k, v in RoleKind.choices if k not in ("student", "guardian")]],
    )

    def __init__(self, *args: Any, tasks: Any, roles: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = tasks  # type: ignore[attr-defined]
        self.fields["role"].queryset = roles  # type: ignore[attr-defined]
        self.fields["role"].label_from_instance = lambda role: (  # type: ignore[attr-defined]
            f"{role.user.get_full_name() or role.user.username} ({role.get_kind_display()})"
        )


class LeaverForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    left_in = forms.CharField(
        label=_("Schooljaar van vertrek"), max_length=20, help_text=_("Bijvoorbeeld 2025-2026.")
    )
    track = forms.CharField(label=_("Leerweg"), max_length=8, required=False)
    destination = forms.ChoiceField(label=_("Ging naar"), choices=Destination.choices)
    programme = forms.CharField(label=_("Opleiding of werk"), max_length=200, required=False)
    institution = forms.CharField(label=_("School of werkgever"), max_length=200, required=False)
    stayed = forms.NullBooleanField(
        label=_("Na een jaar nog op die opleiding?"),
        required=False,
        widget=forms.Select(
            choices=[("unknown", _("weet ik nog niet")), ("true", _("ja")), ("false", _("nee"))]
        ),
    )
    email = forms.EmailField(label=_("E-mailadres voor de vragenlijst"), required=False)


class LeaverImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_(
            "Kolommen: naam; schooljaar; leerweg; ging naar (mbo, havo, vwo, hbo, wo, werk, anders); "
            "opleiding; school; gebleven (ja/nee); e-mail. Puntkomma of komma."
        ),
    )


class LeaverFillForm(forms.Form):
    school_year: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Schooljaar van de keuze voor een vervolgopleiding"), queryset=None, empty_label=None
    )

    def __init__(self, *args: Any, years: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school_year"].queryset = years  # type: ignore[attr-defined]


class LeaverInviteForm(forms.Form):
    evaluation: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Ronde"), queryset=None, empty_label=None
    )
    days = forms.IntegerField(label=_("De link werkt zoveel dagen"), initial=30, min_value=1, max_value=90)

    def __init__(self, *args: Any, rounds: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evaluation"].queryset = rounds  # type: ignore[attr-defined]


class LearningWishForm(forms.Form):
    topic = forms.ChoiceField(label=_("Onderwerp"), choices=[])
    text = forms.CharField(label=_("Wat wil je leren?"), max_length=300, required=False)

    def __init__(self, *args: Any, topics: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = topics  # type: ignore[attr-defined]


class QuestionnaireForm(VersionedFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    questions = forms.CharField(
        label=_("Vragen"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Eén vraag per regel; leerlingen antwoorden op een schaal van 1 tot 4. "
            "Begin een regel met 'open:' voor een open vraag. "
            "Een vraag die je verandert, zien leerlingen alleen nog in het Nederlands."
        ),
    )

    def show_conflict(self, conflict: EditConflict) -> None:
        if conflict.theirs is not None:  # the stored questions as the text box shows them
            stored = conflict.theirs.get("questions") or []
            conflict.theirs = {**conflict.theirs, "questions": questions_as_text(stored)}
        super().show_conflict(conflict)


class EvaluationRoundForm(forms.Form):
    name = forms.CharField(label=_("Naam van de ronde"), max_length=80)
    school_year: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Schooljaar"), queryset=None, empty_label=None
    )

    def __init__(self, *args: Any, years: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school_year"].queryset = years  # type: ignore[attr-defined]
