"""The demo school's assignments: given to the fixed mentor's group, some work done, something to catch up."""

import pytest
from django_scopes import scopes_disabled

from koers.demo.builder import DemoReport
from koers.programme.models import AssignmentWork, GivenAssignment, WorkStatus
from koers.programme.queries.assignments import student_assignments
from koers.schools.models import Student
from tests.once import demo_once

_demo = demo_once(students=40, seed=3, content=True)  # built once for the module (tests/once.py)


@pytest.fixture
def demo(db, _demo) -> DemoReport:
    return _demo[1]


def test_demo_gives_assignments_to_the_fixed_mentors_group(demo):
    with scopes_disabled():
        given = GivenAssignment.objects.filter(
            school=demo.school, groups__mentorships__mentor__username="mentor"
        )

        assert given.exists()


def test_demo_finished_work_sits_in_the_dossier(demo):
    with scopes_disabled():
        finished = list(AssignmentWork.objects.filter(school=demo.school, status=WorkStatus.FINISHED))

    assert finished
    assert all(w.experience_id for w in finished)


def test_demo_newcomer_has_something_to_catch_up(demo):
    with scopes_disabled():
        newcomer = Student.objects.get(school=demo.school, user__username="nieuwkomer")
        mine = student_assignments(newcomer)

    assert mine.catch_up or mine.group_did
