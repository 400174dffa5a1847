"""Forms of the school's privacy page: the retention period and keeping one dossier longer."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from koers.common.forms import DateInput, Form
from koers.transfer.domain.retention import MAX_RETENTION_MONTHS, MIN_RETENTION_MONTHS


class RetentionForm(Form):
    months = forms.IntegerField(
        label=_("Bewaartermijn na vertrek, in maanden"),
        min_value=MIN_RETENTION_MONTHS,
        max_value=MAX_RETENTION_MONTHS,
        help_text=format_lazy(
            _(
                "Zo lang blijft het dossier bewaard nadat een leerling de school heeft verlaten. "
                "Kies {low} tot en met {high} maanden; 24 maanden is gebruikelijk."
            ),
            low=MIN_RETENTION_MONTHS,
            high=MAX_RETENTION_MONTHS,
        ),
        error_messages={
            "required": _("Vul een aantal maanden in."),
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Kies minstens %(limit_value)s maanden."),
            "max_value": _("Kies hoogstens %(limit_value)s maanden."),
        },
    )


class KeepLongerForm(Form):
    until = forms.DateField(
        label=_("Bewaren tot en met"),
        widget=DateInput(),
        help_text=_("Bijvoorbeeld zolang een klacht of bezwaar loopt. Kies een datum na vandaag."),
        error_messages={"required": _("Kies een datum."), "invalid": _("Vul een geldige datum in.")},
    )
