"""Forms for taking the dossier along and for requests for access."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koers.common.forms import Form
from koers.schools.models import Student
from koers.transfer.models import AccessRequestKind
from koers.transfer.queries import Items
from koers.transfer.serialize import MAX_FILE_BYTES, Incoming, parse_transfer

LABELS = {
    "experiences": gettext_lazy("Ervaringen"),
    "evidence": gettext_lazy("Bewijsstukken (foto's, filmpjes, documenten)"),
    "reflections": gettext_lazy("Reflecties"),
    "traits": gettext_lazy("Kwaliteiten en motieven"),
    "ambitions": gettext_lazy("Ambities en keuzes"),
    "actions": gettext_lazy("Afspraken en actiepunten"),
    "choices": gettext_lazy("Bevestigde keuzes"),
}


class SelectionForm(Form):
    """Which of the student's own items go along; only their own items are choices at all."""

    receiving_school = forms.CharField(
        label=gettext_lazy("Naar welke school ga je?"),
        max_length=200,
        help_text=gettext_lazy("De naam van je nieuwe school, zodat je weet voor wie het dossier is."),
    )

    def __init__(self, *args: Any, items: Items, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        titles = {e.pk: e.title for e in items.experiences}
        choices = {
            "experiences": [(e.pk, f"{e.title} ({e.happened_on:%d-%m-%Y})") for e in items.experiences],
            "evidence": [
                (
                    e.pk,
                    _("%(what)s bij: %(experience)s")
                    % {
                        "what": e.caption or e.get_kind_display(),
                        "experience": titles.get(e.experience_id, ""),
                    },
                )
                for e in items.evidence
            ],
            "reflections": [
                (
                    r.pk,
                    _("%(competence)s bij: %(experience)s")
                    % {
                        "competence": r.get_competence_display(),
                        "experience": titles.get(r.experience_id, ""),
                    },
                )
                for r in items.reflections
            ],
            "traits": [(t.pk, f"{t.get_kind_display()}: {t.label}") for t in items.traits],
            "ambitions": [(a.pk, a.dream) for a in items.ambitions],
            "actions": [(a.pk, f"{a.what} ({a.due_on:%d-%m-%Y})") for a in items.actions],
            "choices": [(c.pk, f"{c.moment.title}: {c.chosen}") for c in items.choices],
        }
        for kind, options in choices.items():
            if options:
                self.fields[kind] = forms.TypedMultipleChoiceField(
                    label=LABELS[kind],
                    choices=options,
                    coerce=int,
                    required=False,
                    widget=forms.CheckboxSelectMultiple,
                )

    def selection(self) -> dict[str, list[int]]:
        return {kind: list(self.cleaned_data.get(kind, [])) for kind in LABELS}


class ApproveForm(Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Ik heb gekeken wat erin staat en ik keur dit overdrachtsdossier goed."),
        required=False,
    )


class StudentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Student) -> str:
        return f"{obj.name} ({obj.number})" if obj.number else obj.name


class ImportForm(Form):
    student = StudentChoiceField(
        label=gettext_lazy("Leerling"),
        queryset=Student.objects.none(),
        help_text=gettext_lazy("Alleen leerlingen die nu bij jullie school staan ingeschreven."),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy("Ik bevestig dat deze leerling bij onze school is ingeschreven."),
        required=False,
    )
    file = forms.FileField(
        label=gettext_lazy("Overdrachtsbestand (JSON)"),
        help_text=gettext_lazy("Het JSON-bestand dat de leerling bij de vorige school in Koers downloadde."),
    )

    def __init__(self, *args: Any, students: QuerySet[Student], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["student"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = students
        self.fields["file"].widget.attrs["accept"] = "application/json,.json"

    def clean_confirm(self) -> bool:
        if not self.cleaned_data.get("confirm"):
            raise ValidationError(_("Bevestig dat de leerling bij jullie school is ingeschreven."))
        return True

    def clean_file(self) -> Incoming:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                _("Dit bestand is te groot voor een overdrachtsdossier (maximaal %(max)s MB)."),
                params={"max": MAX_FILE_BYTES // (1024 * 1024)},
            )
        return parse_transfer(upload.read())


class AccessRequestForm(Form):
    student = forms.TypedChoiceField(label=gettext_lazy("Over wie"), coerce=int)
    kind = forms.ChoiceField(
        label=gettext_lazy("Wat wil je?"),
        choices=[
            (
                AccessRequestKind.INSPECTION,
                gettext_lazy("Inzage: bekijken wat Koers over de leerling bewaart"),
            ),
            (AccessRequestKind.COPY, gettext_lazy("Kopie: een bestand met alle gegevens om te bewaren")),
        ],
        widget=forms.RadioSelect,
        initial=AccessRequestKind.INSPECTION,
    )

    def __init__(self, *args: Any, students: list[Student], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["student"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(s.pk, s.name) for s in students]
        if len(students) == 1:
            field.initial = students[0].pk
            field.widget = forms.HiddenInput()
