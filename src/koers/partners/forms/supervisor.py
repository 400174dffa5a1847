"""The supervisor's form: feedback during the internship or the end assessment (family texts)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from koers.partners.models import FeedbackKind, Rating

# The words on the supervisor's page live here, with the page's other texts (translated for everyone).
KINDS = [
    (FeedbackKind.MIDWAY.value, pgettext_lazy("supervisor feedback", "tussentijdse feedback")),
    (FeedbackKind.FINAL.value, pgettext_lazy("supervisor feedback", "eindbeoordeling")),
]
RATINGS = [
    (Rating.GOOD.value, pgettext_lazy("rating", "goed")),
    (Rating.ENOUGH.value, pgettext_lazy("rating", "voldoende")),
    (Rating.NOT_YET.value, pgettext_lazy("rating", "nog niet")),
]

POINT_LABELS = {
    "punctual": _("Op tijd en afspraken nakomen"),
    "attitude": _("Houding en inzet"),
    "cooperation": _("Samenwerken met collega's en klanten"),
    "initiative": _("Zelf aan de slag gaan en vragen stellen"),
    "skill": _("Het werk zelf"),
}


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat geeft u?"), choices=KINDS, widget=forms.RadioSelect, initial=FeedbackKind.MIDWAY
    )
    text = forms.CharField(
        label=_("Uw feedback voor de leerling"),
        help_text=_("Wat ging goed, en wat kan de leerling nog leren?"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for key, label in POINT_LABELS.items():
            self.fields[f"rating_{key}"] = forms.ChoiceField(
                label=label,
                choices=[("", "—"), *RATINGS],
                required=False,
                help_text=_("Alleen bij de eindbeoordeling."),
            )

    def ratings(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"rating_{key}") or "" for key in POINT_LABELS}
