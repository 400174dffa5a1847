"""Forms for qualities and motives, compliments, ambitions, network and actions.

Forms only parse input; the rules live in ``dossier.domain.portfolio``. Model forms here are never saved
and never bound to a stored instance (an edit form gets ``initial`` values), so a rejected edit cannot
change anything in memory either.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from koers.common.forms import DateInput, Form, ModelForm
from koers.dossier.domain.actions import Who
from koers.dossier.models import Action, ActionStatus, Ambition, AmbitionStep, Contact, Doer, Experience
from koers.dossier.queries.doers import DoerOptions
from koers.language.simple import simpler
from koers.lob.models import Trait
from koers.lob.vocabulary import TraitKind
from koers.pictograms.render import tile_label


class TraitChoiceField(forms.ModelChoiceField):
    """A catalogue trait shown as a tile: the pictogram always with its name; screen readers read the name."""

    def label_from_instance(self, obj: Any) -> str:
        return tile_label(obj.icon, obj.name)


class ExperienceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({date_format(obj.happened_on, 'j M Y')})"


class OptionalExperienceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({date_format(obj.happened_on, 'j M Y')})"


def share_field(initial: bool) -> forms.BooleanField:
    return forms.BooleanField(
        label=simpler(_("Mijn ouders of verzorgers mogen dit zien"), _("Mijn ouders mogen dit zien")),
        required=False,
        initial=initial,
        help_text=simpler(_("Je kunt dit later altijd nog veranderen."), _("Je kunt dit later veranderen.")),
    )


TRAIT_TEXTS = {
    TraitKind.QUALITY: {
        "trait": _("Kies een kwaliteit"),
        "own_words": _("Of zeg het in je eigen woorden"),
        "experiences": _("Bij welke ervaringen liet je dit zien?"),
    },
    TraitKind.MOTIVE: {
        "trait": _("Kies een motief: wat vind je belangrijk, waar krijg je energie van?"),
        "own_words": _("Of zeg het in je eigen woorden"),
        "experiences": _("Bij welke ervaringen merkte je dit?"),
    },
}


class TraitClaimForm(Form):
    """Add a quality or motive: from the catalogue (pictogram tiles) or in the student's own words."""

    trait = TraitChoiceField(
        queryset=Trait.objects.none(), required=False, widget=forms.RadioSelect, empty_label=None
    )
    own_words = forms.CharField(max_length=200, required=False)
    experiences = ExperienceChoiceField(
        queryset=Experience.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, kind: str, experiences: Any, share_default: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        texts = TRAIT_TEXTS[TraitKind(kind)]
        self.fields["trait"].queryset = Trait.objects.filter(kind=kind).order_by("order", "pk")  # type: ignore[attr-defined]
        self.fields["experiences"].queryset = experiences  # type: ignore[attr-defined]
        for name, label in texts.items():
            self.fields[name].label = label
        self.fields["own_words"].help_text = _("Bijvoorbeeld: “ik blijf rustig als het druk is”.")
        self.fields["shared"] = share_field(share_default)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            not cleaned.get("trait")
            and not (cleaned.get("own_words") or "").strip()
            and not self.has_error("own_words")
        ):
            self.add_error("trait", _("Kies er een uit de lijst, of schrijf hem op in je eigen woorden."))
        return cleaned


