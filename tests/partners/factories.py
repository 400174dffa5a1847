"""Factories of the partners area."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from koers.partners import models as m
from tests.factories import SchoolFactory


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Partner

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Garage De Vries {n}")
    kind = m.PartnerKind.COMPANY
    offers = factory.LazyFunction(lambda: [m.Offer.INTERNSHIPS])
    sectors = factory.LazyFunction(lambda: ["technology"])
    city = "Zwolle"


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.ContactPerson

    partner = factory.SubFactory(PartnerFactory)
    school = factory.SelfAttribute("partner.school")
    name = "Henk de Vries"


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.InternshipPlace

    partner = factory.SubFactory(PartnerFactory)
    school = factory.SelfAttribute("partner.school")
    title = factory.Sequence(lambda n: f"Meewerken in de werkplaats {n}")
    kind = m.PlaceKind.ORIENTATION
    sector = "technology"
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=7))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=21))
    hours_per_week = 16
    capacity = 2
    supervisor_name = "Henk de Vries"


class InternshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Internship

    place = factory.SubFactory(PlaceFactory)
    school = factory.SelfAttribute("place.school")
    student = None  # always given
    status = m.InternshipStatus.APPROVED
    approved_at = factory.LazyFunction(timezone.now)


class LogDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.LogDay

    internship = factory.SubFactory(InternshipFactory)
    school = factory.SelfAttribute("internship.school")
    day = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
    hours = Decimal("6.5")
    what = "Banden gewisseld en de werkplaats opgeruimd."


class WishFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.PlaceWish

    place = factory.SubFactory(PlaceFactory)
    school = factory.SelfAttribute("place.school")
    student = None
    rank = 1
    reason = "Ik sleutel graag aan brommers."
