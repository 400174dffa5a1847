"""Forms of the import: the upload with its preset, and the mapping of Koers fields to the file's columns."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from koers.common.forms import Form
from koers.common.uploads import MEGABYTE
from koers.schooladmin.importing.presets import FIELDS, MANUAL, PRESETS

MAX_IMPORT_BYTES = 10 * MEGABYTE


class UploadForm(Form):
    file = forms.FileField(
        label=_("Exportbestand"),
        help_text=_("Een CSV-bestand (komma of puntkomma) of een Excel-bestand (.xlsx), hoogstens 10 MB."),
        error_messages={
            "required": _("Kies het bestand met de export."),
            "empty": _("Dit bestand is leeg. Kies het bestand opnieuw."),
            "invalid": _("Kies een bestand."),
        },
    )
    preset = forms.ChoiceField(
        label=_("Soort export"),
        choices=[(p.key, p.label) for p in PRESETS.values()]
        + [(MANUAL, _("Anders: ik koppel de kolommen zelf"))],
        initial="magister",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat voor export dit is.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".csv,.txt,.xlsx,text/csv"

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("Dit bestand is groter dan 10 MB. Is het wel een export van leerlingen?")
            )
        return upload


class MappingForm(Form):
    """One choice per Koers field: which column of the file holds it (or none)."""

    full_export = forms.BooleanField(
        label=_("Dit is een volledige export: leerlingen die er niet in staan, hebben de school verlaten"),
        required=False,
        help_text=_("Hun groepslidmaatschap eindigt en ze worden uitgeschreven; hun dossier blijft bewaard."),
    )
    create_groups = forms.BooleanField(
        label=_("Maak ook groepen aan die op één teken na gelijk zijn aan een bestaande groep"),
        required=False,
        help_text=_(
            "Zonder dit vinkje ziet Koers '3K2' naast een bestaande '3K1' als een mogelijke tikfout en slaat "
            "die regels over."
        ),
    )

    def __init__(self, *args: Any, columns: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— niet gebruiken —"))] + [(c, c) for c in columns]
        for field in FIELDS:
            self.fields[f"col_{field.key}"] = forms.ChoiceField(
                label=field.label,
                choices=choices,
                required=field.key == "number",
                help_text=field.help,
                error_messages={"required": _("Koppel een kolom aan het leerlingnummer.")},
            )
        # The checkbox last, after the columns.
        self.order_fields([*(f"col_{f.key}" for f in FIELDS), "full_export", "create_groups"])

    def mapping(self) -> dict[str, Any]:
        columns = {
            f.key: self.cleaned_data[f"col_{f.key}"] for f in FIELDS if self.cleaned_data.get(f"col_{f.key}")
        }
        return {
            "columns": columns,
            "full_export": self.cleaned_data["full_export"],
            "create_groups": self.cleaned_data["create_groups"],
        }

    @staticmethod
    def initial_for(mapping: dict[str, Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {f"col_{k}": v for k, v in mapping.get("columns", {}).items()}
        initial["full_export"] = bool(mapping.get("full_export"))
        initial["create_groups"] = bool(mapping.get("create_groups"))
        return initial


class StaffCodesForm(Form):
    """One code field per staff member, with the code the admin saw (to notice a concurrent change)."""

    def __init__(self, *args: Any, rows: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            self.fields[f"code_{row.user_id}"] = forms.CharField(
                label=row.name,
                required=False,
                max_length=16,
                initial=row.code,
                error_messages={"max_length": _("Een afkorting is hoogstens %(limit_value)s tekens lang.")},
            )
            self.fields[f"was_{row.user_id}"] = forms.CharField(
                required=False, initial=row.code, widget=forms.HiddenInput
            )

    def codes(self) -> dict[int, tuple[str, str]]:
        return {
            row.user_id: (self.cleaned_data[f"was_{row.user_id}"], self.cleaned_data[f"code_{row.user_id}"])
            for row in self.rows
            if self.cleaned_data[f"code_{row.user_id}"] != self.cleaned_data[f"was_{row.user_id}"]
        }

    def pairs(self) -> list[tuple[Any, Any, Any]]:
        """(row, code field, hidden field) for the table."""
        return [(row, self[f"code_{row.user_id}"], self[f"was_{row.user_id}"]) for row in self.rows]


class StaffFileForm(Form):
    file = forms.FileField(
        label=_("Bestand met medewerkers"),
        help_text=_("CSV of Excel met in de eerste regel de kolommen 'Afkorting' en 'E-mail'."),
        error_messages={
            "required": _("Kies het bestand met medewerkers."),
            "empty": _("Dit bestand is leeg. Kies het bestand opnieuw."),
        },
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if (upload.size or 0) > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Dit bestand is groter dan 10 MB."))
        return upload


class ImportTokenForm(Form):
    """A new key for the school's export script: its name and the kind of export it sends."""

    name = forms.CharField(
        label=_("Naam van de sleutel"),
        max_length=80,
        help_text=_("Bijvoorbeeld het script of de server die de export stuurt."),
        error_messages={
            "required": _("Geef de sleutel een naam, bijvoorbeeld het script dat hem gebruikt."),
            "max_length": _("Hoogstens 80 tekens."),
        },
    )
    preset = forms.ChoiceField(
        label=_("Soort export"),
        choices=[(p.key, p.label) for p in PRESETS.values()]
        + [(MANUAL, _("Anders: de koppeling die ik eerder op het scherm koos"))],
        initial="magister",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat voor export het script stuurt.")},
    )
