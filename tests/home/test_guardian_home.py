"""The guardian home: one child at a time, the programme, conversations, home assignments and, where the
rules allow, what the child shared."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.schools.models import Guardianship
from tests import factories as f
from tests.programme.lobline_helpers import activity_for, days_from_today
from tests.refusals import assert_not_found, nothing_written

URL = reverse("home:guardian")


def _second_child(world):
    with scopes_disabled():
        child = f.StudentFactory(school=world.school, user__first_name="Yusuf")
        f.MembershipFactory(student=child, group=world.group)
        f.GuardianshipFactory(student=child, guardian=world.users["guardian"])
    return child


def _home_assignment(world, title="Praat over je eerste baan"):
    with scopes_disabled():
        given = f.GivenAssignmentFactory(
            assignment__school=world.school, assignment__audience="home", assignment__title=title
        )
        given.groups.add(world.group)
    return given


def test_guardian_home_switches_between_children(login, world):
    other = _second_child(world)
    client = login("guardian")
    html = client.get(URL, {"child": other.pk}).content.decode()
    assert f'<h2 class="child-name">{other.name}</h2>' in html
    assert f"?child={world.student.pk}" in html
    # The choice is remembered.
    assert f'<h2 class="child-name">{other.name}</h2>' in client.get(URL).content.decode()


def test_guardian_home_other_child_is_404(login, world):
    with nothing_written():
        response = login("guardian").get(URL, {"child": world.classmate.pk})

    assert_not_found(response, world.classmate.user.get_full_name())


def test_guardian_home_other_school_child_is_404(login, world):
    with nothing_written():
        response = login("guardian").get(URL, {"child": world.other_student.pk})

    assert_not_found(response, world.other_student.user.get_full_name())


def test_guardian_home_links_to_lob_line(login, world):
    html = login("guardian").get(URL).content.decode()
    assert reverse("programme:student_line", args=[world.student.pk]) in html


def test_guardian_home_lists_home_assignments_only(login, world):
    _home_assignment(world)
    with scopes_disabled():
        school_work = f.GivenAssignmentFactory(
            assignment__school=world.school, assignment__title="Alleen op school"
        )
        school_work.groups.add(world.group)
    html = login("guardian").get(URL).content.decode()
    assert "Praat over je eerste baan" in html
    assert "Alleen op school" not in html


def test_guardian_home_shows_shared_experience(login, world):
    with scopes_disabled():
        f.ExperienceFactory(student=world.student, title="Snuffelstage bakker", shared_with_guardians=True)
        f.ExperienceFactory(student=world.student, title="Geheim dagboek", shared_with_guardians=False)
    html = login("guardian").get(URL).content.decode()
    assert "Snuffelstage bakker" in html
    assert "Geheim dagboek" not in html


def test_guardian_home_information_only_sees_no_dossier_items(login, world):
    with scopes_disabled():
        Guardianship.objects.filter(student=world.student).update(has_authority=False)
        f.ExperienceFactory(student=world.student, title="Snuffelstage bakker", shared_with_guardians=True)
    _home_assignment(world)
    html = login("guardian").get(URL).content.decode()
    assert "Snuffelstage bakker" not in html
    assert "Praat over je eerste baan" in html


def test_guardian_home_shows_upcoming_driegesprek_with_preparation_link(login, world):
    with scopes_disabled():
        conversation = f.ConversationFactory(student=world.student, type__with_guardians=True)
        conversation.guardians.add(world.users["guardian"])
    html = login("guardian").get(URL).content.decode()
    assert reverse("conversations:prepare", args=[conversation.pk]) in html


@pytest.mark.parametrize("size", [1, 5])
def test_guardian_home_query_count_is_fixed(login, world, django_assert_num_queries, size):
    with scopes_disabled():
        guardian = world.users["guardian"]
        for _n in range(size):
            child = f.StudentFactory(school=world.school)
            f.MembershipFactory(student=child, group=world.group)
            f.GuardianshipFactory(student=child, guardian=guardian)
            f.ExperienceFactory(student=world.student, shared_with_guardians=True)
            conversation = f.ConversationFactory(student=world.student, type__with_guardians=True)
            conversation.guardians.add(guardian)
            given = f.GivenAssignmentFactory(assignment__school=world.school, assignment__audience="home")
            given.groups.add(world.group)
            f.GuardianAnswerFactory(
                given=given, school=world.school, student=world.student, guardian=guardian
            )
            f.ComplimentFactory(student=world.student, given_by=guardian)
    client = login("guardian")
    client.get(URL, {"child": world.student.pk})
    # 19: the child's internships add one (their signatures one more when there are any: tests/partners).
    with django_assert_num_queries(18):
        response = client.get(URL, {"child": world.student.pk})
    assert response.status_code == 200


def test_guardian_home_does_not_count_zero_activities(login, world):
    activity_for(world.group, title="Beroepenmarkt", starts_on=days_from_today(20))

    page = login("guardian").get(reverse("home:guardian")).content.decode()

    assert "al 0 activiteiten" not in page
    assert "nog geen activiteit gedaan" in page
