"""Forms for action points."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.common.forms import DateInput, Form, ModelForm, VersionedFormMixin
from koers.dossier.domain.actions import Who
from koers.dossier.forms.overview import OptionalExperienceField, share_field
from koers.dossier.models import Action, ActionStatus, Doer, Experience
from koers.dossier.queries.doers import DoerOptions
from koers.language.simple import simpler


class ActionForm(VersionedFormMixin, ModelForm):
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
