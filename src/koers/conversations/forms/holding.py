"""Forms for preparing and holding a conversation."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.common.forms import Form, VersionedFormMixin
from koers.common.uploads import CheckedFileField, UploadKind
from koers.conversations.domain.holding import MENTOR_GOAL_MAX_LENGTH, NOTE_MAX_LENGTH, TAG_TEXT_MAX_LENGTH
from koers.conversations.domain.preparation import ANSWER_MAX_LENGTH
from koers.conversations.models import TagKind
from koers.dossier.models import Experience
from koers.language.simple import simpler
from koers.lob.models import Trait
from koers.lob.vocabulary import Phase
from koers.schools.models import Student


class ExperienceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} ({obj.happened_on:%d-%m-%Y})"


class StudentPreparationForm(VersionedFormMixin, Form):
    talk_about = forms.CharField(
        label=simpler(_("Waar wil je het over hebben?"), _("Waar wil je over praten?")),
        required=False,
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    experience = ExperienceChoiceField(
        label=simpler(_("Welke ervaring neem je mee?"), _("Wat heb je gedaan? Kies een ervaring.")),
        queryset=Experience.objects.none(),
        required=False,
        empty_label=_("Geen ervaring gekozen"),
    )
    hope_to_get = forms.CharField(
        label=simpler(_("Wat wil je dat dit gesprek je oplevert?"), _("Wat wil je na het gesprek weten?")),
        required=False,
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    voice = CheckedFileField(
        kind=UploadKind.AUDIO,
        label=simpler(
            _("Liever praten dan typen? Neem een spraakbericht op"), _("Liever praten? Neem je stem op.")
        ),
    )
    remove_voice = forms.BooleanField(label=_("Mijn spraakbericht weghalen"), required=False)

    def __init__(self, *args: Any, student: Student, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["experience"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Experience.objects.filter(student=student).order_by("-happened_on", "-created_at")


class GuardianPreparationForm(VersionedFormMixin, Form):
    conflict_message = _(
        "Niet bewaard: iemand anders heeft dit intussen veranderd (of u, in een ander venster). Wat nu "
        "bewaard is, staat hieronder; uw tekst staat nog in de velden. Neem over wat u wilt houden en bewaar "
        "opnieuw."
    )

    talk_about = forms.CharField(
        label=simpler(_("Waar wilt u het in het gesprek over hebben?"), _("Waar wilt u over praten?")),
        required=False,
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    hope_to_get = forms.CharField(
        label=simpler(_("Wat hoopt u voor uw kind?"), _("Wat wilt u voor uw kind?")),
        required=False,
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PhaseNoteForm(Form):
    phase = forms.ChoiceField(choices=Phase.choices)
    text = forms.CharField(required=False, max_length=NOTE_MAX_LENGTH, strip=False)
    # The version of the note the editor started from (queries.holding.note_version); empty: not checked.
    version = forms.CharField(required=False, max_length=16)


class PrivateNoteForm(Form):
    text = forms.CharField(
        label=_("Mijn eigen notitie (alleen voor mij)"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # The version of the note the editor started from (queries.holding.note_version); empty: not checked.
    version = forms.CharField(required=False, max_length=16)


class MentorGoalForm(VersionedFormMixin, Form):
    mentor_goal = forms.CharField(
        label=_("Mijn doel voor dit gesprek"),
        help_text=_(
            "Wat wil jij als begeleider bereiken of te weten komen? Alleen begeleiders zien dit; de leerling "
            "en ouders niet. De leerling bepaalt de agenda."
        ),
        required=False,
        max_length=MENTOR_GOAL_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": _("Dit is te lang (maximaal %(limit_value)s tekens).")},
    )


class TagForm(Form):
    kind = forms.ChoiceField(choices=TagKind.choices)
    trait = forms.ModelChoiceField(queryset=Trait.objects.all(), required=False)
    text = forms.CharField(label=_("Beroep"), required=False, max_length=TAG_TEXT_MAX_LENGTH)
