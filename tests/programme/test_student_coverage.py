"""Per student: competences and elements worked on this school year; the counsellor's list of gaps."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.programme.queries import student_coverage
from koers.programme.queries.student_coverage import coverage_of_student, students_with_gaps
from koers.schools.models import Student
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


# session, user+roles; school years; groups; memberships (ids only); the year's activities; the finished
# assignments; participations; finished work; held conversations; reflections; the page's students.
GAPS_QUERIES = 12


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


# --- issue 19: the gaps list computes only what the page shows, and stays right as the school grows ---


def _school_of(world, size):
    """``size`` more students in the group: a third touched everything, a third reflected three times on
    one competence (only), a third did nothing. Returns what each new student misses."""
    missing: dict[int, set[str]] = {}
    with scopes_disabled():
        for number in range(size):
            student = f.StudentFactory(school=world.school)
            f.MembershipFactory(student=student, group=world.group)
            if number % 3 == 0:
                took_part(world, student, competences=ALL_COMPETENCES)
                continue
            if number % 3 == 1:
                for _ in range(3):
                    f.ReflectionFactory(experience=f.ExperienceFactory(student=student), competence="motives")
                missing[student.pk] = set(ALL_COMPETENCES) - {"motives"}
            else:
                missing[student.pk] = set(ALL_COMPETENCES)
    # The two students of the world did nothing.
    missing[world.student.pk] = set(ALL_COMPETENCES)
    missing[world.classmate.pk] = set(ALL_COMPETENCES)
    return missing


@pytest.mark.parametrize("size", [6, 45])
def test_gaps_page_rows_and_counts_are_right_at_two_sizes(
    login, world, django_assert_num_queries, size, monkeypatch
):

    monkeypatch.setattr(student_coverage, "PAGE_SIZE", 10)
    missing = _school_of(world, size)
    client = login("counsellor")

    seen: dict[int, set[str]] = {}
    order: list[tuple[str, str, int]] = []
    result = None
    for number in range(1, 7):
        with django_assert_num_queries(GAPS_QUERIES):
            response = client.get(URL, {"pagina": number})
        result = response.context["result"]
        if number > result.pages:
            break
        for row in result.rows:
            assert row.student.pk not in seen, "a student shows on two pages"
            seen[row.student.pk] = {c.value for c in row.missing_competences}
            order.append((row.student.user.last_name, row.student.user.first_name, row.student.pk))
            assert row.group == world.group
    assert result is not None
    assert seen == missing
    assert order == sorted(order), "the pages together run by name within the group"
    assert result.total == size + 2
    assert result.with_gaps == len(missing)
    never = {c.value: n for c, n in result.never_touched}
    assert never["motives"] == sum(1 for m in missing.values() if "motives" in m)
    assert never["networking"] == len(missing)
    # Three reflections on one competence count as one, and as the element reflection.
    reflected = next(pk for pk, m in missing.items() if m == set(ALL_COMPETENCES) - {"motives"})
    assert coverage_of_student_pk(world, reflected).elements == {"reflection"}


def coverage_of_student_pk(world, pk):

    with scopes_disabled():
        return coverage_of_student(Student.objects.get(pk=pk), world.group.school_year)


def test_gaps_list_reads_each_student_and_competence_once_not_each_reflection(world, in_school):
    """The reflections are read as DISTINCT (student, competence), without the model's default ordering
    column, which would make the DISTINCT keep one row per reflection."""

    with CaptureQueriesContext(connection) as captured:
        students_with_gaps(school_year=world.group.school_year)

    distinct = [
        q["sql"] for q in captured.captured_queries if "DISTINCT" in q["sql"] and "reflection" in q["sql"]
    ]
    assert distinct, "no DISTINCT query on reflections"
    assert all("created_at" not in sql.split(" FROM ")[0] for sql in distinct)


def test_gaps_pages_cut_through_groups_in_group_then_name_order(login, world, monkeypatch):

    monkeypatch.setattr(student_coverage, "PAGE_SIZE", 4)
    with scopes_disabled():
        second = f.GroupFactory(school=world.school, school_year=world.group.school_year, name="3K2")
        for name in ["Zwart", "Aalders", "Mulder", "Bakker", "Visser"]:
            f.MembershipFactory(
                student=f.StudentFactory(school=world.school, user__last_name=name), group=second
            )
        for name in ["Smit", "Jansen", "Vos"]:
            f.MembershipFactory(
                student=f.StudentFactory(school=world.school, user__last_name=name), group=world.group
            )
    client = login("counsellor")

    listed = []
    for number in (1, 2, 3):
        listed += [
            (row.group.name, row.student.user.last_name)
            for row in client.get(URL, {"pagina": number}).context["result"].rows
        ]

    assert [group for group, _ in listed] == ["3K1"] * 5 + ["3K2"] * 5
    second_names = [name for group, name in listed if group == "3K2"]
    assert second_names == ["Aalders", "Bakker", "Mulder", "Visser", "Zwart"]
    first_names = [name for group, name in listed if group == "3K1"]
    assert first_names == sorted(first_names)
