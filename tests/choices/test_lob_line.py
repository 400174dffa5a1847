"""Every confirmed choice appears on the student's LOB-lijn (overview), for the student and for a guardian
who sees the dossier; a choice still waiting for a confirmation does not. A fixed number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.choices.models import Confirmation
from tests.choices.helpers import make_choice, make_moment


def confirmed(world, title: str, chosen: str, *, guardian: bool = True):
    moment = make_moment(world.group, title=title)
    choice = make_choice(moment, world.student, chosen=chosen)
    with scopes_disabled():
        Confirmation.objects.create(
            school=world.school, choice=choice, confirmer="mentor", by=world.users["mentor"]
        )
        if guardian:
            Confirmation.objects.create(
                school=world.school, choice=choice, confirmer="guardian", by=world.users["guardian"]
            )
    return choice


def test_a_confirmed_choice_is_on_the_students_lob_line(world, login):
    confirmed(world, "Profielkeuze", "Zorg en welzijn")

    page = login("student").get(reverse("dossier:timeline")).content.decode()

    assert "Profielkeuze: Zorg en welzijn" in page
    assert "Bevestigde keuze" in page


def test_a_choice_waiting_for_the_guardian_is_not_on_the_line(world, login):
    confirmed(world, "Profielkeuze", "Groen", guardian=False)

    page = login("student").get(reverse("dossier:timeline")).content.decode()

    assert "Profielkeuze: Groen" not in page


def test_a_guardian_who_sees_the_dossier_reads_the_confirmed_choice(world, login):
    confirmed(world, "Profielkeuze", "Techniek")

    page = (
        login("guardian").get(reverse("dossier:student_timeline", args=[world.student.pk])).content.decode()
    )

    assert "Profielkeuze: Techniek" in page


@pytest.mark.parametrize("size", [1, 6])
def test_the_line_with_choices_costs_a_fixed_number_of_queries(world, login, size, django_assert_num_queries):
    for n in range(size):
        confirmed(world, f"Keuze {n}", "Iets")
    client = login("student")

    # the line's thirteen (tests/dossier/test_timeline.py), less the experiences' reflections (there are
    # none), plus the choices' confirmations
    with django_assert_num_queries(12):
        client.get(reverse("dossier:timeline"))
