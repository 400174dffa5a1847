"""The LOB-lijn in a right-to-left language: time runs from right to left and texts start at the right."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext
from django_scopes import scopes_disabled

from koers.programme.queries.line import ROUND_ICON, STATUS_LABELS, STATUS_MARKS, Status, student_line
from koers.programme.svg import (
    LEGEND_FONT_SIZE,
    LEGEND_SEPARATOR,
    LEGEND_WIDTH_ON_PHONE,
    MARGIN,
    WIDTH,
    line_svg,
    text_width,
)
from tests import factories as f
from tests.pictogram_helpers import shows_pictogram
from tests.programme.lobline_helpers import (
    a_line_with_every_mark,
    activity_for,
    days_from_today,
    legend_of,
    legend_pictogram,
    line_svg_of,
    svg_height,
)

MINE = reverse("programme:mine")


def svg_of(page: str) -> str:
    return line_svg_of(page)


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


def test_line_rtl_legend_starts_at_the_right_and_fits_on_a_phone_screen(login, world):
    a_line_with_every_mark(world)
    world.student.user.preferred_language = "ar"
    world.student.user.save()

    svg = svg_of(login("student").get(MINE).content.decode())

    rows = legend_of(svg)
    with translation.override("ar"):
        round_text = pgettext("lob-lijn", "gespreksronde")
        expected = [
            round_text,
            pgettext("lob-lijn", "met ouders (gestippelde rand)"),
            *(f"{STATUS_MARKS[status]} {STATUS_LABELS[status]}" for status in Status),
        ]
    assert [item for _x, _y, text in rows for item in text.split(LEGEND_SEPARATOR)] == expected
    assert re.search(r'<svg x="1172" [^>]*width="16"', svg), "the pictogram sits at the right edge"
    assert shows_pictogram(legend_pictogram(svg, round_text), ROUND_ICON)
    assert all(x <= WIDTH - MARGIN for x, _y, _text in rows)
    assert all(
        x - text_width(text, LEGEND_FONT_SIZE) >= WIDTH - MARGIN - LEGEND_WIDTH_ON_PHONE
        for x, _y, text in rows
    )
    assert svg_height(svg) > max(y for _x, y, _text in rows)


def test_line_rtl_poster_legend_stays_inside_the_drawing(world, in_school):
    a_line_with_every_mark(world)
    line = student_line(student=world.student)
    assert line is not None

    with translation.override("fa"):
        svg = line_svg(line, ident="poster", title="LOB", for_print=True)
        expected = pgettext("lob-lijn", "met ouders (gestippelde rand)")

    rows = legend_of(svg)
    assert 'direction="rtl"' in svg
    assert any(expected in text for _x, _y, text in rows)
    assert all(x <= WIDTH - MARGIN for x, _y, _text in rows)
    assert all(x - text_width(text, LEGEND_FONT_SIZE) >= MARGIN for x, _y, text in rows)
