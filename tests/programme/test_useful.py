""" "Was this useful?": a student taps yes or no (with one optional line) under an activity they took part in;
the planner and the coverage view show it per activity, counted, from five answers, without names."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.programme.models import ActivityFeedback
from koers.schools.models import SchoolYear
from tests import factories as f
from tests.programme.lobline_helpers import activity_for, days_from_today


def _took_part(world, activity, student):
    with scopes_disabled():
        f.ParticipationFactory(activity=activity, student=student, noted_by=world.users["mentor"])


def _students(world, n):
    with scopes_disabled():
        made = []
        for i in range(n):
            student = f.StudentFactory(school=world.school, user__first_name=f"Nuttigleerling{i}")
            f.MembershipFactory(student=student, group=world.group)
            made.append(student)
    return made


def test_student_taps_yes_with_a_line_and_may_change_their_mind(world, login):
    visit = activity_for(world.group, title="Bezoek aan de haven", starts_on=days_from_today(-3))
    _took_part(world, visit, world.student)
    client = login("student")
    page = client.get(reverse("programme:mine")).content.decode()
    assert "Had je hier iets aan?" in page and 'name="nuttig"' in page
    url = reverse("programme:useful", args=[visit.pk])
    assert client.post(url, {"nuttig": "ja", "regel": "  Ik wil nu havenwerker worden  "}).status_code == 302
    client.post(url, {"nuttig": "nee"})
    with scopes_disabled():
        feedback = ActivityFeedback.objects.get()
    assert (feedback.useful, feedback.line, feedback.student_id) == (False, "", world.student.pk)
    assert 'aria-pressed="true"' in client.get(reverse("programme:mine")).content.decode()


def test_no_answer_for_an_activity_not_taken_part_in_nor_without_a_choice(world, login):
    coming = activity_for(world.group, title="Beroepenmarkt", starts_on=days_from_today(10))
    past = activity_for(world.group, title="Open dag", starts_on=days_from_today(-5))
    _took_part(world, past, world.student)
    client = login("student")
    assert (
        "Had je hier iets aan?"
        not in client.get(reverse("programme:mine")).content.decode().split("Beroepenmarkt")[1][:400]
    )
    refused = client.post(reverse("programme:useful", args=[coming.pk]), {"nuttig": "ja"}, follow=True)
    assert "meedeed" in refused.content.decode()
    empty = client.post(reverse("programme:useful", args=[past.pk]), {"nuttig": ""}, follow=True)
    assert "Kies ja of nee" in empty.content.decode()
    with scopes_disabled():
        theirs = f.ActivityFactory(school_year=SchoolYear.objects.filter(school=world.other_school).first())
        assert not ActivityFeedback.objects.exists()
    assert client.post(reverse("programme:useful", args=[theirs.pk]), {"nuttig": "ja"}).status_code == 404
    assert (
        login("mentor").post(reverse("programme:useful", args=[past.pk]), {"nuttig": "ja"}).status_code == 404
    )


def test_planner_and_coverage_show_a_share_only_from_five_answers_and_no_names(world, login):
    visit = activity_for(world.group, title="Bezoek aan de haven", starts_on=days_from_today(-3))
    fair = activity_for(world.group, title="Beurs", starts_on=days_from_today(-4))
    students = _students(world, 5)
    with scopes_disabled():
        for n, student in enumerate(students):
            ActivityFeedback.objects.create(
                school=world.school, activity=visit, student=student, useful=n < 4, line=f"regel {n}"
            )
        for student in students[:4]:
            ActivityFeedback.objects.create(school=world.school, activity=fair, student=student, useful=True)
    client = login("counsellor")
    year = world.group.school_year.pk
    planner = client.get(
        reverse("programme:planner") + f"?jaar={year}&leerweg={world.group.track}"
    ).content.decode()
    assert "80% nuttig (5)" in planner and "nuttig: te weinig antwoorden" in planner
    coverage = client.get(reverse("programme:coverage") + f"?jaar={year}").content.decode()
    assert "80%" in coverage and "regel 4" in coverage and "&lt; 5" in coverage
    for page in (planner, coverage):
        assert not any(student.user.first_name in page for student in students)


@pytest.mark.parametrize("size", [5, 15])
def test_useful_counts_cost_one_query_whatever_the_size(world, login, size, django_assert_num_queries):
    students = _students(world, size)
    with scopes_disabled():
        for n in range(3):
            activity = activity_for(world.group, title=f"Activiteit {n}", starts_on=days_from_today(-3 - n))
            for student in students:
                ActivityFeedback.objects.create(
                    school=world.school, activity=activity, student=student, useful=True
                )
    client = login("counsellor")
    url = reverse("programme:coverage") + f"?jaar={world.group.school_year.pk}"
    client.get(url)
    # the same at both sizes: the counts of "was it useful?" are one query (the page's others include the
    # planning's derived checks)
    with django_assert_num_queries(9):
        client.get(url)
