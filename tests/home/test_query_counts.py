"""Every landing page costs the same number of queries whatever the size of the school."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from tests import factories as f
from tests.home.helpers import add_students

# Per request: session, user and the user's roles (middleware), then the page's own queries.
REQUEST_OVERHEAD = 2  # session, user+roles
SIZES = [3, 30]


@pytest.fixture
def school_of_size(world, request):
    """``n`` active and ``n`` quiet students more in the mentor's group, a second group, a second child."""
    n = request.param
    with scopes_disabled():
        add_students(world.group, n)
        add_students(world.group, n, filled=False)
        group = f.GroupFactory(school=world.school, school_year=world.group.school_year, name="3K2")
        add_students(group, n)
        for student in add_students(group, 2):
            f.MentorshipFactory(
                group=None, student=student, school=world.school, mentor=world.users["mentor"]
            )
        f.GuardianshipFactory(student=add_students(group, 1)[0], guardian=world.users["guardian"])
    return n


@pytest.mark.parametrize("school_of_size", SIZES, indirect=True)
def test_mentor_page_query_count_is_fixed(login, school_of_size, django_assert_num_queries):
    client = login("mentor")
    with django_assert_num_queries(REQUEST_OVERHEAD + 3):
        response = client.get(reverse("home:mentor"))
    assert len(response.context["page"].groups[0].rows) == 2 + 2 * school_of_size


@pytest.mark.parametrize("school_of_size", SIZES, indirect=True)
def test_counsellor_page_query_count_is_fixed(login, school_of_size, django_assert_num_queries):
    client = login("counsellor")
    with django_assert_num_queries(REQUEST_OVERHEAD + 4):
        response = client.get(reverse("home:counsellor"), {"weken": "4"})
    assert (
        response.context["page"].quiet.paginator.count == 2 + school_of_size
    )  # the two of the fixture, never active


@pytest.mark.parametrize("school_of_size", SIZES, indirect=True)
def test_leader_page_query_count_is_fixed(login, school_of_size, django_assert_num_queries):
    client = login("leader")
    with django_assert_num_queries(REQUEST_OVERHEAD + 2):
        response = client.get(reverse("home:leader"))
    assert response.context["page"].totals.students == 2 + 3 * school_of_size + 3


# The guardian page has its own guard, over children and history, in tests/home/test_guardian_home.py.


@pytest.mark.parametrize("school_of_size", SIZES, indirect=True)
def test_teacher_search_query_count_is_fixed(login, school_of_size, django_assert_num_queries, world):
    client = login("teacher")
    with django_assert_num_queries(REQUEST_OVERHEAD + 4):
        response = client.get(reverse("home:teacher"), {"groep": str(world.group.pk)})
    assert response.context["found"].paginator.count == 2 + 2 * school_of_size


@pytest.mark.parametrize("school_of_size", SIZES, indirect=True)
def test_admin_page_query_count_is_fixed(login, school_of_size, django_assert_num_queries):
    client = login("admin")
    with django_assert_num_queries(REQUEST_OVERHEAD + 5):
        response = client.get(reverse("home:admin"))
    assert len(response.context["page"].groups) == 2
