from django import forms
from django.utils.translation import gettext_lazy as _

from koers.common.forms import Form, VersionedFormMixin
from koers.lob.vocabulary import SharedKind


class SchoolSettingsForm(VersionedFormMixin, Form):
    inactive_after_weeks = forms.IntegerField(
        label=_("Signaal na hoeveel weken zonder nieuwe ervaring of reflectie"),
        min_value=1,
        max_value=52,
        help_text=_("De decaan ziet leerlingen die zo lang niets hebben toegevoegd. Kies 1 tot en met 52."),
        error_messages={
            "required": _("Vul een aantal weken in."),
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Kies minstens 1 week."),
            "max_value": _("Kies hoogstens 52 weken."),
        },
    )
    registration_days_after = forms.IntegerField(
        label=_("Deelname registreren tot hoeveel dagen na een activiteit"),
        min_value=0,
        max_value=60,
        help_text=_(
            "Docenten en mentoren kunnen de deelname registreren vanaf de dag ervoor tot zoveel dagen erna. "
            "Kies 0 tot en met 60."
        ),
        error_messages={
            "required": _("Vul een aantal dagen in."),
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Kies 0 of meer dagen."),
            "max_value": _("Kies hoogstens 60 dagen."),
        },
    )
    shared_by_default = forms.MultipleChoiceField(
        label=_("Standaard zichtbaar voor ouders"),
        choices=SharedKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Wat een leerling nieuw toevoegt, staat zo ingesteld. De leerling kan het per item veranderen."
        ),
    )
