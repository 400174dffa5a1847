"""Writes to the register: partners, their contact people, contact moments and internship places.
Keyword-only verbs; each checks its rule, validates and writes in one transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.access.gate import require
from koers.common.versions import save_unless_changed
from koers.partners.models import (
    ContactMoment,
    ContactPerson,
    Internship,
    InternshipPlace,
    Offer,
    Partner,
    PartnerKind,
    PartnershipStatus,
    PlaceKind,
)
from koers.partners.queries.careers import unknown_occupations
from koers.partners.rules import can_keep_register, can_record_contact
from koers.pictograms.labels import SECTORS
from koers.programme.models import Activity
from koers.schools.models import Role

PARTNER_FIELDS = (
    "name",
    "kind",
    "status",
    "offers",
    "sectors",
    "occupations",
    "opens_paths",
    "city",
    "address",
    "website",
    "notes",
)


def _clean_partner(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    name = (data.get("name") or "").strip()
    if not name:
        errors["name"] = _("Geef de partner een naam.")
    if data.get("kind") not in PartnerKind.values:
        errors["kind"] = _("Kies wat voor partner dit is.")
    if data.get("status", PartnershipStatus.ACTIVE) not in PartnershipStatus.values:
        errors["status"] = _("Kies hoe de samenwerking ervoor staat.")
    offers = list(dict.fromkeys(data.get("offers") or []))
    if any(o not in Offer.values for o in offers):
        errors["offers"] = _("Kies uit de lijst wat de partner biedt.")
    sectors = list(dict.fromkeys(data.get("sectors") or []))
    if any(s not in SECTORS for s in sectors):
        errors["sectors"] = _("Kies sectoren uit de lijst.")
    occupations = [o.strip() for o in (data.get("occupations") or []) if o.strip()]
    if unknown_occupations(occupations):
        errors["occupations"] = _("Kies beroepen uit de beroepenlijst.")
    if errors:
        raise ValidationError(errors)
    cleaned = {key: data.get(key, "") for key in PARTNER_FIELDS}
    cleaned.update(
        name=name,
        offers=offers,
        sectors=sectors,
        occupations=list(dict.fromkeys(occupations)),
        opens_paths=bool(data.get("opens_paths")),
        status=data.get("status") or PartnershipStatus.ACTIVE,
    )
    for key in ("city", "address", "website", "notes"):
        cleaned[key] = (cleaned[key] or "").strip()
    return cleaned


def _name_taken(role: Role, name: str, but: Partner | None = None) -> bool:
    same = (
        Partner.objects.filter(school_id=role.school_id).annotate(low=Lower("name")).filter(low=name.lower())
    )
    if but is not None:
        same = same.exclude(pk=but.pk)
    return same.exists()


@transaction.atomic
def add_partner(*, by: Role, **data: Any) -> Partner:
    require(by, can_keep_register)
    cleaned = _clean_partner(data)
    if _name_taken(by, cleaned["name"]):
        raise ValidationError({"name": _("Er staat al een partner met deze naam in het netwerk.")})
    return Partner.objects.create(school_id=by.school_id, **cleaned)


@transaction.atomic
def update_partner(*, by: Role, partner: Partner, version: str | None = None, **data: Any) -> Partner:
    """Change a partner. A new name follows into the programme: activities that named the partner by its old
    name keep pointing at it. Against a changed ``version`` (a colleague saved it since) ``EditConflict``."""
    require(by, can_keep_register, partner)
    cleaned = _clean_partner(data)
    if _name_taken(by, cleaned["name"], but=partner):
        raise ValidationError({"name": _("Er staat al een partner met deze naam in het netwerk.")})
    old = partner.name.strip()
    if cleaned["name"] != old:
        (
            Activity.objects.filter(school_id=partner.school_id)
            .annotate(low=Lower("partner"))
            .filter(low=old.lower())
            .update(partner=cleaned["name"])
        )
    for key, value in cleaned.items():
        setattr(partner, key, value)
    save_unless_changed(partner, fields=PARTNER_FIELDS, version=version)
    return partner


@transaction.atomic
def add_person(
    *, by: Role, partner: Partner, name: str, job_title: str = "", email: str = "", phone: str = ""
) -> ContactPerson:
    require(by, can_keep_register, partner)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Vul de naam van de contactpersoon in.")})
    return ContactPerson.objects.create(
        school_id=partner.school_id,
        partner=partner,
        name=name,
        job_title=(job_title or "").strip(),
        email=(email or "").strip(),
        phone=(phone or "").strip(),
    )


@transaction.atomic
def remove_person(*, by: Role, person: ContactPerson) -> None:
    require(by, can_keep_register, person)
    person.delete()


@transaction.atomic
def record_moment(
    *,
    by: Role,
    partner: Partner,
    on: dt.date,
    about: str,
    person: ContactPerson | None = None,
    next_step: str = "",
) -> ContactMoment:
    require(by, can_record_contact, partner)
    about = (about or "").strip()
    if not about:
        raise ValidationError({"about": _("Schrijf kort op waarover jullie spraken.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("Een contactmoment ligt niet in de toekomst. Zet een volgende stap.")})
    if person is not None and person.partner_id != partner.pk:
        raise ValidationError({"person": _("Kies iemand van deze partner.")})
    return ContactMoment.objects.create(
        school_id=partner.school_id,
        partner=partner,
        on=on,
        by_id=by.user_id,
        by_name=by.user.get_full_name() or by.user.get_username(),
        person=person,
        about=about,
        next_step=(next_step or "").strip(),
    )


PLACE_FIELDS = (
    "title",
    "description",
    "kind",
    "sector",
    "occupation",
    "starts_on",
    "ends_on",
    "hours_per_week",
    "capacity",
    "minimum_age",
    "needs_vog",
    "needs_safety_clothing",
    "other_requirements",
    "supervisor_name",
    "supervisor_email",
    "supervisor_phone",
    "open",
)


def _clean_place(data: dict[str, Any], *, taken: int = 0) -> dict[str, Any]:
    errors: dict[str, str] = {}
    cleaned = {key: data.get(key) for key in PLACE_FIELDS}
    for key in (
        "title",
        "description",
        "sector",
        "occupation",
        "other_requirements",
        "supervisor_name",
        "supervisor_email",
        "supervisor_phone",
    ):
        cleaned[key] = (cleaned[key] or "").strip()
    if not cleaned["title"]:
        errors["title"] = _("Schrijf in een paar woorden wat de leerling hier gaat doen.")
    if cleaned["kind"] not in PlaceKind.values:
        errors["kind"] = _("Kies de soort stage.")
    if cleaned["sector"] and cleaned["sector"] not in SECTORS:
        errors["sector"] = _("Kies een sector uit de lijst.")
    if cleaned["occupation"] and unknown_occupations([cleaned["occupation"]]):
        errors["occupation"] = _("Kies beroepen uit de beroepenlijst.")
    starts, ends = cleaned["starts_on"], cleaned["ends_on"]
    if starts is None:
        errors["starts_on"] = _("Vul de eerste dag in.")
    if ends is None:
        errors["ends_on"] = _("Vul de laatste dag in.")
    if starts and ends and ends < starts:
        errors["ends_on"] = _("De laatste dag ligt voor de eerste dag.")
    hours = cleaned["hours_per_week"]
    if not hours or not 1 <= int(hours) <= 40:
        errors["hours_per_week"] = _("Vul een aantal uren per week in tussen 1 en 40.")
    capacity = cleaned["capacity"]
    if not capacity or int(capacity) < 1:
        errors["capacity"] = _("Er moet plaats zijn voor minstens één leerling.")
    elif int(capacity) < taken:
        errors["capacity"] = _(
            "Er zijn al %(taken)d leerlingen aan deze plek gekoppeld; maak de plek niet kleiner dan dat."
        ) % {"taken": taken}
    age = cleaned["minimum_age"]
    if age is not None and not 10 <= int(age) <= 21:
        errors["minimum_age"] = _("Een minimumleeftijd ligt tussen 10 en 21 jaar.")
    if errors:
        raise ValidationError(errors)
    cleaned["needs_vog"] = bool(cleaned["needs_vog"])
    cleaned["needs_safety_clothing"] = bool(cleaned["needs_safety_clothing"])
    cleaned["open"] = True if cleaned["open"] is None else bool(cleaned["open"])
    return cleaned


@transaction.atomic
def add_place(*, by: Role, partner: Partner, **data: Any) -> InternshipPlace:
    require(by, can_keep_register, partner)
    cleaned = _clean_place(data)
    place = InternshipPlace.objects.create(school_id=partner.school_id, partner=partner, **cleaned)
    if Offer.INTERNSHIPS not in partner.offers:
        partner.offers = [*partner.offers, Offer.INTERNSHIPS]
        partner.save(update_fields=["offers", "updated_at"])
    return place


@transaction.atomic
def update_place(
    *, by: Role, place: InternshipPlace, version: str | None = None, **data: Any
) -> InternshipPlace:
    """Change a place; against a changed ``version`` (a colleague saved it since) ``EditConflict``."""
    require(by, can_keep_register, place)
    # Locked, so a match made at the same moment cannot slip under a smaller capacity.
    place = InternshipPlace.objects.select_for_update().get(pk=place.pk)
    taken = Internship.objects.filter(place=place).aggregate(n=Count("pk"))["n"]
    cleaned = _clean_place(data, taken=taken)
    for key, value in cleaned.items():
        setattr(place, key, value)
    save_unless_changed(place, fields=PLACE_FIELDS, version=version)
    return place
