"""Forms about internships. The student's (choosing, the log, looking back) are family texts."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.common.uploads import CheckedFileField, UploadKind
from koers.lob.vocabulary import Feeling
from koers.partners.models import InternshipPlace

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ChoiceForm(forms.Form):
    """Three optional slots: a place and a reason (words or a voice note)."""

    def __init__(self, *args: object, places: list[InternshipPlace], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        options = [("", _("kies een plek"))] + [(str(p.pk), f"{p.title} · {p.partner.name}") for p in places]
        for n in (1, 2, 3):
            self.fields[f"place_{n}"] = forms.ChoiceField(
                label=_("Keuze %(n)d") % {"n": n}, choices=options, required=n == 1
            )
            self.fields[f"reason_{n}"] = forms.CharField(
                label=_("Waarom deze plek?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[f"voice_{n}"] = CheckedFileField(
                kind=UploadKind.AUDIO, label=_("Of spreek het in"), required=False
            )
        self.fields["place_1"].error_messages["required"] = _("Kies minstens één plek.")


class LogForm(forms.Form):
    day = forms.DateField(label=_("Dag"), widget=DATE, initial=timezone.localdate)
    hours = forms.DecimalField(label=_("Uren"), min_value=0, max_value=24, decimal_places=1)
    what = forms.CharField(label=_("Wat deed ik?"), widget=forms.Textarea(attrs={"rows": 3}))
    photo = CheckedFileField(kind=UploadKind.IMAGE, label=_("Foto (mag)"), required=False)


class ReflectForm(forms.Form):
    what_i_did = forms.CharField(
        label=_("Wat deed ik en wat was mijn rol?"), widget=forms.Textarea(attrs={"rows": 3})
    )
    feeling = forms.ChoiceField(
        label=_("Hoe voelde het?"), choices=[("", "—"), *Feeling.choices], required=False
    )
    went_well = forms.CharField(
        label=_("Wat ging goed?"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    learned_about_me = forms.CharField(
        label=_("Wat ontdekte ik over mezelf?"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    share_feedback = forms.BooleanField(
        label=_("Zet de feedback van mijn praktijkbegeleider ook in mijn dossier"), required=False
    )
