"""The school's part of the catalogue: its own occupations and programmes, corrections and hidden entries,
prospects with a source and date, the regional schools that offer a programme. Only the counsellor writes
here."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.careers.models import CatalogueEdit, MboDomain, Occupation, Offer, Programme, Prospect, Sector
from koers.careers.rules import can_edit_catalogue
from koers.careers.vocabulary import ProgrammeKind, Route
from koers.common.versions import EditConflict, save_unless_changed, version_of
from koers.schools.models import Role


def _free_key(model: type[Occupation] | type[Programme], school_id: int, name: str, fallback: str) -> str:
    base = f"eigen-{slugify(name)[:60] or fallback}"
    key, n = base, 1
    while model.objects.filter(school_id=school_id, key=key).exists():
        n += 1
        key = f"{base}-{n}"
    return key


@transaction.atomic
def add_occupation(
    *, by: Role, name: str, sector: Sector, description: str = "", tasks: list[str] | None = None
) -> Occupation:
    require(by, can_edit_catalogue)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Geef het beroep een naam.")})
    return Occupation.objects.create(
        school_id=by.school_id,
        key=_free_key(Occupation, by.school_id, name, "beroep"),
        texts={"nl": name},
        descriptions={"nl": description.strip()} if description.strip() else {},
        sector=sector,
        icon=sector.icon,
        tasks=[t.strip() for t in (tasks or []) if t.strip()][:5],
    )


def _programme_facts(
    kind: str, level: int | None, mbo_domain: MboDomain | None, routes: list[str], years: Decimal | None
) -> dict[str, object]:
    """The facts of a programme, checked: mbo has a level 1-4, hbo and wo have neither level nor routes."""
    errors = {}
    if kind not in ProgrammeKind.values:
        errors["kind"] = _("Kies mbo, hbo of wo.")
    if kind == ProgrammeKind.MBO and level not in (1, 2, 3, 4):
        errors["level"] = _("Kies het niveau van de mbo-opleiding (1 tot en met 4).")
    if kind != ProgrammeKind.MBO and level is not None:
        errors["level"] = _("Alleen een mbo-opleiding heeft een niveau.")
    if kind != ProgrammeKind.MBO and (mbo_domain is not None or routes):
        errors["routes"] = _("Alleen een mbo-opleiding heeft een domein en een leerweg (bol of bbl).")
    if any(r not in Route.values for r in routes):
        errors["routes"] = _("Kies bol, bbl of allebei.")
    if years is not None and not Decimal("0.5") <= years <= Decimal("8"):
        errors["years"] = _("Een opleiding duurt tussen een half jaar en acht jaar.")
    if errors:
        raise ValidationError(errors)
    return {"kind": kind, "level": level, "mbo_domain": mbo_domain, "routes": list(routes), "years": years}


@transaction.atomic
def add_programme(
    *,
    by: Role,
    name: str,
    kind: str,
    level: int | None = None,
    mbo_domain: MboDomain | None = None,
    routes: list[str] | None = None,
    years: Decimal | None = None,
    description: str = "",
) -> Programme:
    """A programme the catalogue lacks, for this school's students only (no crebo: the school names it)."""
    require(by, can_edit_catalogue)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Geef de opleiding een naam.")})
    facts = _programme_facts(kind, level, mbo_domain, routes or [], years)
    return Programme.objects.create(
        school_id=by.school_id,
        key=_free_key(Programme, by.school_id, name, "opleiding"),
        texts={"nl": name},
        descriptions={"nl": description.strip()} if description.strip() else {},
        **facts,
    )


@transaction.atomic
def correct_programme(
    *,
    by: Role,
    programme: Programme,
    kind: str,
    level: int | None,
    mbo_domain: MboDomain | None,
    routes: list[str],
    years: Decimal | None,
) -> Programme:
    """Correct the facts of the school's own programme (the shipped ones are corrected in the catalogue)."""
    require(by, can_edit_catalogue)
    if programme.school_id != by.school_id:
        raise ValidationError(_("Alleen een eigen opleiding van de school kunt u hier aanpassen."))
    for name, value in _programme_facts(kind, level, mbo_domain, routes, years).items():
        setattr(programme, name, value)
    programme.save(update_fields=["kind", "level", "mbo_domain", "routes", "years"])
    return programme


def shown_adjustment(entry: Occupation | Programme, edit: CatalogueEdit | None) -> dict[str, Any]:
    """What the adjust form shows for an entry (the school's correction over the shipped text); its
    ``version_of`` is the version that form carries."""
    return {
        "name": edit.name if edit and edit.name else entry.dutch_name,
        "description": edit.description if edit and edit.description else entry.descriptions.get("nl", ""),
        "hidden": bool(edit and edit.hidden),
    }


