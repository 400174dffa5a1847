"""The school's LOB-lijn per track and year level: who sees it, what it holds, its drawing and its cost."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from koers.programme.queries.line import GUARDIAN_ICON, ROUND_ICON, student_line, type_name
from koers.programme.svg import (
    LEGEND_FONT_SIZE,
    LEGEND_SEPARATOR,
    LEGEND_WIDTH_ON_PHONE,
    MARGIN,
    WIDTH,
    legend_layout,
    legend_rows,
    line_svg,
    text_width,
)
from tests import factories as f
from tests.pictogram_helpers import shows_pictogram
from tests.programme.lobline_helpers import (
    a_line_with_every_mark,
    activity_for,
    days_from_today,
    fill_line,
    legend_of,
    legend_pictogram,
    line_svg_of,
    svg_height,
)

URL = reverse("programme:line")
MINE = reverse("programme:mine")


def test_line_shows_activities_rounds_and_guardian_moments(login, world):
    activity_for(world.group, title="Bezoek aan de garage", starts_on=days_from_today(10))
    activity_for(
        world.group, title="Ouderavond beroepen", starts_on=days_from_today(30), involves_guardians=True
    )
    with scopes_disabled():
        driegesprek = f.ConversationTypeFactory(school=world.school, with_guardians=True, key="driegesprek")
        round_ = f.ConversationRoundFactory(school_year=world.group.school_year, name="Driegesprekken najaar")
        round_.types.add(driegesprek)

    page = login("counsellor").get(URL).content.decode()

    assert "Bezoek aan de garage" in page
    assert "Ouderavond beroepen" in page
    assert "Driegesprekken najaar" in page
    assert "driegesprek met ouders" in page


def test_line_is_drawn_as_an_accessible_svg(login, world):
    activity_for(world.group, title="Bezoek aan de garage", starts_on=days_from_today(10))

    page = login("counsellor").get(URL).content.decode()

    assert 'role="img"' in page
    assert '<title id="school-line-title">' in page
    assert '<desc id="school-line-desc">1 activiteit,' in page
    assert 'aria-labelledby="school-line-title school-line-desc"' in page
    assert "style=" not in line_svg_of(page)


def test_type_name_follows_the_active_language(world, in_school):
    kind = f.ActivityTypeFactory(
        school=world.school, key="own_open_day", name="Open dag", translations={"en": "Open day"}
    )

    with translation.override("en"):
        english = type_name(kind)
    with translation.override("nl"):
        dutch = type_name(kind)

    assert (english, dutch) == ("Open day", "Open dag")


def test_type_name_without_translation_keeps_the_schools_name(world, in_school):
    kind = f.ActivityTypeFactory(school=world.school, key="own", name="Eigen soort", translations={})

    with translation.override("en"):
        assert type_name(kind) == "Eigen soort"


def test_line_for_a_teacher_shows_only_what_is_still_coming(login, world):
    activity_for(world.group, title="Voorbij bezoek", starts_on=days_from_today(-40))
    activity_for(world.group, title="Komend bezoek", starts_on=days_from_today(40))

    page = login("teacher").get(URL).content.decode()

    assert "Komend bezoek" in page
    assert "Voorbij bezoek" not in page


def test_line_for_a_counsellor_shows_the_whole_year(login, world):
    activity_for(world.group, title="Voorbij bezoek", starts_on=days_from_today(-40))

    page = login("counsellor").get(URL).content.decode()

    assert "Voorbij bezoek" in page


def test_line_for_a_mentor_starts_at_their_own_groups_line(login, world):
    with scopes_disabled():
        other = f.GroupFactory(
            school=world.school, school_year=world.group.school_year, name="1H1", track="havo", year_level=1
        )
    activity_for(other, title="Havo-activiteit", starts_on=days_from_today(10))
    activity_for(world.group, title="Kader-activiteit", starts_on=days_from_today(10))

    page = login("mentor").get(URL).content.decode()

    assert "Kader-activiteit" in page
    assert "Havo-activiteit" not in page


def test_line_shows_another_track_when_chosen(login, world):
    with scopes_disabled():
        other = f.GroupFactory(
            school=world.school, school_year=world.group.school_year, name="1H1", track="havo", year_level=1
        )
    activity_for(other, title="Havo-activiteit", starts_on=days_from_today(10))

    page = login("mentor").get(URL, {"lijn": "havo-1"}).content.decode()

    assert "Havo-activiteit" in page


def test_line_with_an_unknown_choice_falls_back_to_a_line(login, world):
    activity_for(world.group, title="Kader-activiteit", starts_on=days_from_today(10))

    response = login("counsellor").get(URL, {"lijn": "nonsense", "jaar": "abc"})

    assert response.status_code == 200
    assert "Kader-activiteit" in response.content.decode()


def test_line_does_not_show_another_schools_activities(login, world):
    with scopes_disabled():
        other_group = world.other_student.memberships.get().group
    activity_for(other_group, title="Bezoek elders", starts_on=days_from_today(10))

    page = login("counsellor").get(URL, {"lijn": "havo-2"}).content.decode()

    assert "Bezoek elders" not in page


def test_line_offers_participation_only_for_a_mentors_own_groups(login, world):
    with scopes_disabled():
        other = f.GroupFactory(school=world.school, school_year=world.group.school_year, name="3K9")
    mine = activity_for(world.group, title="Voor mijn groep", starts_on=days_from_today(-5))
    mine.groups.add(world.group)
    theirs = activity_for(world.group, title="Voor de andere groep", starts_on=days_from_today(-5))
    theirs.groups.add(other)

    page = login("mentor").get(URL).content.decode()

    assert reverse("programme:participation", args=[mine.pk]) in page
    assert reverse("programme:participation", args=[theirs.pk]) not in page


# session, user+roles; school years; groups and activities for the choices; the line's groups, activities,
# their groups, rounds; the mentor's own groups (default line and participation links).
LINE_QUERIES = 11


@pytest.mark.parametrize("size", [1, 8])
def test_line_costs_a_fixed_number_of_queries(login, world, django_assert_num_queries, size):
    fill_line(world, size)
    client = login("mentor")

    with django_assert_num_queries(LINE_QUERIES):
        response = client.get(URL)

    assert len(response.context["line"].activities) == 2 * size


# --- the legend --------------------------------------------------------------------------------------------


def legend_items(rows) -> list[str]:
    return [item for _x, _y, text in rows for item in text.split(LEGEND_SEPARATOR)]


EVERY_MARK = ["gespreksronde", "met ouders (gestippelde rand)", "✓ gedaan", "○ komt nog", "✗ gemist"]


def test_legend_fits_on_a_phone_screen_and_explains_every_mark(login, world):
    a_line_with_every_mark(world)

    page = login("student").get(MINE).content.decode()
    svg = line_svg_of(page)

    rows = legend_of(svg)
    assert legend_items(rows) == EVERY_MARK
    assert shows_pictogram(legend_pictogram(svg, "gespreksronde"), ROUND_ICON)
    assert shows_pictogram(legend_pictogram(svg, "met ouders (gestippelde rand)"), GUARDIAN_ICON)
    assert len(rows) > 1
    assert all(
        x >= MARGIN and x + text_width(text, LEGEND_FONT_SIZE) <= MARGIN + LEGEND_WIDTH_ON_PHONE
        for x, _y, text in rows
    )
    assert svg_height(svg) > max(y for _x, y, _text in rows)


def test_poster_legend_draws_its_pictograms_stays_inside_the_drawing_and_explains_every_mark(
    world, in_school
):
    a_line_with_every_mark(world)
    line = student_line(student=world.student)
    assert line is not None

    svg = line_svg(line, ident="poster", title="LOB-lijn", for_print=True)

    rows = legend_of(svg)
    assert legend_items(rows) == EVERY_MARK
    drawn = legend_pictogram(svg, "met ouders (gestippelde rand)")
    assert shows_pictogram(drawn, GUARDIAN_ICON) and "<use" not in drawn
    assert all(x + text_width(text, LEGEND_FONT_SIZE) <= WIDTH - MARGIN for x, _y, text in rows)
    assert svg_height(svg) > max(y for _x, y, _text in rows)


def test_legend_item_too_long_for_a_row_wraps_over_several():
    long_item = "een heel lange uitleg in een andere taal " * 6

    rows = legend_rows([long_item, "✓ gedaan"], LEGEND_WIDTH_ON_PHONE)

    assert len(rows) > 2
    assert all(text_width(row, LEGEND_FONT_SIZE) <= LEGEND_WIDTH_ON_PHONE for row in rows)
    words = [word for word in " ".join(rows).split() if word != "·"]
    assert words == [*long_item.split(), "✓", "gedaan"]


def test_legend_item_with_a_pictogram_wraps_under_its_text_and_draws_the_pictogram_once():
    long_item = "een heel lange uitleg in een andere taal " * 6

    rows = legend_layout([(GUARDIAN_ICON, long_item), ("", "✓ gedaan")], LEGEND_WIDTH_ON_PHONE)

    assert [pictogram for pictogram, _text in rows if pictogram.strip()] == [GUARDIAN_ICON]
    assert rows[-1] == ("", "✓ gedaan")
    assert " ".join(text for _pictogram, text in rows).split() == [*long_item.split(), "✓", "gedaan"]
