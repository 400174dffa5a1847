"""Two people planning the same activity or changing the same assignment: the second save is refused with
both texts on the page, and the first save is what is stored (common/versions.py)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.programme.content import ensure_activity_types
from koers.programme.models import Activity, ActivityType, Assignment, AssignmentWork, GuardianAnswer
from tests import factories as f
from tests.programme.test_assignment_bank import new_assignment_data
from tests.programme.test_planning_views import form_data
from tests.two_tabs import texts_beside, two_tabs


@pytest.fixture
def visit(world) -> ActivityType:
    ensure_activity_types(world.school)
    with scopes_disabled():
        return ActivityType.objects.get(school=world.school, key="company_visit")


def test_activity_from_two_tabs_keeps_the_first_and_shows_both(login, world, visit):
    year = world.group.school_year
    with scopes_disabled():
        activity = f.ActivityFactory(school_year=year, type=visit, title="Bedrijfsbezoek")
    url = reverse("programme:activity_edit", args=[activity.pk])

    page = two_tabs(
        login("counsellor"),
        url,
        form_data(year, visit, description="Met de bus naar de haven."),
        form_data(year, visit, description="Op de fiets naar de garage."),
    )

    texts_beside(page, "Met de bus naar de haven.", "Op de fiets naar de garage.")
    with scopes_disabled():
        assert Activity.objects.get(pk=activity.pk).description == "Met de bus naar de haven."


def test_assignment_from_two_tabs_keeps_the_first_and_shows_both(login, world):
    with scopes_disabled():
        assignment = f.AssignmentFactory(school=world.school)
    url = reverse("programme:assignment_edit", args=[assignment.pk])

    page = two_tabs(
        login("counsellor"),
        url,
        new_assignment_data(goal="Je ontdekt welk werk je buurvrouw doet."),
        new_assignment_data(goal="Je ontdekt wat je oom op zijn werk doet."),
    )

    texts_beside(page, "Je ontdekt welk werk je buurvrouw doet.", "Je ontdekt wat je oom op zijn werk doet.")
    with scopes_disabled():
        assert Assignment.objects.get(pk=assignment.pk).goal == "Je ontdekt welk werk je buurvrouw doet."


def test_guardian_answer_from_two_windows_keeps_the_first_and_shows_both_in_u_form(login, world):
    with scopes_disabled():
        given = f.GivenAssignmentFactory(assignment__school=world.school, assignment__audience="home")
        given.groups.add(world.group)
        answer = f.GuardianAnswerFactory(
            given=given, student=world.student, guardian=world.users["guardian"], text="Eerste versie."
        )
    url = reverse("programme:guardian_answer", args=[world.student.pk, given.pk])

    page = two_tabs(
        login("guardian"),
        url,
        {"text": "Wij praatten over de bakkerij.", "language": "nl"},
        {"text": "Wij praatten over de garage.", "language": "nl"},
    )

    texts_beside(page, "Wij praatten over de bakkerij.", "Wij praatten over de garage.")
    assert "uw tekst staat nog in de velden" in page  # a guardian is spoken to with "u"
    with scopes_disabled():
        assert GuardianAnswer.objects.get(pk=answer.pk).text == "Wij praatten over de bakkerij."


def test_assignment_work_from_two_devices_keeps_the_first_and_shows_both(login, world):
    with scopes_disabled():
        given = f.GivenAssignmentFactory(
            assignment=f.AssignmentFactory(school=world.school, questions=["Wie heb je gesproken?"]),
            given_by=world.users["mentor"],
        )
        given.groups.add(world.group)
        work = f.AssignmentWorkFactory(given=given, student=world.student, answers={"0": "", "text": ""})
    url = reverse("programme:work", args=[given.pk])

    page = two_tabs(
        login("student"),
        url,
        {"q0": "Mijn buurvrouw, zij is bakker.", "text": ""},
        {"q0": "Mijn oom, hij is monteur.", "text": ""},
    )

    texts_beside(page, "Mijn buurvrouw, zij is bakker.", "Mijn oom, hij is monteur.")
    with scopes_disabled():
        assert AssignmentWork.objects.get(pk=work.pk).answers["0"] == "Mijn buurvrouw, zij is bakker."
