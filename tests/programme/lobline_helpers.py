"""Shared set-up for the LOB-lijn, participation, poster and student-coverage tests."""

from __future__ import annotations

import datetime as dt
import re
from html import escape, unescape
from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from koers.schools.models import Group
from tests import factories as f
from tests.conftest import World


def days_from_today(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def activity_for(group: Group, **kwargs: Any) -> Any:
    """An activity for the track, year level and school year of ``group`` (all its groups by default)."""
    kwargs.setdefault("precision", "day")
    with scopes_disabled():
        return f.ActivityFactory(
            school_year=group.school_year,
            track=group.track,
            year_level=group.year_level,
            **kwargs,
        )


def fill_line(world: World, size: int) -> list[Any]:
    """``size`` past and ``size`` coming activities for world.group, a round per size, participation rows."""
    made = []
    with scopes_disabled():
        for number in range(size):
            past = activity_for(
                world.group,
                title=f"Open dag {number}",
                starts_on=days_from_today(-30 - number),
                involves_guardians=True,
            )
            coming = activity_for(
                world.group, title=f"Beroepenmarkt {number}", starts_on=days_from_today(20 + number)
            )
            coming.groups.add(world.group)
            f.ParticipationFactory(activity=past, student=world.student, noted_by=world.users["mentor"])
            f.ParticipationFactory(
                activity=past, student=world.classmate, present=False, noted_by=world.users["mentor"]
            )
            f.ConversationRoundFactory(
                school_year=world.group.school_year, year_level=world.group.year_level, name=f"Ronde {number}"
            )
            made += [past, coming]
    return made


def legend_of(svg: str) -> list[tuple[float, float, str]]:
    """The rows of the drawing's legend: (x, y, text) of each."""
    found = re.findall(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*class="lob-line-legend">([^<]*)</text>', svg)
    return [(float(x), float(y), unescape(text)) for x, y, text in found]


def line_svg_of(page: str) -> str:
    """The LOB-lijn drawing on a page (pictograms before it and inside it are <svg> elements too)."""
    start = page.index('<svg xmlns="http://www.w3.org/2000/svg"')
    return page[start : page.index("</svg>", page.rindex('class="lob-line-legend"')) + len("</svg>")]


def legend_pictogram(svg: str, text: str) -> str:
    """What is drawn just before the legend row ``text``: the markup of its pictogram ("" for none)."""
    pictogram = r'<svg x="[^"]*" y="[^"]*" width="16" [^>]*>((?:(?!<svg ).)*?)</svg>'
    found = re.search(rf'{pictogram}<text [^>]*class="lob-line-legend">{re.escape(escape(text))}</text>', svg)
    return found.group(1) if found else ""


def svg_height(svg: str) -> float:
    found = re.search(r'viewBox="0 0 [\d.]+ ([\d.]+)"', svg)
    assert found is not None
    return float(found.group(1))


def a_line_with_every_mark(world: World) -> None:
    """A done activity with guardians, a coming one and a round: the legend has every mark to explain."""
    past = activity_for(
        world.group, title="Ouderavond", starts_on=days_from_today(-20), involves_guardians=True
    )
    activity_for(world.group, title="Beroepenmarkt", starts_on=days_from_today(30))
    with scopes_disabled():
        f.ParticipationFactory(activity=past, student=world.student, noted_by=world.users["mentor"])
        f.ConversationRoundFactory(school_year=world.group.school_year, year_level=world.group.year_level)
