"""The LOB-lijn in a right-to-left language: time runs from right to left and texts start at the right."""

from __future__ import annotations

import re

from django.urls import reverse
from django_scopes import scopes_disabled

from koers.programme.svg import MARGIN, WIDTH
from tests import factories as f
from tests.programme.lobline_helpers import activity_for, days_from_today

MINE = reverse("programme:mine")


def svg_of(page: str) -> str:
    return page.split("<svg", 1)[1].split("</svg>", 1)[0]


def first_month_rect_x(svg: str) -> float:
    return float(re.search(r'<rect x="([\d.]+)" y="0"', svg).group(1))


def test_line_rtl_draws_first_month_at_the_right(login, world):
    activity_for(world.group, title="Bezoek aan de garage", starts_on=days_from_today(10))
    world.student.user.preferred_language = "ar"
    world.student.user.save()

    svg = svg_of(login("student").get(MINE).content.decode())

    assert 'direction="rtl"' in svg
    assert first_month_rect_x(svg) > WIDTH / 2


def test_line_ltr_draws_first_month_at_the_left(login, world):
    activity_for(world.group, title="Bezoek aan de garage", starts_on=days_from_today(10))

    svg = svg_of(login("student").get(MINE).content.decode())

    assert 'direction="ltr"' in svg
    assert first_month_rect_x(svg) == MARGIN


def test_line_rtl_type_written_by_school_shows_dutch_note(login, world):
    with scopes_disabled():
        own = f.ActivityTypeFactory(school=world.school, key="eigen", name="Onze snuffeldag", translations={})
    activity_for(world.group, title="Snuffelen", starts_on=days_from_today(10), type=own)
    world.student.user.preferred_language = "ar"
    world.student.user.save()

    page = login("student").get(MINE).content.decode()

    assert '<span lang="nl">Onze snuffeldag</span>' in page
    assert 'class="only-dutch"' in page
