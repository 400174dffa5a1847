"""Staff forms about internships: matching by hand, who agreed, visits, the supervisor's link, the class
presentation (Dutch and English)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.common.uploads import CheckedFileField, UploadKind
from koers.conversations.forms.planning import SlotFields
from koers.partners.models import Party

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MatchForm(forms.Form):
    student = forms.IntegerField(widget=forms.HiddenInput)
    place = forms.IntegerField(label=_("Stageplaats"))


class SignatureForm(forms.Form):
    party = forms.ChoiceField(label=_("Wie"), choices=Party.choices)
    name = forms.CharField(label=_("Naam"), max_length=150)
    agreed_on = forms.DateField(label=_("Akkoord op"), widget=DATE, initial=timezone.localdate)


class VisitForm(forms.Form):
    on = forms.DateField(label=_("Datum"), widget=DATE, initial=timezone.localdate)
    notes = forms.CharField(label=_("Wat zag en hoorde je?"), widget=forms.Textarea(attrs={"rows": 3}))


class LinkForm(forms.Form):
    days = forms.IntegerField(label=_("Werkt zoveel dagen"), min_value=1, max_value=180, initial=42)
    language = forms.ChoiceField(
        label=_("Taal van de pagina"), choices=[("nl", "Nederlands"), ("en", "English")], initial="nl"
    )


class PresentationForm(forms.Form):
    presented_on = forms.DateField(label=_("Gepresenteerd op"), widget=DATE, initial=timezone.localdate)
    class_said = forms.CharField(
        label=_("Wat zei de klas?"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    photo = CheckedFileField(kind=UploadKind.IMAGE, label=_("Foto van de presentatie"), required=False)


class SessionForm(SlotFields):
    """Planning the class's presentation session: date, time, duration and place (a group conversation)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["duration_minutes"].initial = 50


class SessionPresentationForm(forms.Form):
    """One student's presentation in the session: what the class said back and a photo."""

    internship = forms.IntegerField(widget=forms.HiddenInput)
    class_said = forms.CharField(
        label=_("Wat zei de klas?"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    photo = CheckedFileField(kind=UploadKind.IMAGE, label=_("Foto van de presentatie"), required=False)