def _refuse_if_changed(
    entry: Occupation | Programme, kind: str, version: str | None, mine: dict[str, Any]
) -> None:
    """Lock the entry and refuse (``EditConflict``) when what the form would show now is no longer what the
    editor started from."""
    fresh = type(entry)._base_manager.select_for_update().filter(pk=entry.pk).first()
    if fresh is None:
        raise EditConflict(None)
    now = shown_adjustment(fresh, CatalogueEdit.objects.filter(**{kind: entry}).first())
    if version is not None and version != version_of(now) and now != mine:
        raise EditConflict(now, version=version_of(now))


def _adjust(
    by: Role,
    entry: Occupation | Programme,
    kind: str,
    name: str,
    description: str,
    hidden: bool,
    version: str | None = None,
) -> CatalogueEdit | None:
    """Correct the name or description for this school, or hide the entry; an empty correction that hides
    nothing removes the school's change. The school's own entry is changed in its row itself. Against a
    changed ``version`` (someone else adjusted it since) ``EditConflict``."""
    require(by, can_edit_catalogue)
    _refuse_if_changed(
        entry, kind, version, {"name": name.strip(), "description": description.strip(), "hidden": hidden}
    )
    if entry.school_id == by.school_id:
        if not name.strip():
            unnamed = (
                _("Geef het beroep een naam.") if kind == "occupation" else _("Geef de opleiding een naam.")
            )
            raise ValidationError({"name": unnamed})
        entry.texts = {**entry.texts, "nl": name.strip()}
        entry.descriptions = {**entry.descriptions, "nl": description.strip()}
        entry.save(update_fields=["texts", "descriptions"])
    values = {
        "name": name.strip() if entry.shipped else "",
        "description": description.strip() if entry.shipped else "",
        "hidden": hidden,
    }
    if entry.shipped and values["name"] == entry.texts.get("nl", ""):
        values["name"] = ""
    if entry.shipped and values["description"] == entry.descriptions.get("nl", ""):
        values["description"] = ""
    if not any(values.values()):
        CatalogueEdit.objects.filter(**{kind: entry}).delete()
        return None
    target: dict[str, Any] = {kind: entry}
    edit, _created = CatalogueEdit.objects.update_or_create(
        defaults={"school_id": by.school_id, **values}, **target
    )
    return edit


@transaction.atomic
def adjust_occupation(
    *, by: Role, occupation: Occupation, name: str, description: str, hidden: bool, version: str | None = None
) -> CatalogueEdit | None:
    return _adjust(by, occupation, "occupation", name, description, hidden, version)


@transaction.atomic
def adjust_programme(
    *, by: Role, programme: Programme, name: str, description: str, hidden: bool, version: str | None = None
) -> CatalogueEdit | None:
    return _adjust(by, programme, "programme", name, description, hidden, version)


@transaction.atomic
def add_offer(*, by: Role, programme: Programme, institution: str, place: str = "", url: str = "") -> Offer:
    """A school in the region that offers this programme, with a link for the students."""
    require(by, can_edit_catalogue)
    institution = institution.strip()
    if not institution:
        raise ValidationError({"institution": _("Noem de school of instelling.")})
    if Offer.objects.filter(
        programme=programme, institution__iexact=institution, place__iexact=place.strip()
    ).exists():
        raise ValidationError({"institution": _("Deze school staat al bij deze opleiding.")})
    return Offer.objects.create(
        school_id=by.school_id,
        programme=programme,
        institution=institution,
        place=place.strip(),
        url=url.strip(),
    )


@transaction.atomic
def remove_offer(*, by: Role, offer: Offer) -> None:
    require(by, can_edit_catalogue)
    offer.delete()


PROSPECT_FIELDS = ("outlook", "source", "source_url", "dated")  # what the prospect form changes and versions


@transaction.atomic
def set_prospect(
    *,
    by: Role,
    occupation: Occupation,
    outlook: str,
    source: str,
    source_url: str,
    dated: dt.date | None,
    version: str | None = None,
) -> Prospect | None:
    """The region's prospects for an occupation, always with a source and its date; no outlook removes it.
    Changing prospects that someone else saved since ``version`` raises ``EditConflict``."""
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
    values = {"outlook": outlook, "source": source.strip(), "source_url": source_url.strip(), "dated": dated}
    prospect = Prospect.objects.filter(occupation=occupation).first()
    if prospect is None:
        prospect, created = Prospect.objects.get_or_create(
            occupation=occupation, defaults={"school_id": by.school_id, **values}
        )
        if created:
            return prospect
    for name, value in values.items():
        setattr(prospect, name, value)
    save_unless_changed(prospect, fields=PROSPECT_FIELDS, version=version)
    return prospect
