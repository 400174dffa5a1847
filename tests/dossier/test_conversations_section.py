"""Career conversations in the dossier overview and on the LOB-lijn."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from tests import factories as f
from tests.dossier.portfolio_helpers import fill_dossier
from tests.dossier.test_overview import HOME_QUERIES
from tests.refusals import assert_not_found, nothing_written

HOME = reverse("dossier:home")
TIMELINE = reverse("dossier:timeline")


def student_url(world) -> str:
    return reverse("dossier:student", args=[world.student.pk])


def conversation(world, *, days: int, status: str = "planned", **kwargs):
    with scopes_disabled():
        kind = f.ConversationTypeFactory(
            school=world.school, name=kwargs.pop("type_name", "Voortgangsgesprek")
        )
        return f.ConversationFactory(
            student=kwargs.pop("student", world.student),
            type=kind,
            mentor=world.users["mentor"],
            scheduled_at=timezone.now() + dt.timedelta(days=days),
            status=status,
            **kwargs,
        )


def test_home_lists_the_students_planned_and_held_conversations(login, world):
    conversation(world, days=4, type_name="Kennismakingsgesprek")
    conversation(world, days=-20, status="closed", type_name="Stage zoeken", summary="Garage gaat bellen.")

    overview = login("student").get(HOME).context["overview"]

    assert [c.conversation.type.name for c in overview.upcoming_conversations] == ["Kennismakingsgesprek"]
    assert [c.conversation.type.name for c in overview.recent_conversations] == ["Stage zoeken"]


def test_home_shows_the_summary_of_a_held_conversation_to_the_student(login, world):
    conversation(world, days=-20, status="closed", summary="We spraken over de snuffelstage.")

    body = login("student").get(HOME).content.decode()

    assert "We spraken over de snuffelstage." in body


def test_home_leaves_out_cancelled_conversations_and_those_of_others(login, world):
    conversation(world, days=2, status="cancelled", type_name="Afgezegd gesprek")
    conversation(world, days=2, student=world.classmate, type_name="Gesprek van een ander")

    overview = login("student").get(HOME).context["overview"]

    assert overview.conversations == []


def test_home_shows_the_occupations_that_came_up(login, world):
    held = conversation(world, days=-5, status="closed")
    with scopes_disabled():
        f.ConversationTagFactory(conversation=held, kind="occupation", text="automonteur")

    body = login("student").get(HOME).content.decode()

    assert "automonteur" in body


def test_guardian_sees_that_a_conversation_took_place_but_not_an_unshared_summary(login, world):
    conversation(
        world,
        days=-10,
        status="closed",
        type_name="Profielkeuze",
        summary="Twijfelt over thuis.",
        shared_with_guardians=False,
    )

    body = login("guardian").get(student_url(world)).content.decode()

    assert "Profielkeuze" in body
    assert "Twijfelt over thuis." not in body


def test_guardian_sees_a_shared_summary(login, world):
    conversation(world, days=-10, status="closed", summary="Kiest voor techniek.", shared_with_guardians=True)

    body = login("guardian").get(student_url(world)).content.decode()

    assert "Kiest voor techniek." in body


def test_guardian_without_authority_sees_no_conversations(login, world):
    with scopes_disabled():
        world.student.guardianships.update(has_authority=False)
    conversation(world, days=-10, status="closed", type_name="Profielkeuze", shared_with_guardians=True)

    response = login("guardian").get(student_url(world))

    assert response.status_code == 200
    assert "Profielkeuze" not in response.content.decode()


def test_classmate_still_gets_a_404_for_a_dossier_with_conversations(login, world):
    conversation(world, days=-10, status="closed", summary="Kiest voor techniek.")

    with nothing_written():
        response = login("classmate").get(student_url(world))

    assert_not_found(response, "Kiest voor techniek.", world.student.user.get_full_name())


@pytest.mark.parametrize("size", [1, 5])
def test_home_with_conversations_costs_a_fixed_number_of_queries(
    login, world, django_assert_num_queries, size
):
    fill_dossier(world.student, size)
    for day in range(size):
        held = conversation(world, days=-day - 1, status="closed")
        with scopes_disabled():
            f.ConversationTagFactory(conversation=held, kind="occupation", text=f"beroep {day}")
    client = login("student")

    # One more than an empty dossier: the occupation tags of the listed conversations.
    with django_assert_num_queries(HOME_QUERIES + 1):
        response = client.get(HOME)

    assert len(response.context["overview"].recent_conversations) == size


# --- the LOB-lijn ---


def test_timeline_puts_held_conversations_behind_and_planned_ones_ahead(login, world):
    conversation(world, days=-15, status="closed", type_name="Stage zoeken")
    conversation(world, days=6, type_name="Driegesprek")

    line = login("student").get(TIMELINE).context["line"]

    assert [e.title for e in line.past if e.kind == "conversation"] == ["Stage zoeken"]
    assert [e.title for e in line.future if e.kind == "conversation"] == ["Driegesprek"]


def test_timeline_keeps_a_planned_conversation_ahead_when_its_date_has_passed(login, world):
    conversation(world, days=-2, type_name="Nog niet gehouden")

    line = login("student").get(TIMELINE).context["line"]

    assert [e.title for e in line.future] == ["Nog niet gehouden"]


def test_timeline_shows_a_guardian_no_unshared_summary(login, world):
    conversation(world, days=-15, status="closed", type_name="Stage zoeken", summary="Vertrouwelijk verhaal.")

    line_url = reverse("dossier:student_timeline", args=[world.student.pk])
    body = login("guardian").get(line_url).content.decode()

    assert "Stage zoeken" in body
    assert "Vertrouwelijk verhaal." not in body


def test_timeline_filtered_on_a_competence_leaves_conversations_out(login, world):
    conversation(world, days=-15, status="closed", type_name="Stage zoeken")

    line = login("student").get(TIMELINE + "?competentie=qualities").context["line"]

    assert line.past == []


def test_home_links_each_conversation_to_its_page(login, world):
    planned = conversation(world, days=4)

    body = login("student").get(HOME).content.decode()

    assert reverse("conversations:detail", args=[planned.pk]) in body
