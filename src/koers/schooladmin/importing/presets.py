"""What Koers can read from an export (the fields) and how the usual exports name their columns (presets).

A mapping is a dict ``{"columns": {field: column name}, "full_export": bool}``. A preset lists, per field,
the column names a Magister-style or Somtoday-style export uses; applied to a file's header it gives a
mapping. The admin can always correct it on the mapping screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise


@dataclass(frozen=True)
class Field:
    key: str
    label: str | _StrPromise
    help: str | _StrPromise = ""


STUDENT_FIELDS = (
    Field(
        "number", _("Leerlingnummer"), _("Nodig: hiermee herkent Koers een leerling bij de volgende import.")
    ),
    Field("first_name", _("Roepnaam")),
    Field("prefix", _("Tussenvoegsel")),
    Field("last_name", _("Achternaam")),
    Field("date_of_birth", _("Geboortedatum")),
    Field("email", _("E-mailadres van de leerling")),
    Field("group", _("Groep (klas)")),
    Field(
        "year_level",
        _("Leerjaar"),
        _("Anders leidt Koers het leerjaar af uit de groepsnaam, zoals 3 in 3K1."),
    ),
    Field("track", _("Leerweg of opleiding"), _("Anders leidt Koers de leerweg af uit de groepsnaam.")),
    Field("mentor", _("Mentor"), _("Afkorting of e-mailadres; meerdere mentoren gescheiden door een komma.")),
)
GUARDIAN_SLOTS = ("guardian", "guardian2")
GUARDIAN_PARTS = (
    ("email", _("e-mailadres")),
    ("name", _("naam")),
    ("authority", _("gezag (ja/nee)")),
)


def guardian_fields() -> tuple[Field, ...]:
    fields = []
    for n, slot in enumerate(GUARDIAN_SLOTS, start=1):
        for part, label in GUARDIAN_PARTS:
            fields.append(
                Field(f"{slot}_{part}", _("Ouder/verzorger %(n)s: %(part)s") % {"n": n, "part": label})
            )
    return tuple(fields)


FIELDS: tuple[Field, ...] = STUDENT_FIELDS + guardian_fields()
FIELD_KEYS = tuple(field.key for field in FIELDS)


@dataclass(frozen=True)
class Preset:
    key: str
    label: str | _StrPromise
    columns: dict[str, tuple[str, ...]]
    full_export: bool


_NAMES = {
    "first_name": ("roepnaam", "voornaam"),
    "prefix": ("tussenvoegsel", "tussenv", "voorvoegsel", "voorvoegsels"),
    "last_name": ("achternaam",),
    "date_of_birth": ("geboortedatum", "geb.datum", "geb datum", "gebdat"),
}
MAGISTER_STUDENTS = Preset(
    "magister",
    _("Magister: leerlingen (stamgroepen met mentor)"),
    {
        "number": ("stamnr", "stamnummer", "leerlingnummer", "llnr"),
        **_NAMES,
        "email": ("e-mail", "email", "e-mail leerling", "e-mailadres"),
        "group": ("klas", "stamgroep", "stamklas"),
        "year_level": ("leerjaar", "lj"),
        "track": ("studie", "opleiding", "leerweg"),
        "mentor": ("mentor", "mentoren", "mentor afkorting"),
        "guardian_email": ("e-mail ouder", "e-mail verzorger", "e-mail ouder/verzorger"),
        "guardian_name": ("naam ouder", "naam verzorger", "ouder/verzorger"),
        "guardian_authority": ("gezag", "ouderlijk gezag", "gezag ouder"),
    },
    full_export=True,
)
SOMTODAY_STUDENTS = Preset(
    "somtoday",
    _("Somtoday: leerlingen met verzorgers"),
    {
        "number": ("leerlingnummer", "leerling nummer"),
        **_NAMES,
        "email": ("e-mailadres", "e-mailadres leerling", "email"),
        "group": ("stamgroep", "klas", "lesgroep"),
        "year_level": ("leerjaar",),
        "track": ("opleiding", "onderwijssoort", "leerweg"),
        "mentor": ("mentor e-mail", "mentoren", "mentor"),
        "guardian_email": ("verzorger 1 e-mailadres", "verzorger 1 e-mail", "e-mailadres verzorger 1"),
        "guardian_name": ("verzorger 1 naam", "naam verzorger 1"),
        "guardian_authority": ("verzorger 1 gezag", "gezag verzorger 1"),
        "guardian2_email": ("verzorger 2 e-mailadres", "verzorger 2 e-mail", "e-mailadres verzorger 2"),
        "guardian2_name": ("verzorger 2 naam", "naam verzorger 2"),
        "guardian2_authority": ("verzorger 2 gezag", "gezag verzorger 2"),
    },
    full_export=True,
)
GUARDIANS_ONLY = Preset(
    "guardians",
    _("Alleen ouders/verzorgers (per regel een leerlingnummer en een ouder)"),
    {
        "number": ("stamnr", "leerlingnummer", "llnr"),
        "guardian_email": (
            "e-mail",
            "e-mailadres",
            "e-mail ouder",
            "e-mail verzorger",
            "e-mailadres verzorger",
        ),
        "guardian_name": ("naam", "naam ouder", "naam verzorger", "verzorger"),
        "guardian_authority": ("gezag", "ouderlijk gezag"),
    },
    full_export=False,
)
PRESETS = {preset.key: preset for preset in (MAGISTER_STUDENTS, SOMTODAY_STUDENTS, GUARDIANS_ONLY)}
MANUAL = "manual"


def normalise(name: str) -> str:
    return re.sub(r"[\s_]+", " ", name.strip().lower())


def mapping_for(preset: Preset | None, columns: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """The mapping a preset gives for these columns; without a preset, the best guess from every preset."""
    by_name = {normalise(column): column for column in reversed(columns)}
    presets = [preset] if preset else list(PRESETS.values())
    chosen: dict[str, str] = {}
    for candidate in presets:
        for field, names in candidate.columns.items():
            if field in chosen:
                continue
            found = next((by_name[normalise(n)] for n in names if normalise(n) in by_name), None)
            if found:
                chosen[field] = found
    full_export = preset.full_export if preset else "group" in chosen
    return {"columns": chosen, "full_export": full_export}


def clean_mapping(raw: Any, columns: tuple[str, ...] | list[str]) -> dict[str, Any]:
    """A stored or posted mapping reduced to known fields and existing columns (never trusted as it is)."""
    raw = raw if isinstance(raw, dict) else {}
    given = raw.get("columns") if isinstance(raw.get("columns"), dict) else {}
    chosen = {k: v for k, v in given.items() if k in FIELD_KEYS and isinstance(v, str) and v in columns}
    return {
        "columns": chosen,
        "full_export": bool(raw.get("full_export")),
        "create_groups": bool(raw.get("create_groups")),
    }


def mapping_with_memory(
    preset_key: str, columns: tuple[str, ...] | list[str], remembered: dict[str, Any]
) -> tuple[dict[str, Any], bool]:
    """The mapping for a new file: the school's last mapping for this kind of export where its columns are
    still there, the preset's guess for the rest. Also whether a remembered mapping was used."""
    guessed = mapping_for(PRESETS.get(preset_key), columns)
    last = remembered.get(preset_key)
    if not isinstance(last, dict):
        return guessed, False
    kept = clean_mapping(last, columns)
    taken = set(kept["columns"].values())
    for field, column in guessed["columns"].items():
        if field not in kept["columns"] and column not in taken:
            kept["columns"][field] = column
    kept["create_groups"] = False  # a decision about one file's groups, never carried over
    return kept, True


def ignored_columns(columns: tuple[str, ...] | list[str], mapping: dict[str, Any]) -> list[str]:
    """The file's columns no field is mapped to (the preview names them)."""
    used = set(mapping.get("columns", {}).values())
    return [column for column in columns if column not in used and column.strip()]