class TraitEditForm(Form):
    own_words = forms.CharField(label=_("In mijn eigen woorden"), max_length=200, required=False)
    experiences = ExperienceChoiceField(
        label=simpler(_("Bij welke ervaringen liet je dit zien?"), _("Wanneer deed je dit?")),
        queryset=Experience.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, experiences: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["experiences"].queryset = experiences  # type: ignore[attr-defined]


class ComplimentForm(Form):
    trait = TraitChoiceField(
        label=_("Waar is deze leerling goed in?"),
        queryset=Trait.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Kies de kwaliteit waarvoor je een compliment geeft.")},
    )
    message = forms.CharField(
        label=_("Wat zag je gebeuren? (mag leeg blijven)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Een concreet voorbeeld helpt: wat deed de leerling precies?"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["trait"].queryset = Trait.objects.filter(kind=TraitKind.QUALITY).order_by("order", "pk")  # type: ignore[attr-defined]


class AmbitionForm(ModelForm):
    class Meta:
        model = Ambition
        fields = ["dream", "why"]
        widgets = {"why": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "dream": simpler(
                _("Groot of klein: een beroep, een opleiding, iets wat je ooit wilt kunnen."),
                _("Wat wil je later worden of doen?"),
            ),
            "why": simpler(_("Wat trekt je erin? Waar komt deze droom vandaan?"), _("Waarom wil je dit?")),
        }
        error_messages = {
            "dream": {"required": _("Schrijf op waar je van droomt, al is het maar een paar woorden.")}
        }

    def __init__(self, *args: Any, share_default: bool | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if share_default is not None:
            self.fields["shared"] = share_field(share_default)


class StepForm(ModelForm):
    class Meta:
        model = AmbitionStep
        fields = ["text", "due_on"]
        widgets = {"due_on": DateInput()}
        labels = {
            "text": simpler(_("Wat is een kleine volgende stap?"), _("Wat ga je nu doen?")),
            "due_on": simpler(_("Wanneer wil je dit doen? (mag leeg)"), _("Wanneer? Dat hoeft niet.")),
        }
        help_texts = {
            "text": simpler(
                _("Iets wat je echt kunt doen, bijvoorbeeld “een filmpje over het beroep kijken”."),
                _("Iets kleins. Bijvoorbeeld: een filmpje kijken."),
            )
        }
        error_messages = {
            "text": {"required": _("Schrijf op wat de volgende kleine stap is.")},
            "due_on": {"invalid": _("Dit is geen geldige datum. Kies een dag in de kalender.")},
        }


class ContactForm(ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "relation", "occupation", "could_help_with", "contacted"]
        widgets = {"could_help_with": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "relation": _("Bijvoorbeeld: buurvrouw, oom, trainer, oud-leerling."),
            "could_help_with": simpler(
                _("Een vraag beantwoorden, je laten meelopen, iemand voorstellen ..."),
                _("Wat kan deze persoon voor je doen?"),
            ),
        }
        error_messages = {"name": {"required": _("Vul een naam in, bijvoorbeeld “tante Fatima”.")}}

    def __init__(self, *args: Any, share_default: bool | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if share_default is not None:
            self.fields["shared"] = share_field(share_default)


class ActionForm(ModelForm):
    doer = forms.ChoiceField(
        label=_("Wie doet het?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies wie het doet."),
            "invalid_choice": _("Kies iemand uit de lijst, of kies “iemand anders” en schrijf op wie."),
        },
    )
    who = forms.CharField(
        label=_("Iemand anders: wie?"),
        help_text=_("Alleen invullen als je “iemand anders” kiest."),
        required=False,
        max_length=120,
    )
    experience = OptionalExperienceField(
        label=_("Hoort bij ervaring (mag leeg)"),
        queryset=Experience.objects.none(),
        required=False,
        empty_label=_("Hoort niet bij een ervaring"),
    )

    field_order = ["what", "doer", "who", "due_on", "where_with_whom", "done_when", "experience"]

    class Meta:
        model = Action
        fields = ["what", "due_on", "where_with_whom", "done_when", "experience"]
        widgets = {"due_on": DateInput()}
        help_texts = {
            "what": simpler(
                _("Klein en concreet, bijvoorbeeld “drie vragen opschrijven voor de open dag”."),
                _("Iets kleins. Bijvoorbeeld: drie vragen opschrijven."),
            ),
            "done_when": simpler(
                _("Wat kun je laten zien als het gelukt is?"), _("Hoe weet je dat het klaar is?")
            ),
        }
        error_messages = {
            "what": {"required": _("Schrijf op wat je gaat doen.")},
            "due_on": {
                "required": _("Kies een datum waarop het klaar is."),
                "invalid": _("Dit is geen geldige datum. Kies een dag in de kalender."),
            },
            "done_when": {"required": _("Hoe zie je dat het gelukt is? Schrijf het op.")},
        }

    def __init__(
        self,
        *args: Any,
        experiences: Any,
        doers: DoerOptions,
        share_default: bool | None = None,
        earliest: dt.date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.doers = doers
        self.fields["doer"].choices = doers.choices()  # type: ignore[attr-defined]
        self.fields["experience"].queryset = experiences  # type: ignore[attr-defined]
        if earliest is not None:
            # The browser's date picker then starts at today; the domain checks it again on the server.
            self.fields["due_on"].widget.attrs["min"] = earliest.isoformat()
        if share_default is not None:
            self.fields["shared"] = share_field(share_default)

    def chosen(self) -> Who:
        """The doer as the domain takes it (the choice's value names the person; the list checked it)."""
        kind, _sep, pk = self.cleaned_data["doer"].partition(":")
        user = next((u for u in [*self.doers.mentors, *self.doers.guardians] if str(u.pk) == pk), None)
        contact = next((c for c in self.doers.contacts if str(c.pk) == pk), None)
        return Who(
            doer=kind,
            user=user if kind in (Doer.MENTOR, Doer.GUARDIAN) else None,
            contact=contact if kind == Doer.CONTACT else None,
            text=self.cleaned_data.get("who", ""),
        )


def doer_initial(action: Action) -> dict[str, str]:
    """The form's starting values for an action's doer."""
    if action.doer in (Doer.MENTOR, Doer.GUARDIAN) and action.doer_user_id:
        return {"doer": f"{action.doer}:{action.doer_user_id}", "who": ""}
    if action.doer == Doer.CONTACT and action.doer_contact_id:
        return {"doer": f"{Doer.CONTACT}:{action.doer_contact_id}", "who": ""}
    if action.doer == Doer.SELF:
        return {"doer": Doer.SELF.value, "who": ""}
    return {"doer": Doer.OTHER.value, "who": action.who}


class ActionStatusForm(Form):
    status = forms.ChoiceField(choices=ActionStatus.choices)
