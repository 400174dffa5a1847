from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from koers.common.forms import Form, VersionedFormMixin
from koers.common.uploads import CheckedFileField, UploadKind
from koers.language.simple import simpler


class GuardianAnswerForm(VersionedFormMixin, Form):
    conflict_message = _(
        "Niet bewaard: iemand anders heeft dit intussen veranderd (of u, in een ander venster). Wat nu "
        "bewaard is, staat hieronder; uw tekst staat nog in de velden. Neem over wat u wilt houden en bewaar "
        "opnieuw."
    )

    text = forms.CharField(
        label=_("Uw antwoord"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=simpler(
            _("Schrijf in uw eigen taal, of neem hieronder een spraakbericht op."),
            _("Schrijf in uw eigen taal. Of neem uw stem op."),
        ),
    )
    voice = CheckedFileField(kind=UploadKind.AUDIO, label=_("Spraakbericht"))
    remove_voice = forms.BooleanField(label=_("Mijn spraakbericht weghalen"), required=False)
    language = forms.ChoiceField(label=_("In welke taal antwoordt u?"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, has_voice: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not has_voice:
            del self.fields["remove_voice"]
