"""GET forms of the landing pages: they validate filters, they never write."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from koers.common.forms import Form

MIN_WEEKS = 1
MAX_WEEKS = 52

WEEKS_ERROR = _("Kies een heel aantal weken van 1 tot en met 52.")


class QuietWeeksForm(Form):
    """How many weeks without a new experience or reflection make a student show up in the list."""

    weken = forms.IntegerField(
        label=_("Aantal weken zonder nieuwe ervaring of reflectie"),
        min_value=MIN_WEEKS,
        max_value=MAX_WEEKS,
        required=False,
        error_messages={
            "invalid": WEEKS_ERROR,
            "min_value": WEEKS_ERROR,
            "max_value": WEEKS_ERROR,
        },
        widget=forms.NumberInput(attrs={"min": MIN_WEEKS, "max": MAX_WEEKS, "inputmode": "numeric"}),
    )

    def __init__(self, *args: Any, school_default: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.school_default = school_default
        self.fields["weken"].help_text = _("De school gebruikt standaard %(weeks)s weken.") % {
            "weeks": school_default
        }

    def weeks(self) -> int:
        """The chosen number of weeks, or the school's default when the field is empty or wrong."""
        if self.is_valid() and self.cleaned_data.get("weken"):
            return int(self.cleaned_data["weken"])
        return self.school_default


class StudentSearchForm(Form):
    """A teacher looks a student up by name, by current group, or both."""

    naam = forms.CharField(label=_("Naam (of een deel ervan)"), max_length=100, required=False)
    groep = forms.TypedChoiceField(label=_("Groep"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args: Any, groups: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["groep"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", _("Alle groepen")), *groups]
        field.error_messages["invalid_choice"] = _("Kies een groep uit de lijst.")
        self.fields["naam"].error_messages["max_length"] = _("Typ hoogstens 100 tekens.")

    @property
    def has_query(self) -> bool:
        return self.is_valid() and bool(self.cleaned_data["naam"].strip() or self.cleaned_data["groep"])
