"""The rows shared by a worker's tests (tests/shared_rows.py) carry no test's changes into another."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.schools.models import School, User
from tests.shared_rows import SHARED


def test_a_test_changes_its_own_copy_of_the_world_objects(world):
    world.student.user.first_name = "Veranderd"
    world.users["mentor"].username = "iemand-anders"

    fresh = SHARED.world()
    assert fresh.student.user.first_name == "Samira"
    assert fresh.users["mentor"].username == "mentor"
    assert fresh.student.user is fresh.users["student"], "a copy keeps the objects that are the same one"


@pytest.mark.django_db(transaction=True)
def test_a_test_that_commits_starts_from_an_empty_database():
    with scopes_disabled():
        assert not School.objects.exists()
        assert not User.objects.exists()
    assert not SHARED.is_open


def test_a_shared_log_in_minutes_old_costs_a_page_no_more_queries(login, django_assert_max_num_queries):
    """A query-count guard that runs minutes after its worker logged the personas in counts the same as one
    right after: the session's "last seen" stamp is not rewritten by the page."""
    client = login("mentor")
    with CaptureQueriesContext(connection) as fresh:
        client.get(reverse("home:mentor"))

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=5), tick=False):
        later = login("mentor")
        assert later.cookies[settings.SESSION_COOKIE_NAME].value == SHARED.session("mentor")
        with django_assert_max_num_queries(len(fresh)):
            later.get(reverse("home:mentor"))
