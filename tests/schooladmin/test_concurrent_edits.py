"""Two admins (or two tabs) changing the school's settings: the second save is refused with the first one's
values on the page, and the first save is what is stored (common/versions.py)."""

from __future__ import annotations

from django.urls import reverse
from django_scopes import scopes_disabled

from koers.schools.models import School
from tests.two_tabs import texts_beside, two_tabs


def test_settings_from_two_tabs_keep_the_first_and_show_both(login, world):
    page = two_tabs(
        login("admin"),
        reverse("schooladmin:settings"),
        {"inactive_after_weeks": "4", "registration_days_after": "10", "shared_by_default": ["experience"]},
        {"inactive_after_weeks": "9", "registration_days_after": "3", "shared_by_default": ["action"]},
    )

    assert 'value="9"' in page  # the second admin's own input is kept
    texts_beside(page, "<dd>4</dd>", "<dd>10</dd>")  # the first admin's values beside it
    with scopes_disabled():
        school = School.objects.get(pk=world.school.pk)
    assert (school.inactive_after_weeks, school.registration_days_after) == (4, 10)
    assert school.shares_by_default("experience") and not school.shares_by_default("action")
