"""Forms of the careers area: the search filters and "does this fit me?"."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.common.forms import VersionedFormMixin
from koers.common.uploads import CheckedFileField, UploadKind
from koers.language.simple import simpler

LEVEL_CHOICES = [
    ("", _("Alle niveaus")),
    ("1", _("mbo entree (niveau 1)")),
    ("2", _("mbo niveau 2")),
    ("3", _("mbo niveau 3")),
    ("4", _("mbo niveau 4")),
    ("hbo", _("hbo")),
    ("wo", _("wo")),
]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Zoek"), required=False, max_length=80)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    level = forms.ChoiceField(label=_("Niveau"), required=False, choices=LEVEL_CHOICES)
    past = forms.BooleanField(label=_("Past bij mijn kwaliteiten en motieven"), required=False)
    test = forms.BooleanField(label=_("Uit mijn interessetest"), required=False)

    def __init__(self, *args: object, sectors: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["sector"].choices = [("", _("Alle sectoren")), *sectors]  # type: ignore[attr-defined]


class FitForm(VersionedFormMixin, forms.Form):
    attracts = forms.CharField(
        label=simpler(_("Wat trekt je aan in dit beroep?"), _("Wat vind je leuk aan dit werk?")),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    doubts = forms.CharField(
        label=simpler(_("Waar twijfel je over?"), _("Wat vind je niet leuk?")),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    find_out = forms.CharField(
        label=simpler(_("Wat wil je nog uitzoeken?"), _("Wat wil je nog weten?")),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    voice = CheckedFileField(
        kind=UploadKind.AUDIO,
        label=simpler(
            _("Liever praten dan typen? Spreek je antwoord in"), _("Liever praten? Neem je stem op.")
        ),
    )
    remove_voice = forms.BooleanField(label=_("Mijn spraakbericht weghalen"), required=False)


class VisitReflectionForm(forms.Form):
    reflection = forms.CharField(
        label=simpler(
            _("Hoe was de open dag? Wat heb je gezien en wat vond je ervan?"),
            _("Hoe was het? Wat vond je ervan?"),
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
    )
