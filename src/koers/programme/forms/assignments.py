"""Forms for the assignment bank, giving an assignment and a student's work. Dutch messages next to fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from koers.common.forms import DateInput, Form, VersionedFormMixin
from koers.common.uploads import CheckedFileField, CheckedFilesField, UploadKind
from koers.common.versions import EditConflict
from koers.lob.vocabulary import Competence, Element
from koers.programme.domain.assignments import MAX_PHOTOS, AssignmentInput
from koers.programme.models import Activity, Assignment, AssignmentFormat, Audience, Purpose
from koers.schools.models import Group

ALL = [("", pgettext_lazy("filter", "alle"))]


class BankFilterForm(Form):
    element = forms.ChoiceField(label=_("Werkzaam element"), required=False, choices=ALL + Element.choices)
    competence = forms.ChoiceField(
        label=_("Loopbaancompetentie"), required=False, choices=ALL + Competence.choices
    )
    audience = forms.ChoiceField(label=_("Voor wie"), required=False, choices=ALL + Audience.choices)
    format = forms.ChoiceField(label=_("Vorm"), required=False, choices=ALL + AssignmentFormat.choices)
    archived = forms.BooleanField(label=_("Ook gearchiveerde opdrachten"), required=False)

    def __init__(self, *args: Any, show_archived: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not show_archived:
            del self.fields["archived"]


class AssignmentForm(VersionedFormMixin, Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=160,
        error_messages={
            "required": _("Geef de opdracht een titel."),
            "max_length": _("Maak de titel korter: maximaal %(limit_value)d tekens."),
        },
    )
    goal = forms.CharField(
        label=_("Doel"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("In één of twee zinnen: wat leert of ontdekt de leerling?"),
        error_messages={"required": _("Schrijf in één of twee zinnen wat het doel is.")},
    )
    steps = forms.CharField(
        label=_("Stappen"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Eén stap per regel, in eenvoudige taal. Eén ding per stap."),
        error_messages={"required": _("Schrijf minstens één stap op.")},
    )
    questions = forms.CharField(
        label=_("Vragen voor de leerling"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Eén vraag per regel. Nodig bij de vormen 'vragen' en 'interview'."),
    )
    audience = forms.ChoiceField(
        label=_("Voor wie"),
        choices=Audience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies voor wie de opdracht is.")},
    )
    format = forms.ChoiceField(
        label=_("Vorm"),
        choices=AssignmentFormat.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een vorm.")},
    )
    competences = forms.MultipleChoiceField(
        label=_("Loopbaancompetenties"),
        choices=Competence.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    elements = forms.MultipleChoiceField(
        label=_("Werkzame elementen"),
        choices=Element.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    @classmethod
    def initial_for(cls, assignment: Assignment) -> dict[str, Any]:
        return {
            "title": assignment.title,
            "goal": assignment.goal,
            "steps": "\n".join(assignment.steps),
            "questions": "\n".join(assignment.questions),
            "audience": assignment.audience,
            "format": assignment.format,
            "competences": list(assignment.competences),
            "elements": list(assignment.elements),
        }

    def as_input(self) -> AssignmentInput:
        data = self.cleaned_data
        return AssignmentInput(
            title=data["title"],
            goal=data["goal"],
            steps=data["steps"].splitlines(),
            questions=data["questions"].splitlines(),
            audience=data["audience"],
            format=data["format"],
            competences=data["competences"],
            elements=data["elements"],
        )


class ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.title} · {obj.get_track_display()} {obj.year_level} · {obj.starts_on:%m-%Y}"


class GiveForm(Form):
    groups: forms.ModelMultipleChoiceField[Group] = forms.ModelMultipleChoiceField(
        label=_("Groepen"),
        queryset=Group.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies minstens één groep."),
            "invalid_choice": _("Je kunt deze opdracht alleen aan je eigen groepen geven."),
            "invalid_pk_value": _("Kies een groep uit de lijst."),
        },
    )
    purpose = forms.ChoiceField(
        label=_("Waarvoor is de opdracht?"),
        choices=Purpose.choices,
        widget=forms.RadioSelect,
        initial=Purpose.STANDALONE,
        error_messages={"required": _("Kies waarvoor de opdracht is.")},
    )
    activity = ActivityChoiceField(
        label=_("Bij welke activiteit?"),
        queryset=Activity.objects.none(),
        required=False,
        empty_label=_("geen activiteit"),
        help_text=_("Nodig bij een voorbereiding of een reflectie achteraf."),
        error_messages={"invalid_choice": _("Kies een activiteit uit de lijst.")},
    )
    given_on = forms.DateField(
        label=_("Geven op"),
        widget=DateInput,
        error_messages={
            "required": _("Vul in vanaf wanneer de leerlingen de opdracht zien."),
            "invalid": _("Dit is geen goede datum."),
        },
    )
    due_on = forms.DateField(
        label=_("Inleveren op"),
        widget=DateInput,
        error_messages={"required": _("Vul de inleverdatum in."), "invalid": _("Dit is geen goede datum.")},
    )

    def __init__(
        self, *args: Any, groups: QuerySet[Group], activities: QuerySet[Activity], **kwargs: Any
    ) -> None:
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("given_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = groups  # type: ignore[attr-defined]
        self.fields["activity"].queryset = activities  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given_on, due_on = data.get("given_on"), data.get("due_on")
        if given_on and due_on and due_on < given_on:
            self.add_error(
                "due_on",
                _("De inleverdatum ligt vóór de dag waarop je de opdracht geeft. Kies een latere datum."),
            )
        if data.get("purpose") in (Purpose.PREPARATION, Purpose.REFLECTION) and not data.get("activity"):
            self.add_error(
                "activity",
                _("Kies de activiteit die de leerlingen met deze opdracht voorbereiden of nabespreken."),
            )
        return data


class WorkForm(VersionedFormMixin, Form):
    """The student's answers: one text box per question, a free text, photos and a voice note. It carries
    the version of the stored answers (``WORK_FIELDS``); a conflict shows the stored text per question."""

    text = forms.CharField(
        label=_("Wil je nog iets vertellen?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
        error_messages={"max_length": _("Maak dit korter: maximaal %(limit_value)d tekens.")},
    )
    photos = CheckedFilesField(kind=UploadKind.IMAGE, max_files=MAX_PHOTOS, label=_("Foto's toevoegen"))
    remove_photos = forms.MultipleChoiceField(
        label=_("Foto's weghalen"), required=False, widget=forms.CheckboxSelectMultiple
    )
    voice = CheckedFileField(kind=UploadKind.AUDIO, label=_("Spraakbericht"))
    remove_voice = forms.BooleanField(label=_("Mijn spraakbericht weghalen"), required=False)

    def __init__(
        self,
        *args: Any,
        assignment: Assignment,
        photo_choices: list[tuple[str, str]],
        has_voice: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.question_names = []
        for index, question in enumerate(assignment.local_questions):
            name = f"q{index}"
            self.fields[name] = forms.CharField(
                label=question,
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                max_length=4000,
                error_messages={"max_length": _("Maak dit korter: maximaal %(limit_value)d tekens.")},
            )
            self.question_names.append(name)
        if assignment.format == AssignmentFormat.VOICE:
            self.fields["text"].label = _("Liever schrijven? Vertel het hier.")
        if assignment.format == AssignmentFormat.MOODBOARD:
            self.fields["photos"].label = _("Beelden voor je moodboard")
        self.fields["remove_photos"].choices = photo_choices  # type: ignore[attr-defined]
        if not photo_choices:
            del self.fields["remove_photos"]
        if not has_voice:
            del self.fields["remove_voice"]

    def show_conflict(self, conflict: EditConflict) -> None:
        if conflict.theirs is not None:  # the stored answers, spread over the question boxes they belong in
            stored = conflict.theirs.get("answers") or {}
            theirs = {name: stored.get(str(i), "") for i, name in enumerate(self.question_names)}
            conflict.theirs = {**theirs, "text": stored.get("text", "")}
        super().show_conflict(conflict)

    @property
    def question_fields(self) -> list[Any]:
        return [self[name] for name in self.question_names]

    def answers(self) -> dict[str, str]:
        data = self.cleaned_data
        found = {str(i): data.get(name, "") for i, name in enumerate(self.question_names)}
        found["text"] = data.get("text", "")
        return found

    @staticmethod
    def initial_from(answers: dict[str, Any], assignment: Assignment) -> dict[str, Any]:
        initial = {f"q{i}": answers.get(str(i), "") for i in range(len(assignment.questions))}
        initial["text"] = answers.get("text", "")
        return initial
