from django import forms
from django.utils.translation import gettext_lazy as _

from koers.notifications.models import Delivery


class DeliveryForm(forms.Form):
    delivery = forms.ChoiceField(
        label=_("Hoe wil je horen dat er iets nieuws is?"),
        choices=Delivery.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe je meldingen wilt krijgen.")},
    )
