"""The rows shared by a worker's tests (tests/shared_rows.py) carry no test's changes into another."""

import pytest
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
