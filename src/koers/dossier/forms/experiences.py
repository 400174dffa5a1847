"""Forms for experiences, evidence, reflections and remarks. Dutch messages, shown next to the field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.common.forms import DateInput, Form, VersionedFormMixin
from koers.common.uploads import (
    CheckedFileField,
    CheckedFilesField,
    CheckedUpload,
    UploadKind,
    format_size,
    max_bytes_for,
)
from koers.dossier.domain.experiences import AnswerInput
from koers.dossier.domain.remarks import REMARK_MAX_LENGTH
from koers.dossier.models import Reflection, ReflectionAnswer
from koers.language.simple import simpler
from koers.lob.models import ReflectionPrompt, Trait
from koers.lob.vocabulary import ExperienceKind, Feeling, TraitKind, feeling_pictogram, kind_pictogram
from koers.pictograms.render import tile_label

PDF_NOTE = _(
    "Koers haalt je naam en de datums uit een pdf. Foto's in de pdf houden hun eigen gegevens, zoals de plek "
    "waar ze zijn gemaakt."
)


class ExperienceForm(VersionedFormMixin, Form):
    kind = forms.ChoiceField(
        label=simpler(_("Wat voor ervaring was het?"), _("Wat was het?")),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies wat voor ervaring het was."),
            "invalid_choice": _("Kies een van de soorten."),
        },
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=120,
        help_text=simpler(
            _("Kort, bijvoorbeeld: Meelopen bij de bakker"),
            _("Een paar woorden. Bijvoorbeeld: Bij de bakker"),
        ),
        error_messages={
            "required": _("Geef je ervaring een korte titel."),
            "max_length": _("Maak de titel korter: maximaal %(limit_value)d tekens (nu %(show_value)d)."),
        },
    )
    happened_on = forms.DateField(
        label=_("Datum"),
        widget=DateInput,
        error_messages={
            "required": _("Vul de datum in."),
            "invalid": _("Dit is geen goede datum. Kies een dag in de kalender."),
        },
    )
    place = forms.CharField(
        label=_("Waar was het?"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Maak dit korter: maximaal %(limit_value)d tekens.")},
    )
    what_i_did = forms.CharField(
        label=simpler(_("Wat deed je, en wat was jouw rol?"), _("Wat deed jij daar?")),
        widget=forms.Textarea,
        required=False,
    )
    feeling = forms.ChoiceField(
        label=_("Hoe voelde het?"),
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": _("Kies een van de gevoelens.")},
    )
    went_well = forms.CharField(label=_("Wat ging goed?"), widget=forms.Textarea, required=False)
    learned_about_me = forms.CharField(
        label=simpler(_("Wat ontdekte je over jezelf?"), _("Wat weet je nu over jezelf?")),
        widget=forms.Textarea,
        required=False,
    )
    shared_with_guardians = forms.BooleanField(
        label=simpler(
            _("Mijn ouders of verzorgers mogen deze ervaring zien"), _("Mijn ouders mogen dit zien")
        ),
        required=False,
        help_text=simpler(
            _("Je mentor en je decaan zien je dossier altijd. Dit kun je later nog veranderen."),
            _("Je mentor en je decaan zien het altijd. Je kunt dit later veranderen."),
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            (kind.value, tile_label(kind_pictogram(kind), kind.label)) for kind in ExperienceKind
        ]
        self.fields["feeling"].choices = [  # type: ignore[attr-defined]
            (feeling.value, tile_label(feeling_pictogram(feeling), feeling.label)) for feeling in Feeling
        ] + [("", tile_label(feeling_pictogram(""), _("Weet ik niet")))]
        self.fields["happened_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_happened_on(self) -> Any:
        day = self.cleaned_data["happened_on"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(
                _("Deze datum ligt in de toekomst. Schrijf een ervaring op nadat je hem hebt gehad."),
                code="future",
            )
        return day


class EvidenceForm(Form):
    """Photos, a short video, a voice note and a document, checked by content as soon as they arrive."""

    photos = CheckedFilesField(kind=UploadKind.IMAGE, label=_("Foto's"))
    video = CheckedFileField(kind=UploadKind.VIDEO, label=_("Filmpje"))
    voice = CheckedFileField(kind=UploadKind.AUDIO, label=_("Spraakbericht"))
    document = CheckedFileField(kind=UploadKind.DOCUMENT, label=_("Document (PDF)"))
    caption = forms.CharField(
        label=_("Wat is er te zien of te horen?"),
        max_length=200,
        required=False,
        help_text=simpler(
            _("Een korte beschrijving. Die helpt ook iemand die de foto niet kan zien."),
            _("Wat staat erop? Zeg het kort."),
        ),
        error_messages={"max_length": _("Maak dit korter: maximaal %(limit_value)d tekens.")},
    )

    def __init__(self, *args: Any, require_file: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.require_file = require_file
        general = format_size(max_bytes_for(UploadKind.IMAGE))
        self.fields["photos"].help_text = _(
            "Je kunt meer foto's tegelijk kiezen, elk maximaal %(limit)s."
        ) % {"limit": general}
        self.fields["video"].help_text = _("Een kort filmpje (MP4, MOV of WebM), maximaal %(limit)s.") % {
            "limit": format_size(max_bytes_for(UploadKind.VIDEO))
        }
        self.fields["voice"].help_text = _(
            "Neem op met de knop, of kies een geluidsbestand. "
            "Maximaal %(limit)s: genoeg voor een paar minuten."
        ) % {"limit": format_size(max_bytes_for(UploadKind.AUDIO))}
        self.fields["document"].help_text = " ".join(
            [
                _("Bijvoorbeeld een werkstuk of een bewijs van je stage, maximaal %(limit)s.")
                % {"limit": format_size(max_bytes_for(UploadKind.DOCUMENT))},
                # What stripping cannot reach is said to the uploader (docs/privacy.md, "Files").
                str(PDF_NOTE),
            ]
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.require_file and not self.errors and not self.uploads():
            raise forms.ValidationError(_("Kies minstens één bestand om toe te voegen."), code="required")
        return cleaned

    def uploads(self) -> list[CheckedUpload]:
        data = getattr(self, "cleaned_data", {})
        single = [data.get(name) for name in ("video", "voice", "document")]
        return [*data.get("photos", []), *(u for u in single if u is not None)]


@dataclass
class PromptRow:
    """One question of a reflection, with its fields and the earlier answer (if any)."""

    prompt: ReflectionPrompt
    question: str
    text: BoundField
    voice: BoundField
    remove_voice: BoundField | None
    answer: ReflectionAnswer | None


class ReflectionForm(VersionedFormMixin, Form):
    """The prompts of one competence, each answered by text or a voice note (or both)."""

    shared_with_guardians = forms.BooleanField(
        label=simpler(
            _("Mijn ouders of verzorgers mogen deze reflectie zien"), _("Mijn ouders mogen dit zien")
        ),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        prompts: list[ReflectionPrompt],
        reflection: Reflection | None,
        shared_default: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.prompts = prompts
        self.existing = {a.prompt_id: a for a in reflection.answers.all()} if reflection else {}
        self.fields["shared_with_guardians"].initial = (
            reflection.shared_with_guardians if reflection else shared_default
        )
        for prompt in prompts:
            answer = self.existing.get(prompt.pk)
            self.fields[f"text_{prompt.pk}"] = forms.CharField(
                label=_("Schrijf je antwoord"),
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                initial=answer.text if answer else "",
            )
            self.fields[f"voice_{prompt.pk}"] = CheckedFileField(
                kind=UploadKind.AUDIO,
                label=_("Of spreek je antwoord in"),
                help_text=_("Maximaal %(limit)s.") % {"limit": format_size(max_bytes_for(UploadKind.AUDIO))},
            )
            if answer is not None and answer.voice:
                self.fields[f"remove_voice_{prompt.pk}"] = forms.BooleanField(
                    label=_("Haal mijn ingesproken antwoord weg"), required=False
                )

    def rows(self) -> list[PromptRow]:
        return [
            PromptRow(
                prompt=prompt,
                question=prompt.question,
                text=self[f"text_{prompt.pk}"],
                voice=self[f"voice_{prompt.pk}"],
                remove_voice=self[f"remove_voice_{prompt.pk}"]
                if f"remove_voice_{prompt.pk}" in self.fields
                else None,
                answer=self.existing.get(prompt.pk),
            )
            for prompt in self.prompts
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.errors:
            return cleaned
        for prompt in self.prompts:
            answer = self.existing.get(prompt.pk)
            kept_voice = bool(answer and answer.voice) and not cleaned.get(f"remove_voice_{prompt.pk}")
            if (
                (cleaned.get(f"text_{prompt.pk}") or "").strip()
                or cleaned.get(f"voice_{prompt.pk}")
                or kept_voice
            ):
                return cleaned
        raise forms.ValidationError(
            _("Beantwoord minstens één vraag, met tekst of met een spraakbericht."), code="no_answer"
        )

    def answers(self) -> list[AnswerInput]:
        return [
            AnswerInput(
                prompt=prompt,
                text=self.cleaned_data.get(f"text_{prompt.pk}") or "",
                voice=self.cleaned_data.get(f"voice_{prompt.pk}"),
                remove_voice=bool(self.cleaned_data.get(f"remove_voice_{prompt.pk}")),
            )
            for prompt in self.prompts
        ]


class RemarkForm(Form):
    text = forms.CharField(
        label=_("Jouw vraag of opmerking"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REMARK_MAX_LENGTH,
        error_messages={
            "required": _("Schrijf eerst je vraag of reactie."),
            "max_length": _("Dit bericht is te lang. Houd het onder de %(limit_value)d tekens."),
        },
    )

    def __init__(self, *args: Any, as_answer: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if as_answer:
            self.fields["text"].label = _("Jouw antwoord")


class QualityOfferForm(Form):
    """One tap on a quality a reflection named (queries.experiences.named_qualities)."""

    trait = forms.ModelChoiceField(queryset=Trait.objects.filter(kind=TraitKind.QUALITY))
