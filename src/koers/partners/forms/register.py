"""Forms of the register (staff: Dutch and English)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.common.forms import VersionedFormMixin
from koers.partners.models import (
    ContactMoment,
    ContactPerson,
    InternshipPlace,
    Offer,
    Partner,
    PartnerKind,
    PartnershipStatus,
)
from koers.partners.queries.careers import occupations_by_key
from koers.pictograms.labels import SECTORS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def sector_choices() -> list[tuple[str, str]]:
    return [(key, str(label)) for key, label in SECTORS.items()]


def occupation_choices() -> list[tuple[str, str]]:
    """The careers catalogue's occupations (shipped and the school's own), by stable key."""
    return occupations_by_key()


class PartnerForm(VersionedFormMixin, forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    offers = forms.MultipleChoiceField(
        label=_("Wat ze bieden"), choices=Offer.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    sectors = forms.MultipleChoiceField(
        label=_("Sectoren"), choices=sector_choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    occupations = forms.MultipleChoiceField(
        label=_("Beroepen"),
        choices=occupation_choices,
        required=False,
        help_text=_("Uit de beroepenlijst van Koers; houd Ctrl ingedrukt om er meer te kiezen."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Partner
        fields = [
            "name",
            "kind",
            "status",
            "offers",
            "sectors",
            "occupations",
            "opens_paths",
            "city",
            "address",
            "website",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "opens_paths": _(
                "Bijvoorbeeld een vrouwelijke automonteur of een mannelijke verpleegkundige: iemand die laat "
                "zien dat een beroep niet bij één soort mensen hoort."
            )
        }

    def clean_occupations(self) -> list[str]:
        return [
            line.strip() for line in (self.cleaned_data.get("occupations") or "").splitlines() if line.strip()
        ]

    @staticmethod
    def initial_for(partner: Partner) -> dict[str, object]:
        return {
            **{f: getattr(partner, f) for f in PartnerForm.Meta.fields},
        }


class RegisterFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False)
    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("alle")), *PartnerKind.choices]
    )
    offer = forms.ChoiceField(label=_("Biedt"), required=False, choices=[("", _("alles")), *Offer.choices])
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    status = forms.ChoiceField(
        label=_("Samenwerking"), required=False, choices=[("", _("alle")), *PartnershipStatus.choices]
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["sector"].choices = [("", _("alle")), *sector_choices()]  # type: ignore[attr-defined]


class PersonForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "job_title", "email", "phone"]


class MomentForm(forms.ModelForm):
    # The queryset is the partner's own people, set per form (a scoped manager cannot be read at import).
    person: forms.ModelChoiceField[ContactPerson] = forms.ModelChoiceField(
        label=_("Met wie"), queryset=None, required=False
    )

    class Meta:
        model = ContactMoment
        fields = ["on", "person", "about", "next_step"]
        widgets = {"on": DATE, "about": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: object, partner: Partner, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["person"].queryset = partner.people.all()  # type: ignore[attr-defined]
        self.fields["on"].initial = timezone.localdate()


class PlaceForm(VersionedFormMixin, forms.ModelForm):
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    occupation = forms.ChoiceField(label=_("Beroep"), required=False)

    class Meta:
        model = InternshipPlace
        fields = [
            "title",
            "description",
            "kind",
            "sector",
            "occupation",
            "starts_on",
            "ends_on",
            "hours_per_week",
            "capacity",
            "minimum_age",
            "needs_vog",
            "needs_safety_clothing",
            "other_requirements",
            "supervisor_name",
            "supervisor_email",
            "supervisor_phone",
            "open",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE, "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["sector"].choices = [("", "—"), *sector_choices()]  # type: ignore[attr-defined]
        self.fields["occupation"].choices = [("", "—"), *occupation_choices()]  # type: ignore[attr-defined]
