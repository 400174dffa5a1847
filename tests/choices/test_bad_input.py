"""The issue's list of bad input, each through the page a person uses: a choice outside its window, a module
of another track, a ranking with the same module twice, a confirmation by a guardian without authority,
another school's choice. Each gets a clear message or a 404, and nothing is half-saved."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.choices.models import Choice, Confirmation, Placement, Preference
from koers.schools.models import Guardianship
from tests import factories as f
from tests.choices.helpers import make_choice, make_module, make_moment, make_placement


def test_a_choice_outside_its_window_gets_the_window_next_to_the_field_and_is_not_saved(world, login):
    today = timezone.localdate()
    moment = make_moment(
        world.group, opens_on=today - dt.timedelta(days=30), closes_on=today - dt.timedelta(days=1)
    )

    response = login("student").post(
        reverse("choices:choose", args=[moment.pk]),
        {"chosen": "Groen", "why": "Ik werk graag buiten.", "voice": f.sample_webm()},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Je kunt hier kiezen van" in html
    assert "Ik werk graag buiten." in html  # the input stays
    with scopes_disabled():
        assert not Choice.objects.exists()


def test_ranking_a_module_of_another_track_says_why_and_saves_nothing(world, login):
    modules = [make_module(world.group, title=f"Module {i}") for i in range(4)]
    havo = make_module(world.group, title="Alleen havo", tracks=["havo"])
    with scopes_disabled():
        Preference.objects.create(
            school=world.school,
            school_year=world.group.school_year,
            student=world.student,
            module=modules[0],
            rank=1,
        )
    form = {f"place_{i + 1}": m.pk for i, m in enumerate([havo, *modules])}

    response = login("student").post(reverse("choices:rank"), form)

    assert "niet voor jouw leerweg" in response.content.decode()
    with scopes_disabled():  # the earlier ranking is kept as it was
        assert list(Preference.objects.values_list("module_id", flat=True)) == [modules[0].pk]


def test_moving_a_student_to_a_module_of_another_track_gets_a_message(world, login):
    mine = make_module(world.group, title="Koken")
    havo = make_module(world.group, title="Alleen havo", tracks=["havo"])
    placement = make_placement(mine, world.student, period=1, rank=1)

    response = login("counsellor").post(reverse("choices:move", args=[placement.pk]), {"module": havo.pk})

    assert "niet voor de leerweg of het leerjaar" in response.content.decode()
    with scopes_disabled():
        assert Placement.objects.get().module_id == mine.pk


def test_a_guardian_without_authority_cannot_confirm_on_the_page(world, login):
    with scopes_disabled():
        Guardianship.objects.update(has_authority=False)
    choice = make_choice(make_moment(world.group), world.student)
    client = login("guardian")

    page = client.get(reverse("choices:child", args=[world.student.pk])).content.decode()
    response = client.post(reverse("choices:confirm", args=[choice.pk]), follow=True)

    assert "Ik bevestig deze keuze" not in page
    assert response.status_code == 404 or "niet bevestigen" in response.content.decode()
    with scopes_disabled():
        assert not Confirmation.objects.exists()


def test_another_schools_choice_pages_are_404(world):
    moment = make_moment(world.group)
    choice = make_choice(moment, world.student)
    client = Client()
    client.force_login(world.users["outsider"])

    assert client.get(reverse("choices:student", args=[world.student.pk])).status_code == 404
    assert client.get(reverse("choices:record", args=[world.student.pk, moment.pk])).status_code == 404
    assert client.post(reverse("choices:confirm", args=[choice.pk])).status_code == 404
    with scopes_disabled():
        assert not Confirmation.objects.exists()
