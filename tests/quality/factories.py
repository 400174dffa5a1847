"""Factories of the quality area."""

from __future__ import annotations

import factory

from koers.quality import models as quality
from tests.factories import SchoolFactory, SchoolYearFactory


class ScanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = quality.ScanItem

    school = factory.SubFactory(SchoolFactory)
    key = factory.Sequence(lambda n: f"item-{n}")
    theme = quality.Theme.CONVERSATIONS
    text = factory.Sequence(lambda n: f"Stelling {n}")
    order = factory.Sequence(lambda n: n)


class ScanRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = quality.ScanRound

    school_year = factory.SubFactory(SchoolYearFactory)
    school = factory.SelfAttribute("school_year.school")
    name = factory.Sequence(lambda n: f"Zelfscan {n}")


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = quality.Goal

    school = factory.SubFactory(SchoolFactory)
    level = quality.GoalLevel.STRATEGIC
    title = factory.Sequence(lambda n: f"Doel {n}")
    why = "Omdat leerlingen beter kiezen."


STUDENT_QUESTIONS = [
    {
        "key": "help",
        "kind": "scale",
        "text": "De school helpt mij goed bij het kiezen.",
        "nl": "De school helpt mij goed bij het kiezen.",
        "translations": {"ar": "المدرسة تساعدني جيدًا في الاختيار."},
    },
    {"key": "best", "kind": "text", "text": "Welke activiteit hielp jou het meest?", "translations": {}},
]


class EvaluationRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = quality.EvaluationRound

    school_year = factory.SubFactory(SchoolYearFactory)
    school = factory.SelfAttribute("school_year.school")
    audience = quality.Audience.STUDENT
    name = factory.Sequence(lambda n: f"Evaluatie {n}")
    questions = factory.LazyFunction(lambda: [dict(q) for q in STUDENT_QUESTIONS])


class LeaverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = quality.Leaver

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Oudleerling Nummer{n}")
    left_in = "2024-2025"
    track = "vmbo_k"
    destination = quality.Destination.MBO
    email = factory.Sequence(lambda n: f"oud{n}@example.org")
