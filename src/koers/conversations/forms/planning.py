"""Forms for planning: a slot, a reschedule, a round, a type with its guide. Validation of the rules lives
in ``domain.planning``; these forms parse input and carry the domain's messages next to the fields."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from koers.common.forms import DateInput, Form, VersionedFormMixin
from koers.common.versions import EditConflict
from koers.conversations.models import ConversationRound, ConversationType
from koers.lob.vocabulary import Phase
from koers.schools.models import Group, SchoolYear, Student, User


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.user) if isinstance(obj, Student) else str(obj)


class SlotFields(Form):
    """Date, time, duration and where: shared by planning and rescheduling."""

    date = forms.DateField(label=_("Datum"), widget=DateInput())
    time = forms.TimeField(label=_("Tijd"), widget=TimeInput())
    duration_minutes = forms.IntegerField(
        label=_("Duur in minuten"),
        initial=20,
        min_value=1,
        max_value=600,
        widget=forms.NumberInput(attrs={"step": 5}),
    )
    place = forms.CharField(
        label=_("Plaats"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld een lokaal. Leeg laten als het gesprek online is."),
    )
    video_url = forms.URLField(
        label=_("Videolink"),
        required=False,
        assume_scheme="https",
        help_text=_("Alleen voor een gesprek op afstand."),
    )

    def scheduled_at(self) -> dt.datetime:
        day: dt.date = self.cleaned_data["date"]
        moment: dt.time = self.cleaned_data["time"]
        return timezone.make_aware(dt.datetime.combine(day, moment))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        has_moment = cleaned.get("date") and cleaned.get("time") is not None
        if has_moment and self.scheduled_at() <= timezone.now():
            self.add_error(
                "date", _("Dit moment ligt in het verleden. Kies een datum en tijd die nog moeten komen.")
            )
        return cleaned


class PlanForm(SlotFields):
    type: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Soort gesprek"), queryset=ConversationType.objects.none(), empty_label=None
    )
    student = PersonChoice(
        label=pgettext_lazy("conversation with", "Leerling"), queryset=Student.objects.none(), required=False
    )
    group: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Of de hele groep (groepsgesprek)"), queryset=Group.objects.none(), required=False
    )
    round: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Gespreksronde"),
        queryset=ConversationRound.objects.none(),
        required=False,
        empty_label=_("Vanzelf: de ronde waarin de datum valt"),
    )
    guardians = forms.ModelMultipleChoiceField(
        label=_("Ouders of verzorgers die je uitnodigt"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Alleen bij een driegesprek. Je ziet hier de ouders die aan de leerling gekoppeld zijn."),
    )

    field_order = [
        "type",
        "student",
        "group",
        "date",
        "time",
        "duration_minutes",
        "place",
        "video_url",
        "round",
        "guardians",
    ]

    def __init__(
        self,
        *args: Any,
        types: Any,
        students: Any,
        groups: Any,
        rounds: Any,
        all_guardians: Any,
        shown_guardians: list[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = types  # type: ignore[attr-defined]
        self.fields["student"].queryset = students  # type: ignore[attr-defined]
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]
        self.fields["round"].queryset = rounds  # type: ignore[attr-defined]
        # Any guardian of the school parses, so an unlinked one gets the domain's clear message instead of a
        # generic "not a valid choice"; only the chosen student's guardians are offered.
        self.fields["guardians"].queryset = all_guardians  # type: ignore[attr-defined]
        self.fields["guardians"].widget.choices = [(g.pk, str(g)) for g in shown_guardians]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("student") and not cleaned.get("group"):
            self.add_error("student", _("Kies een leerling, of een groep voor een groepsgesprek."))
        elif cleaned.get("student") and cleaned.get("group"):
            self.add_error("group", _("Kies een leerling of een groep, niet allebei."))
        return cleaned


class RescheduleForm(SlotFields):
    pass


class RoundForm(VersionedFormMixin, Form):
    name = forms.CharField(label=_("Naam"), max_length=80, help_text=_('Bijvoorbeeld "Ronde 1 (najaar)".'))
    school_year: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Schooljaar"), queryset=SchoolYear.objects.none(), empty_label=None
    )
    year_level = forms.TypedChoiceField(
        label=_("Leerjaar"), coerce=int, choices=[(n, str(n)) for n in range(1, 7)]
    )
    starts_on = forms.DateField(label=_("Van"), widget=DateInput())
    ends_on = forms.DateField(label=_("Tot en met"), widget=DateInput())
    types: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Gesprekstypen in deze ronde"),
        queryset=ConversationType.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, years: Any, types: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school_year"].queryset = years  # type: ignore[attr-defined]
        self.fields["types"].queryset = types  # type: ignore[attr-defined]


def _lines(value: list[str]) -> str:
    return "\n".join(value)


class TypeForm(VersionedFormMixin, Form):
    """A type and its guide: per phase the questions and the deeper questions, one per line."""

    def show_conflict(self, conflict: EditConflict) -> None:
        if conflict.theirs is not None:  # the stored guide, spread over the boxes it is edited in
            conflict.theirs = self.initial_for(ConversationType(**conflict.theirs))
        super().show_conflict(conflict)

    name = forms.CharField(label=_("Naam"), max_length=120)
    purpose = forms.CharField(
        label=_("Waar gaat dit gesprek over"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    with_guardians = forms.BooleanField(label=_("Driegesprek: ouders of verzorgers doen mee"), required=False)
    is_group = forms.BooleanField(label=_("Groepsgesprek met de hele klas"), required=False)
    active = forms.BooleanField(
        label=_("In gebruik"),
        required=False,
        initial=True,
        help_text=_("Zet uit om dit type niet meer te laten kiezen; oude gesprekken blijven."),
    )
    reminders = forms.CharField(
        label=_("Tips voor de gespreksvoerder"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Eén tip per regel."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for phase in Phase:
            self.fields[f"{phase.value}_questions"] = forms.CharField(
                label=_("%(phase)s: vragen") % {"phase": phase.label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_("Eén vraag per regel; drie tot vijf werkt goed."),
            )
            self.fields[f"{phase.value}_deeper"] = forms.CharField(
                label=_("%(phase)s: doorvragen") % {"phase": phase.label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                help_text=_("Vragen om dieper te gaan, één per regel."),
            )

    @classmethod
    def initial_for(cls, type: ConversationType) -> dict[str, Any]:
        guide = type.guide or {}
        initial: dict[str, Any] = {
            "name": type.name,
            "purpose": type.purpose,
            "with_guardians": type.with_guardians,
            "is_group": type.is_group,
            "active": type.active,
            "reminders": _lines(guide.get("reminders", [])),
        }
        for phase in Phase:
            phase_guide = guide.get("phases", {}).get(phase.value, {})
            initial[f"{phase.value}_questions"] = _lines(phase_guide.get("questions", []))
            initial[f"{phase.value}_deeper"] = _lines(phase_guide.get("deeper", []))
        return initial

    def guide(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "phases": {
                phase.value: {
                    "questions": data.get(f"{phase.value}_questions", "").splitlines(),
                    "deeper": data.get(f"{phase.value}_deeper", "").splitlines(),
                }
                for phase in Phase
            },
            "reminders": data.get("reminders", "").splitlines(),
        }

    def phase_fields(self) -> list[tuple[str, Any, Any]]:
        return [(str(p.label), self[f"{p.value}_questions"], self[f"{p.value}_deeper"]) for p in Phase]
