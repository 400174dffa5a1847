"""An argued choice: made in its window, revised, confirmed by mentor, guardian (with authority, under 16) and
counsellor; bad input gets a message and saves nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.choices.domain.choosing import confirm_choice, make_choice, set_stance
from koers.choices.models import Choice, ChoiceStance, Confirmation, Stance
from koers.schools.models import Guardianship, Role
from tests import factories as f
from tests.choices.helpers import make_choice as given_choice
from tests.choices.helpers import make_moment


def role_of(world, persona: str) -> Role:
    with scopes_disabled():
        return Role.objects.get(user=world.users[persona], school=world.school)


def test_student_makes_an_argued_choice_with_an_experience(world, in_school):
    moment = make_moment(world.group)
    experience = f.ExperienceFactory(student=world.student, title="Open dag ROC")

    choice = make_choice(
        by=role_of(world, "student"),
        student=world.student,
        moment=moment,
        chosen="Zorg en welzijn",
        why="Ik help graag mensen.",
        found_out="Bij de open dag zag ik de verpleegafdeling.",
        experiences=[experience],
    )

    assert choice.is_argued
    assert list(choice.experiences.all()) == [experience]


def test_choice_outside_its_window_is_refused_and_nothing_is_saved(world, in_school):
    today = timezone.localdate()
    moment = make_moment(
        world.group, opens_on=today - dt.timedelta(days=30), closes_on=today - dt.timedelta(days=1)
    )

    with pytest.raises(ValidationError) as refused:
        make_choice(by=role_of(world, "student"), student=world.student, moment=moment, chosen="Groen")

    assert "chosen" in refused.value.error_dict
    assert not Choice.objects.exists()


def test_mentor_may_record_a_choice_after_the_window_in_a_conversation(world, in_school):
    today = timezone.localdate()
    moment = make_moment(
        world.group, opens_on=today - dt.timedelta(days=30), closes_on=today - dt.timedelta(days=1)
    )
    conversation = f.ConversationFactory(student=world.student, mentor=world.users["mentor"])

    choice = make_choice(
        by=role_of(world, "mentor"),
        student=world.student,
        moment=moment,
        chosen="Groen",
        why="Buiten werken",
        conversation=conversation,
    )

    assert choice.conversation == conversation


def test_choice_of_another_class_is_refused(world, in_school):
    other_group = f.GroupFactory(school=world.school, school_year=world.group.school_year, year_level=2)
    moment = make_moment(other_group)

    with pytest.raises(ValidationError):
        make_choice(by=role_of(world, "student"), student=world.student, moment=moment, chosen="Groen")


def test_classmate_cannot_choose_for_the_student(world, in_school):
    moment = make_moment(world.group)

    with pytest.raises(PermissionDenied):
        make_choice(by=role_of(world, "classmate"), student=world.student, moment=moment, chosen="Groen")


def test_revising_what_was_chosen_takes_away_the_confirmations(world, in_school):
    moment = make_moment(world.group)
    choice = given_choice(moment, world.student)
    confirm_choice(by=role_of(world, "mentor"), choice=choice)

    make_choice(
        by=role_of(world, "student"), student=world.student, moment=moment, chosen="Economie", why="Handel"
    )

    choice.refresh_from_db()
    assert choice.chosen == "Economie"
    assert not choice.confirmations.exists()


def test_guardian_with_authority_confirms_for_a_student_under_16(world, in_school):
    world.student.date_of_birth = timezone.localdate() - dt.timedelta(days=14 * 365)
    world.student.save()
    choice = given_choice(make_moment(world.group), world.student)
    guardian = role_of(world, "guardian")

    confirm_choice(by=guardian, choice=choice, guardianship=Guardianship.objects.get(guardian=guardian.user))

    assert Confirmation.objects.get().confirmer == "guardian"


def test_guardian_without_authority_cannot_confirm_and_nothing_is_saved(world, in_school):
    Guardianship.objects.update(has_authority=False)
    choice = given_choice(make_moment(world.group), world.student)
    guardian = role_of(world, "guardian")

    with pytest.raises(ValidationError):
        confirm_choice(
            by=guardian, choice=choice, guardianship=Guardianship.objects.get(guardian=guardian.user)
        )

    assert not Confirmation.objects.exists()


def test_guardian_cannot_confirm_for_a_student_of_16(world, in_school):
    world.student.date_of_birth = timezone.localdate() - dt.timedelta(days=17 * 365)
    world.student.save()
    choice = given_choice(make_moment(world.group), world.student)
    guardian = role_of(world, "guardian")

    with pytest.raises(ValidationError):
        confirm_choice(
            by=guardian, choice=choice, guardianship=Guardianship.objects.get(guardian=guardian.user)
        )


def test_a_choice_without_reasons_cannot_be_confirmed(world, in_school):
    choice = given_choice(make_moment(world.group), world.student, why="")

    with pytest.raises(ValidationError):
        confirm_choice(by=role_of(world, "mentor"), choice=choice)


def test_mentor_and_student_keep_the_choice_status(world, in_school):
    set_stance(by=role_of(world, "student"), student=world.student, stance=Stance.DOUBTS)
    set_stance(
        by=role_of(world, "mentor"),
        student=world.student,
        stance=Stance.NOT_OFFERED,
        note="wil naar de zeevaart",
    )

    stance = ChoiceStance.objects.get()
    assert (stance.stance, stance.updated_by) == (Stance.NOT_OFFERED, world.users["mentor"])


def test_empty_choice_page_shows_the_message_next_to_the_field_and_saves_nothing(world, login):
    moment = make_moment(world.group)

    response = login("student").post(reverse("choices:choose", args=[moment.pk]), {"chosen": "", "why": "x"})

    assert response.status_code == 200
    assert "Schrijf op wat je kiest." in response.content.decode()
    with scopes_disabled():
        assert not Choice.objects.exists()


def test_guardian_confirms_on_their_page_in_arabic(world, login):
    moment = make_moment(world.group)
    choice = given_choice(moment, world.student)
    with scopes_disabled():
        world.users["guardian"].preferred_language = "ar"
        world.users["guardian"].save()
    client = login("guardian")

    page = client.get(reverse("choices:child", args=[world.student.pk]))
    client.post(reverse("choices:confirm", args=[choice.pk]))

    assert 'lang="ar"' in page.content.decode()
    assert "Zorg en welzijn" in page.content.decode()
    with scopes_disabled():
        assert Confirmation.objects.get().confirmer == "guardian"
