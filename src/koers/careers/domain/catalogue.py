"""The school's part of the catalogue: its own occupations, corrections and hidden entries, prospects with a
source and date. Only the counsellor writes here."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.careers.models import CatalogueEdit, Occupation, Prospect, Sector
from koers.careers.rules import can_edit_catalogue
from koers.schools.models import Role


@transaction.atomic
def add_occupation(
    *, by: Role, name: str, sector: Sector, description: str = "", tasks: list[str] | None = None
) -> Occupation:
    require(by, can_edit_catalogue)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Geef het beroep een naam.")})
    base = f"eigen-{slugify(name)[:60] or 'beroep'}"
    key, n = base, 1
    while Occupation.objects.filter(school_id=by.school_id, key=key).exists():
        n += 1
        key = f"{base}-{n}"
    return Occupation.objects.create(
        school_id=by.school_id,
        key=key,
        texts={"nl": name},
        descriptions={"nl": description.strip()} if description.strip() else {},
        sector=sector,
        icon=sector.icon,
        tasks=[t.strip() for t in (tasks or []) if t.strip()][:5],
    )


@transaction.atomic
def adjust_occupation(
    *, by: Role, occupation: Occupation, name: str, description: str, hidden: bool
) -> CatalogueEdit | None:
    """Correct the name or description for this school, or hide the occupation; an empty correction that
    hides nothing removes the school's change."""
    require(by, can_edit_catalogue)
    if occupation.school_id == by.school_id:  # the school's own: change the row itself
        if not name.strip():
            raise ValidationError({"name": _("Geef het beroep een naam.")})
        occupation.texts = {**occupation.texts, "nl": name.strip()}
        occupation.descriptions = {**occupation.descriptions, "nl": description.strip()}
        occupation.save(update_fields=["texts", "descriptions"])
    values = {
        "name": name.strip() if occupation.shipped else "",
        "description": description.strip() if occupation.shipped else "",
        "hidden": hidden,
    }
    if occupation.shipped and values["name"] == occupation.texts.get("nl", ""):
        values["name"] = ""
    if occupation.shipped and values["description"] == occupation.descriptions.get("nl", ""):
        values["description"] = ""
    if not any(values.values()):
        CatalogueEdit.objects.filter(occupation=occupation).delete()
        return None
    edit, _created = CatalogueEdit.objects.update_or_create(
        occupation=occupation, defaults={"school_id": by.school_id, **values}
    )
    return edit


@transaction.atomic
def set_prospect(
    *, by: Role, occupation: Occupation, outlook: str, source: str, source_url: str, dated: dt.date | None
) -> Prospect | None:
    """The region's prospects for an occupation, always with a source and its date; no outlook removes it."""
    require(by, can_edit_catalogue)
    if not outlook:
        Prospect.objects.filter(occupation=occupation).delete()
        return None
    errors = {}
    if not source.strip():
        errors["source"] = _("Noem de bron, bijvoorbeeld het UWV of de regio.")
    if dated is None:
        errors["dated"] = _("Vul de datum van de bron in.")
    if errors:
        raise ValidationError(errors)
    prospect, _created = Prospect.objects.update_or_create(
        occupation=occupation,
        defaults={
            "school_id": by.school_id,
            "outlook": outlook,
            "source": source.strip(),
            "source_url": source_url.strip(),
            "dated": dated,
        },
    )
    return prospect
