"""Reads of the register: the partner list, one partner's page (its people, history, places, activities and
internships), each in a fixed number of queries whatever the number of partners, places and students."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404

from koers.common.lookups import one_or_404
from koers.partners.models import (
    ContactMoment,
    ContactPerson,
    Internship,
    InternshipPlace,
    Partner,
    PartnershipStatus,
)
from koers.partners.queries.careers import occupation_names
from koers.partners.rules import can_read_register
from koers.programme.models import Activity
from koers.schools.models import Role


def _readable(role: Role) -> QuerySet[Partner]:
    if not can_read_register(role):
        raise Http404
    return Partner.objects.filter(school_id=role.school_id)


def get_partner_for(role: Role, pk: int) -> Partner:
    return one_or_404(_readable(role), pk=pk)


def get_person_for(role: Role, pk: int) -> ContactPerson:
    if not can_read_register(role):
        raise Http404
    return one_or_404(ContactPerson.objects.select_related("partner"), pk=pk, school_id=role.school_id)


def get_place_for(role: Role, pk: int) -> InternshipPlace:
    if not can_read_register(role):
        raise Http404
    return one_or_404(InternshipPlace.objects.select_related("partner"), pk=pk, school_id=role.school_id)


@dataclass
class RegisterFilter:
    kind: str = ""
    offer: str = ""
    sector: str = ""
    status: str = ""
    text: str = ""


def register(role: Role, wanted: RegisterFilter | None = None) -> list[Partner]:
    """The school's partners with ``open_places`` (places still open) and ``activity_count`` (activities of
    the programme naming them): two queries."""
    wanted = wanted or RegisterFilter()
    partners = _readable(role).annotate(
        place_count=Count("places", distinct=True),
        open_places=Count("places", filter=Q(places__open=True), distinct=True),
        person_count=Count("people", distinct=True),
    )
    if wanted.kind:
        partners = partners.filter(kind=wanted.kind)
    if wanted.status:
        partners = partners.filter(status=wanted.status)
    if wanted.text:
        partners = partners.filter(Q(name__icontains=wanted.text) | Q(city__icontains=wanted.text))
    found: list[Partner] = list(partners.order_by("name"))
    # JSON list membership is filtered in Python: the same on SQLite and PostgreSQL, and lists are short.
    if wanted.offer:
        found = [p for p in found if wanted.offer in (p.offers or [])]
    if wanted.sector:
        found = [p for p in found if wanted.sector in (p.sectors or [])]
    counts = activity_counts(role, [p.name for p in found])
    for p in found:
        p.activity_count = counts.get(p.name.strip().lower(), 0)  # type: ignore[attr-defined]
    return found


def activity_counts(role: Role, names: list[str]) -> dict[str, int]:
    """Activities per partner name (lower case), in one query. Programme activities name their partner by
    text (picked from the register or typed), so the link is the name."""
    if not names:
        return {}
    lowered = {n.strip().lower() for n in names}
    rows = (
        Activity.objects.filter(school_id=role.school_id)
        .exclude(partner="")
        .annotate(key=Lower("partner"))
        .filter(key__in=lowered)
        .values("key")
        .annotate(n=Count("pk"))
    )
    return {row["key"]: row["n"] for row in rows}


@dataclass
class PartnerPage:
    partner: Partner
    people: Sequence[ContactPerson]
    moments: Sequence[ContactMoment]
    places: Sequence[InternshipPlace]
    activities: Sequence[Activity]
    internships: Sequence[Internship] = field(default_factory=list)
    occupation_names: dict[str, str] = field(default_factory=dict)

    @property
    def partner_occupations(self) -> list[str]:
        return [self.occupation_names.get(key, key) for key in self.partner.occupations or []]


def partner_page(role: Role, partner: Partner) -> PartnerPage:
    """Everything on a partner's page in five queries: people, moments, places (with their taken count),
    activities naming the partner, internships at its places."""
    places = list(
        partner.places.annotate(
            taken=Count("internships", distinct=True),
        ).order_by("-starts_on", "title")
    )
    internships = list(
        Internship.objects.filter(place__partner=partner)
        .select_related("student__user", "place")
        .order_by("-place__starts_on", "student__user__last_name")
    )
    activities = list(
        Activity.objects.filter(school_id=role.school_id)
        .annotate(key=Lower("partner"))
        .filter(key=partner.name.strip().lower())
        .select_related("type", "school_year")
        .order_by("-starts_on")
    )
    return PartnerPage(
        partner=partner,
        people=list(partner.people.all()),
        moments=list(partner.moments.select_related("person").all()),
        places=places,
        activities=activities,
        internships=internships,
        occupation_names=occupation_names([*partner.occupations, *(p.occupation for p in places)]),
    )


def places_taken(place_ids: list[int]) -> dict[int, int]:
    """Internships (proposed or approved) per place: one query."""
    rows = Internship.objects.filter(place_id__in=place_ids).values("place_id").annotate(n=Count("pk"))
    return {row["place_id"]: row["n"] for row in rows}


def names_of_school(school_id: int) -> list[str]:
    """The register's names, for the programme's partner field (suggestions; free text stays possible)."""
    return list(
        Partner.objects.filter(school_id=school_id)
        .exclude(status=PartnershipStatus.ENDED)
        .order_by("name")
        .values_list("name", flat=True)
    )
