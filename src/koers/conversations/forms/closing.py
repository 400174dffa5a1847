"""Forms for closing a conversation and for the student's evaluation. Dutch messages next to the field.

The agreements are a formset whose rows are all optional: an untouched row is skipped, a touched row needs
what and when. Rows can be added without JavaScript: a submit button re-renders the form with one more row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, cast

from django import forms
from django.forms import BaseFormSet, formset_factory
from django.forms.boundfield import BoundField
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.common.forms import DateInput, Form, VersionedFormMixin
from koers.conversations.domain.closing import (
    DONE_WHEN_MAX,
    WHAT_MAX,
    WHO_MAX,
    AgreementInput,
    RevisitInput,
    missing_student_agreement_message,
)
from koers.conversations.models import Agreement, Party
from koers.dossier.models import ActionStatus
from koers.language.simple import simpler
from koers.pictograms.render import tile_label

AGREEMENTS_PREFIX: Final = "afspraken"
EMPTY_ROWS: Final = 4
MAX_ROWS: Final = 20
ROW_FIELDS: Final = ("party", "what", "due_on", "done_when", "supervisor_name")

EVALUATION_CHOICES: Final = (
    (3, "rating.yes", _("Ja")),
    (2, "rating.somewhat", _("Een beetje")),
    (1, "rating.no", _("Nee")),
)

REVISIT_STATUS_LABELS: Final = {
    ActionStatus.DONE: _("Gedaan"),
    ActionStatus.OPEN: _("Nog niet"),
    ActionStatus.DROPPED: _("Vervalt"),
}


class AgreementForm(Form):
    party = forms.ChoiceField(
        label=_("Voor wie"),
        choices=Party.choices,
        initial=Party.STUDENT,
        error_messages={"invalid_choice": _("Kies voor wie de afspraak is.")},
    )
    what = forms.CharField(
        label=_("Wat gaat er gebeuren"),
        max_length=WHAT_MAX,
        required=False,
        error_messages={"max_length": _("Maak dit korter: maximaal %(limit_value)d tekens.")},
    )
    due_on = forms.DateField(
        label=_("Wanneer is het klaar"),
        widget=DateInput,
        required=False,
        error_messages={"invalid": _("Dit is geen goede datum. Kies een dag in de kalender.")},
    )
    done_when = forms.CharField(
        label=_("Hoe weten we dat het gelukt is"),
        max_length=DONE_WHEN_MAX,
        required=False,
        help_text=_("Niet verplicht, maar zo wordt de afspraak echt concreet."),
        error_messages={"max_length": _("Maak dit korter: maximaal %(limit_value)d tekens.")},
    )
    supervisor_name = forms.CharField(
        label=_("Naam van de stagebegeleider"),
        max_length=WHO_MAX,
        required=False,
        help_text=_("Alleen nodig bij een afspraak voor de stagebegeleider."),
        error_messages={"max_length": _("Maak dit korter: maximaal %(limit_value)d tekens.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["due_on"].widget.attrs["min"] = timezone.localdate().isoformat()

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any(data.get(name) for name in ("what", "due_on", "done_when", "supervisor_name"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.is_blank():
            return data
        if not (data.get("what") or "").strip() and "what" not in self.errors:
            self.add_error("what", _("Schrijf op wat er gaat gebeuren."))
        due_on = data.get("due_on")
        if due_on is None and "due_on" not in self.errors:
            self.add_error("due_on", _("Vul in wanneer het klaar is."))
        elif due_on is not None and due_on < timezone.localdate():
            self.add_error("due_on", _("Deze datum is al voorbij. Kies vandaag of later."))
        if data.get("party") == Party.SUPERVISOR and not (data.get("supervisor_name") or "").strip():
            self.add_error("supervisor_name", _("Schrijf de naam van de stagebegeleider op."))
        return data

    def to_input(self) -> AgreementInput:
        data = self.cleaned_data
        return AgreementInput(
            party=data["party"],
            what=data.get("what") or "",
            due_on=data.get("due_on"),
            done_when=data.get("done_when") or "",
            supervisor_name=data.get("supervisor_name") or "",
        )


class BaseAgreementFormSet(BaseFormSet):
    def __init__(
        self, *args: Any, needs_student_agreement: bool = True, agreed_already: bool = False, **kwargs: Any
    ) -> None:
        self.needs_student_agreement = needs_student_agreement
        # An agreement for the student was made during the conversation (guide mode, an area above).
        self.agreed_already = agreed_already
        kwargs.setdefault("prefix", AGREEMENTS_PREFIX)
        super().__init__(*args, **kwargs)

    def filled(self) -> list[AgreementForm]:
        return [form for form in self.forms if form.is_valid() and not form.is_blank()]

    def clean(self) -> None:
        if any(self.errors):
            return
        filled = self.filled()
        if self.needs_student_agreement:
            if not self.agreed_already and not any(
                f.cleaned_data.get("party") == Party.STUDENT and f.cleaned_data.get("due_on") for f in filled
            ):
                raise forms.ValidationError(missing_student_agreement_message())
        elif filled:
            raise forms.ValidationError(
                _("Een groepsgesprek heeft geen afspraken per leerling. Noteer het vervolg apart.")
            )

    def agreements(self) -> list[AgreementInput]:
        return [form.to_input() for form in self.filled()]


_AgreementFormSet = formset_factory(
    AgreementForm, formset=BaseAgreementFormSet, extra=0, max_num=MAX_ROWS, validate_max=True
)


def agreement_formset(
    data: Mapping[str, Any] | None = None,
    *,
    initial: list[dict[str, Any]] | None = None,
    needs_student_agreement: bool,
    agreed_already: bool = False,
) -> BaseAgreementFormSet:
    formset = _AgreementFormSet(
        data,
        initial=initial,
        needs_student_agreement=needs_student_agreement,  # type: ignore[call-arg]  # our formset's own argument
        agreed_already=agreed_already,
    )
    return cast(BaseAgreementFormSet, formset)


def rows_from_post(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The rows as they were typed, to show them again (with one more) when a row is added."""
    try:
        total = int(data.get(f"{AGREEMENTS_PREFIX}-TOTAL_FORMS", 0))
    except (TypeError, ValueError):
        total = 0
    total = max(0, min(total, MAX_ROWS))
    return [
        {name: data.get(f"{AGREEMENTS_PREFIX}-{i}-{name}", "") for name in ROW_FIELDS} for i in range(total)
    ]


