"""Compliments: staff, teachers and guardians praise a quality; the student sees who gave it and when."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.dossier.domain.compliments import give_compliment
from koers.dossier.models import Compliment
from koers.lob.models import Trait
from koers.schools.models import RoleKind
from tests.dossier.portfolio_helpers import role_of_user
from tests.refusals import assert_not_found, nothing_written


def url(student) -> str:
    return reverse("dossier:compliment_new", args=[student.pk])


def quality() -> Trait:
    return Trait.objects.filter(kind="quality").order_by("order").first()


def compliments(student) -> list[Compliment]:
    with scopes_disabled():
        return list(Compliment.objects.filter(student=student))


@pytest.mark.parametrize(
    ("persona", "kind"),
    [("mentor", "mentor"), ("counsellor", "counsellor"), ("teacher", "teacher"), ("guardian", "guardian")],
)
def test_compliment_is_stored_with_who_gave_it_and_as_what(login, world, persona, kind):
    response = login(persona).post(
        url(world.student), {"trait": quality().pk, "message": "Je hielp iedereen."}
    )

    assert response.status_code == 302
    [given] = compliments(world.student)
    assert (given.given_by, given.given_as, given.message) == (
        world.users[persona],
        kind,
        "Je hielp iedereen.",
    )


def test_teacher_can_compliment_but_not_open_the_dossier(login, world):
    client = login("teacher")

    assert client.get(url(world.student)).status_code == 200
    assert client.get(reverse("dossier:student", args=[world.student.pk])).status_code == 404


def test_teacher_goes_back_to_their_own_page_after_a_compliment(login, world):
    response = login("teacher").post(url(world.student), {"trait": quality().pk})

    assert response.headers["Location"] == reverse("home")


def test_mentor_goes_back_to_the_dossier_after_a_compliment(login, world):
    response = login("mentor").post(url(world.student), {"trait": quality().pk})

    assert response.headers["Location"] == reverse("dossier:student", args=[world.student.pk])


@pytest.mark.parametrize("persona", ["student", "classmate", "leader", "admin", "outsider"])
def test_compliment_is_a_404_for_those_who_may_not_give_one(login, world, persona):
    client = login(persona)

    assert client.get(url(world.student)).status_code == 404
    assert client.post(url(world.student), {"trait": quality().pk}).status_code == 404
    assert compliments(world.student) == []


def test_guardian_cannot_compliment_someone_elses_child(login, world):
    with nothing_written(Compliment):
        response = login("guardian").get(url(world.classmate))

    assert_not_found(response, world.classmate.user.get_full_name())


def test_compliment_without_a_quality_says_so_next_to_the_field(login, world):
    response = login("mentor").post(url(world.student), {"message": "Goed gedaan"})

    assert "Kies de kwaliteit" in str(response.context["form"].errors["trait"])
    assert response.context["form"]["message"].value() == "Goed gedaan"
    assert compliments(world.student) == []


def test_compliment_on_a_motive_is_refused(login, world):
    motive = Trait.objects.filter(kind="motive").first()

    response = login("mentor").post(url(world.student), {"trait": motive.pk})

    assert "trait" in response.context["form"].errors
    assert compliments(world.student) == []


def test_give_compliment_refuses_a_role_that_cannot_see_the_student(in_school, world):
    with pytest.raises(PermissionDenied):
        give_compliment(
            role=role_of_user(world, "leader", RoleKind.LEADER),
            student=world.student,
            trait=quality(),
            message="",
        )


def test_give_compliment_refuses_a_long_message(in_school, world):
    with pytest.raises(ValidationError):
        give_compliment(
            role=role_of_user(world, "mentor", RoleKind.MENTOR),
            student=world.student,
            trait=quality(),
            message="x" * 1001,
        )


def test_student_sees_the_compliment_with_who_and_when(login, world):
    login("teacher").post(url(world.student), {"trait": quality().pk, "message": "Sterk verhaal gehouden"})

    body = login("student").get(reverse("dossier:home")).content.decode()

    assert "Sterk verhaal gehouden" in body
    assert "(docent)" in body
    assert quality().name in body
