"""The compliment form."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.common.forms import Form
from koers.dossier.forms.overview import TraitChoiceField
from koers.lob.models import Trait
from koers.lob.vocabulary import TraitKind


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