def empty_agreements(needs_student_agreement: bool, agreed_already: bool = False) -> BaseAgreementFormSet:
    return agreement_formset(
        initial=[{}] * EMPTY_ROWS,
        needs_student_agreement=needs_student_agreement,
        agreed_already=agreed_already,
    )


def agreements_with_extra_row(
    data: Mapping[str, Any], needs_student_agreement: bool, agreed_already: bool = False
) -> BaseAgreementFormSet:
    rows = rows_from_post(data)
    if len(rows) < MAX_ROWS:
        rows.append({})
    return agreement_formset(
        initial=rows, needs_student_agreement=needs_student_agreement, agreed_already=agreed_already
    )


class CloseForm(Form):
    summary = forms.CharField(
        label=_("Samenvatting van het gesprek"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("In een paar zinnen, zo dat de leerling het herkent."),
    )
    next_topics = forms.CharField(
        label=_("Onderwerpen voor de volgende keer"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    shared_with_guardians = forms.BooleanField(
        label=_("Ouders/verzorgers mogen de samenvatting en de afspraken zien"), required=False
    )
    mentor_reflection = forms.CharField(
        label=_("Wat werkte goed in dit gesprek? (alleen voor jezelf en de decaan)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args: Any, early: bool = False, **kwargs: Any) -> None:
        """``early``: the conversation is planned for a later day, so closing it asks for a confirmation."""
        super().__init__(*args, **kwargs)
        if early:
            self.fields["held_already"] = forms.BooleanField(
                label=_("Het gesprek is echt al gehouden"),
                required=True,
                error_messages={
                    "required": _(
                        "Dit gesprek staat op een latere dag gepland. Vink aan dat het al gehouden is, "
                        "of rond het af na het gesprek."
                    )
                },
            )


@dataclass(frozen=True)
class RevisitRow:
    agreement: Agreement
    revisit: BoundField
    status: BoundField


class RevisitForm(Form):
    """Per earlier agreement: did we look back at it, and how far did it get?"""

    def __init__(self, *args: Any, agreements: list[Agreement], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "terugblik")
        super().__init__(*args, **kwargs)
        self.agreements = agreements
        for agreement in agreements:
            self.fields[f"revisit_{agreement.pk}"] = forms.BooleanField(label=_("Besproken"), required=False)
            self.fields[f"status_{agreement.pk}"] = forms.ChoiceField(
                label=_("Hoe staat het ervoor?"),
                choices=list(REVISIT_STATUS_LABELS.items()),
                initial=agreement.action.status,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Kies gedaan, nog niet of vervalt.")},
            )

    def rows(self) -> list[RevisitRow]:
        return [
            RevisitRow(agreement=a, revisit=self[f"revisit_{a.pk}"], status=self[f"status_{a.pk}"])
            for a in self.agreements
        ]

    def revisits(self) -> list[RevisitInput]:
        return [
            RevisitInput(agreement=a, status=self.cleaned_data[f"status_{a.pk}"])
            for a in self.agreements
            if self.cleaned_data.get(f"revisit_{a.pk}")
        ]


class EvaluationForm(Form):
    useful = forms.TypedChoiceField(
        label=simpler(_("Had je iets aan dit gesprek?"), _("Was het gesprek goed voor jou?")),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies nee, een beetje of ja."),
            "invalid_choice": _("Kies nee, een beetje of ja."),
        },
    )
    room = forms.TypedChoiceField(
        label=simpler(
            _("Kreeg je genoeg ruimte om je eigen verhaal te vertellen?"), _("Kon jij genoeg vertellen?")
        ),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies nee, een beetje of ja."),
            "invalid_choice": _("Kies nee, een beetje of ja."),
        },
    )
    comment = forms.CharField(
        label=simpler(
            _("Wil je nog iets zeggen? (mag je overslaan)"), _("Wil je nog iets zeggen? Dat hoeft niet.")
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        error_messages={"max_length": _("Maak dit korter: maximaal %(limit_value)d tekens.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(value), tile_label(icon, label)) for value, icon, label in EVALUATION_CHOICES]
        self.fields["useful"].choices = choices  # type: ignore[attr-defined]
        self.fields["room"].choices = choices  # type: ignore[attr-defined]


class ReflectionForm(VersionedFormMixin, Form):
    mentor_reflection = forms.CharField(
        label=_("Wat werkte goed in dit gesprek?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Een notitie voor jezelf: wat wil je vaker zo doen?"),
    )
