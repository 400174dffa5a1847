"""Factories for the careers catalogue: a school's own occupations and programmes, or shipped ones
(``school=None``)."""

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from koers.careers import models as careers
from koers.careers import vocabulary as careers_vocabulary


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.Sector
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"sector-{n}")
    icon = "sector.care"
    texts = factory.LazyAttribute(lambda s: {"nl": f"Sector {s.key}", "en": f"Sector {s.key}"})


class MboDomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.MboDomain
        django_get_or_create = ("key",)

    key = factory.Sequence(lambda n: f"domain-{n}")
    texts = factory.LazyAttribute(lambda d: {"nl": f"Domein {d.key}"})


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.Programme

    school = None
    key = factory.Sequence(lambda n: f"programme-{n}")
    kind = careers_vocabulary.ProgrammeKind.MBO
    level = 2
    texts = factory.Sequence(lambda n: {"nl": f"Opleiding {n}", "en": f"Programme {n}"})
    descriptions = {"nl": "Je leert een vak."}
    routes = ["bol"]


class OccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.Occupation

    school = None
    key = factory.Sequence(lambda n: f"occupation-{n}")
    sector = factory.SubFactory(SectorFactory)
    icon = "sector.care"
    texts = factory.Sequence(lambda n: {"nl": f"Beroep {n}", "en": f"Occupation {n}"})
    descriptions = {"nl": "Je doet nuttig werk."}
    tasks = ["je helpt mensen", "je maakt iets", "je ruimt op"]
    workplaces = ["op kantoor"]


class OpenDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.OpenDay

    school = factory.SubFactory("tests.factories.SchoolFactory")
    kind = careers_vocabulary.EventKind.OPEN_DAY
    institution = "ROC Rivierland"
    date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    place = "Tiel"


class FavouriteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.Favourite

    student = factory.SubFactory("tests.factories.StudentFactory")
    school = factory.SelfAttribute("student.school")
    occupation = factory.SubFactory(OccupationFactory)


def one_of_each(*, school: Any, student: Any, ambition: Any) -> list[Any]:
    """One row of every school-owned careers model at ``school`` (the tenancy canary)."""
    occupation = OccupationFactory(school=school)
    programme = ProgrammeFactory(school=school)
    open_day = OpenDayFactory(school=school, programme=programme)
    mine = {"school": school, "student": student}
    return [
        occupation,
        programme,
        careers.CatalogueEdit.objects.create(school=school, occupation=occupation, hidden=True),
        careers.Prospect.objects.create(
            school=school, occupation=occupation, outlook="good", source="UWV", dated=dt.date(2026, 1, 1)
        ),
        careers.Offer.objects.create(school=school, programme=programme, institution="ROC"),
        open_day,
        careers.Favourite.objects.create(**mine, occupation=occupation),
        careers.FitReflection.objects.create(**mine, occupation=occupation, attracts="buiten werken"),
        careers.InterestResult.objects.create(**mine, answers={"a": 2}, scores={"hands": 2}),
        careers.OpenDayVisit.objects.create(**mine, open_day=open_day),
        careers.AmbitionLink.objects.create(school=school, ambition=ambition, occupation=occupation),
    ]
