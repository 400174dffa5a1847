"""Two counsellors (or two tabs) changing the same choice moment or module: the second save is refused with
both texts on the page, and the first save is what is stored (common/versions.py)."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import Any

from django.db import models
from django.forms.models import model_to_dict
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.choices.domain.modules import MODULE_FIELDS
from koers.choices.domain.moments import FIELDS as MOMENT_FIELDS
from koers.choices.models import ChoiceMoment, ChoiceStance, Module
from tests.choices.helpers import make_module, make_moment
from tests.two_tabs import REFUSED, texts_beside, two_tabs, version_in


def _posted(instance: models.Model, fields: Sequence[str], **changes: Any) -> dict[str, Any]:
    """What the edit form posts when the editor changes only ``changes``."""
    data: dict[str, Any] = {}
    for name, value in {**model_to_dict(instance, fields=list(fields)), **changes}.items():
        if value is False or value is None:
            continue
        data[name] = "on" if value is True else value.isoformat() if isinstance(value, dt.date) else value
    return data


def test_moment_from_two_tabs_keeps_the_first_and_shows_both(login, world):
    moment = make_moment(world.group, explanation="Kies je profiel.")

    page = two_tabs(
        login("counsellor"),
        reverse("choices:moment_edit", args=[moment.pk]),
        _posted(moment, MOMENT_FIELDS, explanation="Kies je profiel voor de kerstvakantie."),
        _posted(moment, MOMENT_FIELDS, explanation="Bespreek je profiel eerst thuis."),
    )

    texts_beside(page, "Kies je profiel voor de kerstvakantie.", "Bespreek je profiel eerst thuis.")
    with scopes_disabled():
        assert ChoiceMoment.objects.get(pk=moment.pk).explanation == "Kies je profiel voor de kerstvakantie."


def test_module_from_two_tabs_keeps_the_first_and_shows_both(login, world):
    module = make_module(world.group, description="Je kookt voor de buurt.")

    page = two_tabs(
        login("counsellor"),
        reverse("choices:module_edit", args=[module.pk]),
        _posted(module, MODULE_FIELDS, description="Je kookt voor ouderen in de wijk."),
        _posted(module, MODULE_FIELDS, description="Je kookt voor het schoolfeest."),
    )

    texts_beside(page, "Je kookt voor ouderen in de wijk.", "Je kookt voor het schoolfeest.")
    with scopes_disabled():
        assert Module.objects.get(pk=module.pk).description == "Je kookt voor ouderen in de wijk."


def _stance(world, note: str) -> ChoiceStance:
    with scopes_disabled():
        return ChoiceStance.objects.create(
            school=world.school,
            student=world.student,
            stance="doubts",
            note=note,
            updated_by=world.users["student"],
        )


def test_stance_note_from_mentor_and_counsellor_keeps_the_first_and_shows_both(login, world):
    stance = _stance(world, "Twijfelt tussen zorg en techniek.")

    page = two_tabs(
        login("mentor"),
        reverse("choices:student", args=[world.student.pk]),
        {"stance": "doubts", "note": "Kiest na de open dag."},
        {"stance": "doubts", "note": "Praat eerst met haar oom."},
        second_client=login("counsellor"),
    )

    texts_beside(page, "Kiest na de open dag.", "Praat eerst met haar oom.")
    with scopes_disabled():
        assert ChoiceStance.objects.get(pk=stance.pk).note == "Kiest na de open dag."


def test_stance_note_from_two_devices_of_the_student_keeps_the_first_and_shows_both(login, world):
    stance = _stance(world, "Ik twijfel nog.")
    phone, laptop = login("student"), login("student")
    mine = reverse("choices:mine")
    on_phone = version_in(phone.get(mine).content.decode())
    on_laptop = version_in(laptop.get(mine).content.decode())
    saved = phone.post(reverse("choices:stance"), {"stance": "doubts", "note": "Zorg!", "version": on_phone})
    assert saved.status_code == 302

    answer = laptop.post(
        reverse("choices:stance"), {"stance": "doubts", "note": "Techniek!", "version": on_laptop}
    )

    page = html.unescape(answer.content.decode())
    assert answer.status_code == 400 and REFUSED in page
    texts_beside(page, "Zorg!", "Techniek!")
    with scopes_disabled():
        assert ChoiceStance.objects.get(pk=stance.pk).note == "Zorg!"
