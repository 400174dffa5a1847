"""Issue 12, item 14: in right-to-left pages "(LOB-lijn)" and the school year "2026-2027" stay whole and in
order: the Latin name is isolated inside the Arabic text and the year is its own left-to-right unit."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from tests.programme.lobline_helpers import activity_for, days_from_today


def test_arabic_menu_isolates_the_dutch_name_inside_its_brackets():
    with translation.override("ar"):
        text = translation.gettext("Mijn LOB-lijn")

    assert "(\u2066LOB\u2011lijn\u2069)" in text


def test_school_year_on_the_guardians_lob_line_is_one_left_to_right_unit(login, world):
    activity_for(world.group, title="Gastles", starts_on=days_from_today(5))
    with scopes_disabled():
        guardian = world.users["guardian"]
        guardian.preferred_language = "ar"
        guardian.save(update_fields=["preferred_language"])
        year = world.group.school_year.name

    html = login("guardian").get(reverse("programme:student_line", args=[world.student.pk])).content.decode()

    assert f'<bdi class="keep-together">{year}</bdi>' in html
