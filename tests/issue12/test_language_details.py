"""Issue 12, item 11: dates in the grammatical case a reader expects, counted phrases with plural forms, and
the Polish guardian's answer page naming the people at school rightly."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django_scopes import scopes_disabled

from tests import factories as f
from tests.programme.lobline_helpers import a_line_with_every_mark, activity_for, days_from_today


def reads(world, language: str) -> None:
    with scopes_disabled():
        guardian = world.users["guardian"]
        guardian.preferred_language = language
        guardian.save(update_fields=["preferred_language"])


@pytest.mark.parametrize("language", ["uk", "pl"])
def test_dates_on_the_guardians_lob_line_use_the_genitive_month(login, world, language):
    reads(world, language)
    day = days_from_today(10)
    activity_for(world.group, title="Bezoek aan de bakkerij", starts_on=day)
    with translation.override(language):
        genitive, nominative = date_format(day, "j E Y"), date_format(day, "j F Y")
    assert genitive != nominative

    html = login("guardian").get(reverse("programme:student_line", args=[world.student.pk])).content.decode()

    assert genitive in html
    assert nominative not in html


def test_guardian_home_dates_in_ukrainian_use_the_genitive_month(login, world):
    reads(world, "uk")
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student, shared_with_guardians=True)
    with translation.override("uk"):
        genitive = date_format(experience.happened_on, "j E")
        nominative = date_format(experience.happened_on, "j F")

    html = login("guardian").get(reverse("home:guardian")).content.decode()

    assert genitive in html and nominative not in html


def test_lob_line_summary_counts_one_round_in_the_singular(login, world):
    a_line_with_every_mark(world)

    html = login("guardian").get(reverse("programme:student_line", args=[world.student.pk])).content.decode()

    assert "1 gespreksronde en" in html
    assert not re.search(r"\b1 gespreksrondes\b", html)
    assert "2 activiteiten" in html


def test_lob_line_summary_in_polish_declines_the_counted_words(login, world):
    reads(world, "pl")
    a_line_with_every_mark(world)

    html = login("guardian").get(reverse("programme:student_line", args=[world.student.pk])).content.decode()

    assert "2 aktywności, 1 runda rozmów" in html


def test_polish_answer_page_does_not_give_the_counsellor_the_childs_name():
    with translation.override("pl"):
        text = translation.gettext(
            "%(name)s ziet uw antwoord, en op school de mentor en de decaan van %(name)s."
        ) % {"name": "Samira"}

    assert "doradca zawodowy (Samira)" not in text
    assert "doradca zawodowy" in text
