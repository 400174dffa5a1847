"""Per student: competences and elements worked on this school year; the counsellor's list of gaps."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.programme.queries.student_coverage import coverage_of_student, students_with_gaps
from tests import factories as f
from tests.programme.lobline_helpers import activity_for, days_from_today

URL = reverse("programme:gaps")
ALL_COMPETENCES = [
    "qualities",
    "motives",
    "work_exploration",
    "career_steering",
    "networking",
    "expectations",
]


def took_part(world, student, *, competences, elements=(), present=True):
    activity = activity_for(
        world.group, starts_on=days_from_today(-5), competences=list(competences), elements=list(elements)
    )
    with scopes_disabled():
        f.ParticipationFactory(activity=activity, student=student, present=present)
    return activity


def test_coverage_counts_competences_and_elements_of_activities_taken_part_in(world, in_school):
    took_part(world, world.student, competences=["networking"], elements=["parents", "practice"])

    coverage = coverage_of_student(world.student, world.group.school_year)

    assert coverage.competences == {"networking"}
    assert coverage.elements == {"parents", "practice"}


def test_coverage_leaves_out_activities_the_student_missed(world, in_school):
    took_part(world, world.student, competences=["networking"], present=False)

    coverage = coverage_of_student(world.student, world.group.school_year)

    assert coverage.competences == set()


def test_coverage_counts_the_students_reflections(world, in_school):
    f.ReflectionFactory(experience=f.ExperienceFactory(student=world.student), competence="motives")

    coverage = coverage_of_student(world.student, world.group.school_year)

    assert coverage.competences == {"motives"}


def test_gaps_list_names_students_with_a_competence_never_touched(world, in_school):
    took_part(world, world.student, competences=ALL_COMPETENCES)
    took_part(world, world.classmate, competences=["networking"])

    result = students_with_gaps(school_year=world.group.school_year)

    assert [row.student.pk for row in result.rows] == [world.classmate.pk]


def test_gaps_list_filters_on_one_competence(world, in_school):
    took_part(world, world.student, competences=["networking"])
    took_part(world, world.classmate, competences=["motives"])

    result = students_with_gaps(school_year=world.group.school_year, competence="networking")

    assert [row.student.pk for row in result.rows] == [world.classmate.pk]


def test_gaps_list_counts_per_competence_who_never_touched_it(world, in_school):
    took_part(world, world.student, competences=["networking"])

    result = students_with_gaps(school_year=world.group.school_year)

    assert dict((c.value, n) for c, n in result.never_touched)["networking"] == 1


def test_gaps_page_shows_the_students_missing_competence(login, world):
    took_part(world, world.classmate, competences=ALL_COMPETENCES[1:])

    page = login("counsellor").get(URL).content.decode()

    assert "Kwaliteiten ontdekken" in page
    assert world.classmate.name in page


def test_gaps_page_with_an_unknown_group_shows_everyone(login, world):
    response = login("counsellor").get(URL, {"groep": "999999", "competentie": "nonsense"})

    assert response.status_code == 200
    assert response.context["result"].total == 2


def test_gaps_page_is_linked_from_the_counsellors_menu(login, world):
    page = login("counsellor").get(reverse("home:counsellor")).content.decode()

    assert f'href="{URL}"' in page


@pytest.mark.parametrize("persona", ["student", "mentor", "teacher", "guardian", "leader", "admin"])
def test_gaps_page_is_a_404_for_others(login, world, persona):
    assert login(persona).get(URL).status_code == 404


# session, user, roles; school years; groups; memberships with students; participations; reflections;
# finished assignments; held conversations.
GAPS_QUERIES = 10


@pytest.mark.parametrize("size", [2, 20])
def test_gaps_page_costs_a_fixed_number_of_queries(login, world, django_assert_num_queries, size):
    with scopes_disabled():
        for number in range(size):
            student = f.StudentFactory(school=world.school)
            f.MembershipFactory(student=student, group=world.group)
            f.ReflectionFactory(experience=f.ExperienceFactory(student=student), competence="motives")
            if number % 2:
                took_part(world, student, competences=["networking"], elements=["practice"])
    client = login("counsellor")

    with django_assert_num_queries(GAPS_QUERIES):
        response = client.get(URL)

    assert response.context["result"].total == size + 2


# --- issue 12, item 20: finished assignments and held conversations count too ---


def test_coverage_counts_finished_assignments_and_held_conversations(world, in_school):
    import datetime as dt

    from django.utils import timezone

    with scopes_disabled():
        given = f.GivenAssignmentFactory(
            assignment__school=world.school,
            assignment__competences=["motives"],
            assignment__elements=["practice"],
        )
        given.groups.add(world.group)
        f.AssignmentWorkFactory(
            given=given, student=world.student, status="finished", finished_at=timezone.now()
        )
        driegesprek = f.ConversationTypeFactory(school=world.school, with_guardians=True, key="driegesprek")
        f.ConversationFactory(
            student=world.student,
            type=driegesprek,
            mentor=world.users["mentor"],
            status="closed",
            scheduled_at=timezone.now() - dt.timedelta(days=1),
        )

    coverage = coverage_of_student(world.student, world.group.school_year)

    assert coverage.competences == {"motives"}
    assert coverage.elements == {"practice", "reflection", "active", "parents"}
