"""Factories for the careers catalogue: a school's own occupations and programmes, or shipped ones
(``school=None``)."""

import factory

from koers.careers import models as careers


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
    kind = careers.ProgrammeKind.MBO
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
