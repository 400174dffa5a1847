"""A student's own LOB-lijn: each activity done, coming or missed; guardians and followers see it too."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry
from koers.programme.queries.line import Status, student_line
from tests import factories as f
from tests.programme.lobline_helpers import activity_for, days_from_today, fill_line

MINE = reverse("programme:mine")


def student_url(world) -> str:
    return reverse("programme:student_line", args=[world.student.pk])


def statuses(world) -> dict[str, str]:
    with scopes_disabled():
        line = student_line(student=world.student)
    assert line is not None
    return {item.title: item.status for item in line.activities}


def test_student_line_marks_participation_as_done(world):
    past = activity_for(world.group, title="Open dag", starts_on=days_from_today(-10))
    with scopes_disabled():
        f.ParticipationFactory(activity=past, student=world.student)

    assert statuses(world) == {"Open dag": Status.DONE}


def test_student_line_marks_finished_work_as_done(world):
    coming = activity_for(world.group, title="Bedrijfsbezoek", starts_on=days_from_today(10))
    with scopes_disabled():
        given = f.GivenAssignmentFactory(
            assignment__school=world.school, activity=coming, purpose="preparation"
        )
        f.AssignmentWorkFactory(given=given, student=world.student, status="finished")

    assert statuses(world) == {"Bedrijfsbezoek": Status.DONE}


def test_student_line_marks_a_past_activity_without_participation_as_missed(world):
    activity_for(world.group, title="Open dag", starts_on=days_from_today(-10))

    assert statuses(world) == {"Open dag": Status.MISSED}


def test_student_line_marks_a_registered_absence_as_missed(world):
    today_ish = activity_for(world.group, title="Gastles", starts_on=days_from_today(0))
    with scopes_disabled():
        f.ParticipationFactory(activity=today_ish, student=world.student, present=False)

    assert statuses(world) == {"Gastles": Status.MISSED}


def test_student_line_marks_a_future_activity_as_coming(world):
    activity_for(world.group, title="Beroepenmarkt", starts_on=days_from_today(10))

    assert statuses(world) == {"Beroepenmarkt": Status.COMING}


def test_student_line_keeps_a_month_activity_coming_while_the_month_lasts(world):
    activity_for(
        world.group, title="Proefstuderen", starts_on=days_from_today(0).replace(day=1), precision="month"
    )

    assert statuses(world) == {"Proefstuderen": Status.COMING}


def test_student_line_leaves_out_activities_for_other_groups(world):
    with scopes_disabled():
        other = f.GroupFactory(school=world.school, school_year=world.group.school_year, name="3K9")
    elsewhere = activity_for(world.group, title="Alleen 3K9", starts_on=days_from_today(10))
    elsewhere.groups.add(other)
    mine = activity_for(world.group, title="Ook voor 3K1", starts_on=days_from_today(10))
    mine.groups.add(other, world.group)

    assert set(statuses(world)) == {"Ook voor 3K1"}


def test_student_line_page_shows_status_in_words(login, world):
    activity_for(world.group, title="Beroepenmarkt", starts_on=days_from_today(10))

    page = login("student").get(MINE).content.decode()

    assert "Beroepenmarkt" in page
    assert "komt nog" in page
    assert '<title id="student-line-title">' in page


def test_student_line_short_part_is_what_the_dossier_timeline_loads(login, world):
    activity_for(world.group, title="Beroepenmarkt", starts_on=days_from_today(10))

    response = login("student").get(MINE, {"deel": "kort"}, headers={"HX-Request": "true"})

    page = response.content.decode()
    assert "Beroepenmarkt" in page
    assert "<html" not in page


def test_dossier_timeline_links_to_the_students_programme(login, world):
    page = login("student").get(reverse("dossier:timeline")).content.decode()

    assert f'hx-get="{MINE}?deel=kort"' in page


def test_student_line_without_a_group_says_so(login, world):
    with scopes_disabled():
        world.student.memberships.all().delete()

    response = login("student").get(MINE)

    assert response.status_code == 200
    assert "niet in een groep" in response.content.decode()


def test_student_line_for_the_guardian_shows_statuses_and_is_logged(login, world):
    activity_for(world.group, title="Beroepenmarkt", starts_on=days_from_today(10))

    page = login("guardian").get(student_url(world)).content.decode()

    assert "komt nog" in page
    with scopes_disabled():
        assert AuditEntry.objects.filter(student=world.student, actor=world.users["guardian"]).count() == 1


def test_student_line_for_an_information_only_guardian_leaves_out_what_the_child_did(login, world):
    with scopes_disabled():
        world.student.guardianships.update(has_authority=False)
    past = activity_for(world.group, title="Open dag", starts_on=days_from_today(-10))
    with scopes_disabled():
        f.ParticipationFactory(activity=past, student=world.student)

    page = login("guardian").get(student_url(world)).content.decode()

    assert "Open dag" in page
    assert "lob-status" not in page


def test_student_line_for_the_student_themself_redirects_to_their_own(login, world):
    response = login("student").get(student_url(world))

    assert response.url == MINE


# session, user+roles; the student; their groups; activities with statuses; rounds; participations and
# reflections, finished assignments and held conversations for what they worked on; the planning's derived
# checks (assignments given, rounds soon after).
MINE_QUERIES = 12


@pytest.mark.parametrize("size", [1, 8])
def test_student_line_costs_a_fixed_number_of_queries(login, world, django_assert_num_queries, size):
    fill_line(world, size)
    client = login("student")

    with django_assert_num_queries(MINE_QUERIES):
        response = client.get(MINE)

    assert response.context["line"].done == size
