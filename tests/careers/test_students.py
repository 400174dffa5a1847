"""A student's exploring as others see it: the mentor in the conversation's preparation and guide mode, the
guardian what is shared; the student decides what guardians see."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry
from koers.careers.models import Favourite, FitReflection, InterestResult
from tests import factories as f
from tests.careers.factories import OccupationFactory, ProgrammeFactory
from tests.refusals import assert_not_found, nothing_written


@pytest.fixture
def explored(world):
    with scopes_disabled():
        welder = OccupationFactory(texts={"nl": "Lasser"})
        baker = OccupationFactory(texts={"nl": "Bakker"})
        OccupationFactory(texts={"nl": "Astronaut"})
        cook = ProgrammeFactory(texts={"nl": "Kok niveau 2"})
        mine = {"school": world.school, "student": world.student}
        Favourite.objects.create(**mine, occupation=welder)
        Favourite.objects.create(**mine, occupation=baker)
        Favourite.objects.create(**mine, programme=cook)
        FitReflection.objects.create(**mine, occupation=welder, attracts="Vuur en metaal", doubts="Lawaai")
        result = InterestResult.objects.create(**mine, scores={"hands": 4})
    return {"welder": welder, "result": result}


def test_the_mentor_sees_favourites_answers_and_tests_and_it_is_logged(world, login, explored):
    client = login("mentor")

    html = client.get(
        reverse("careers:student_careers", args=[world.student.pk]), headers={"HX-Request": "true"}
    ).content.decode()

    assert "Lasser" in html and "Bakker" in html and "Kok niveau 2" in html
    assert "Vuur en metaal" in html and "Lawaai" in html
    with scopes_disabled():
        entry = AuditEntry.objects.get(student=world.student)
    assert entry.actor == world.users["mentor"]


def test_the_conversation_preparation_loads_the_favourites(world, login, explored):

    with scopes_disabled():
        conversation = f.ConversationFactory(student=world.student, mentor=world.users["mentor"])

    html = login("mentor").get(reverse("conversations:detail", args=[conversation.pk])).content.decode()

    assert reverse("careers:student_careers", args=[world.student.pk]) in html


def test_guide_mode_offers_the_catalogue_with_favourites_first(world, login, explored):
    html = login("mentor").get(reverse("careers:occupation_names", args=[world.student.pk])).content.decode()

    assert html.index("Lasser") < html.index("Astronaut")
    assert html.index("Bakker") < html.index("Astronaut")


def test_a_guardian_sees_only_what_is_shared(world, login, explored):
    client = login("guardian")
    url = reverse("careers:child_careers", args=[world.student.pk])

    before = client.get(url).content.decode()
    student = login("student")
    student.post(reverse("careers:share_favourites"), {"shared": "1"})
    student.post(reverse("careers:share_result", args=[explored["result"].pk]), {"shared": "1"})
    after = login("guardian").get(url).content.decode()

    assert "Lasser" not in before and "Er is nog niets gedeeld." in before
    assert "Lasser" in after and "Kok niveau 2" in after
    assert "Vuur en metaal" not in after  # "does this fit me?" stays between the student and their guides


def test_a_new_favourite_follows_the_sharing_choice(world, login, explored):
    client = login("student")
    client.post(reverse("careers:share_favourites"), {"shared": "1"})
    with scopes_disabled():
        nurse = OccupationFactory(texts={"nl": "Verpleegkundige"})

    client.post(reverse("careers:favourite_occupation", args=[nurse.pk]))

    with scopes_disabled():
        assert Favourite.objects.get(occupation=nurse).shared_with_guardians


def test_a_mentor_of_another_group_gets_a_404(world, login, explored):

    with scopes_disabled():
        stranger = f.StudentFactory(school=world.school)

    with nothing_written():  # no "looked at" row for a student the mentor does not follow
        response = login("mentor").get(reverse("careers:student_careers", args=[stranger.pk]))

    assert_not_found(response, stranger.user.get_full_name())
