""" "Does this fit me?" from two tabs or devices: the second save is refused with both texts on the page,
and the first save is what is stored (common/versions.py)."""

from __future__ import annotations

from django.urls import reverse
from django_scopes import scopes_disabled

from koers.careers.models import FitReflection
from tests.careers.test_explore import catalogue  # noqa: F401 (the fixture)
from tests.two_tabs import texts_beside, two_tabs


def test_fit_answer_from_two_devices_keeps_the_first_and_shows_both(world, login, catalogue):  # noqa: F811
    url = reverse("careers:fit", args=[catalogue["care-helper"].pk])

    page = two_tabs(
        login("student"),
        url,
        {"attracts": "Ik help graag mensen", "doubts": "", "find_out": ""},
        {"attracts": "Ik vind verzorgen mooi werk", "doubts": "", "find_out": ""},
    )

    texts_beside(page, "Ik help graag mensen", "Ik vind verzorgen mooi werk")
    with scopes_disabled():
        assert FitReflection.objects.get().attracts == "Ik help graag mensen"
