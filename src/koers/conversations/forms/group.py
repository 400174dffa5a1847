"""The form for recording a group conversation (a class dialogue)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.common.forms import Form
from koers.conversations.domain.group import TEXT_MAX_LENGTH, TOPIC_MAX_LENGTH


class GroupRecordForm(Form):
    topic = forms.CharField(
        label=_("Onderwerp"),
        max_length=TOPIC_MAX_LENGTH,
        help_text=_("Waar ging het gesprek met de klas over?"),
        error_messages={"required": _("Schrijf op waar het gesprek over ging.")},
    )
    class_said = forms.CharField(
        label=_("Wat de klas zei"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Ideeën, vragen en meningen die naar voren kwamen, zonder namen van leerlingen."),
        error_messages={"required": _("Schrijf kort op wat de klas inbracht.")},
    )
    follow_up = forms.CharField(
        label=_("Vervolg"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat gaan de klas of de mentor hierna doen?"),
    )
