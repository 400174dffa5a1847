"""The student's forms: an argued choice, a ranking of modules, the choice status (Dutch sources; "je")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.careers.models import InterestResult, Occupation, Programme
from koers.careers.queries.catalogue import display_name
from koers.choices.models import Application, Module, Stance
from koers.choices.queries.links import LinkOptions
from koers.common.forms import VersionedFormMixin
from koers.common.uploads import CheckedFileField, UploadKind
from koers.dossier.models import Experience, Reflection, StudentTrait
from koers.language.simple import simpler


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
    reflections: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Reflecties die erbij passen"),
        queryset=Reflection.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    traits: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Jouw kwaliteiten en motieven die erbij passen"),
        queryset=StudentTrait.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    occupations: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Beroepen die erbij passen (je favorieten staan bovenaan)"),
        queryset=Occupation.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    linked_programmes: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Opleidingen die erbij passen (je favorieten staan bovenaan)"),
        queryset=Programme.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    interest_results: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Uitslagen van je interessetest"),
        queryset=InterestResult.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    voice = CheckedFileField(
        kind=UploadKind.AUDIO,
        label=simpler(
            _("Liever praten dan typen? Spreek in waarom je dit kiest"), _("Liever praten? Neem je stem op.")
        ),
    )
    remove_voice = forms.BooleanField(label=_("Mijn spraakbericht weghalen"), required=False)
    programme: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Welke opleiding?"), queryset=Programme.objects.none(), required=False
    )
    institution = forms.CharField(label=_("Bij welke school of opleider?"), max_length=160, required=False)
    application = forms.ChoiceField(label=_("Aanmelding"), choices=Application.choices, required=False)

    def __init__(
        self,
        *args: Any,
        experiences: Any,
        follow_up: bool,
        links: LinkOptions | None = None,
        has_voice: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["experiences"].queryset = experiences  # type: ignore[attr-defined]
        self.fields["experiences"].label_from_instance = lambda e: f"{e.title} ({e.happened_on:%d-%m-%Y})"  # type: ignore[attr-defined]
        if links is None:
            for name in LINK_FIELDS:
                del self.fields[name]
        else:
            labels: dict[str, Callable[[Any], str]] = {
                "reflections": lambda r: f"{r.get_competence_display()} · {r.experience.title}",
                "traits": lambda t: f"{t.get_kind_display()}: {t.label}",
                "occupations": _catalogue_label,
                "linked_programmes": _catalogue_label,
                "interest_results": lambda r: _result_label(r, links.field_names),
            }
            for name, label in labels.items():
                self.fields[name].queryset = getattr(links, LINK_OPTIONS[name])  # type: ignore[attr-defined]
                self.fields[name].label_from_instance = label  # type: ignore[attr-defined]
        if not has_voice:
            del self.fields["remove_voice"]
        if follow_up:
            self.fields["programme"].queryset = Programme.objects.select_related("mbo_domain")  # type: ignore[attr-defined]
        else:
            del self.fields["programme"]
            del self.fields["institution"]
            del self.fields["application"]


def initial_of(choice: Any) -> dict[str, Any]:
    """The form's starting values for a choice that exists (its links as lists of objects)."""
    if choice is None:
        return {}
    return {
        "chosen": choice.chosen,
        "why": choice.why,
        "found_out": choice.found_out,
        "still_to_find_out": choice.still_to_find_out,
        "experiences": list(choice.experiences.all()),
        "reflections": list(choice.reflections.all()),
        "traits": list(choice.traits.all()),
        "occupations": list(choice.occupations.all()),
        "linked_programmes": list(choice.linked_programmes.all()),
        "interest_results": list(choice.interest_results.all()),
        "institution": choice.institution,
        "programme": choice.programme_id,
        "application": choice.application,
    }


LINK_FIELDS = ("reflections", "traits", "occupations", "linked_programmes", "interest_results")
LINK_OPTIONS = {
    "reflections": "reflections",
    "traits": "traits",
    "occupations": "occupations",
    "linked_programmes": "programmes",
    "interest_results": "interest_results",
}


def _catalogue_label(entry: Any) -> str:
    name = display_name(entry)
    if getattr(entry, "favourite", False):
        return str(_("%(name)s (favoriet)") % {"name": name})
    return name


def _result_label(result: InterestResult, names: dict[str, str]) -> str:
    top = ", ".join(names.get(key, key) for key in result.top_fields())
    when = f"{result.created_at:%d-%m-%Y}"
    if top:
        return str(_("Interessetest van %(date)s: %(fields)s") % {"date": when, "fields": top})
    return str(_("Interessetest van %(date)s") % {"date": when})


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
                # Only the student's modules are offered; anything else was of another track or year.
                error_messages={"invalid_choice": _("Deze module is niet voor jouw leerweg of leerjaar.")},
            )

    def ranking(self) -> list[int]:
        return [value for name, value in self.cleaned_data.items() if name.startswith("place_") and value]


class StanceForm(VersionedFormMixin, forms.Form):
    stance = forms.ChoiceField(
        label=_("Hoe sta je ervoor met je keuze?"), choices=Stance.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Toelichting"), max_length=200, required=False)
