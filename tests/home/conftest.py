import pytest
from django_scopes import scopes_disabled

from koers.schools.models import Group
from tests import factories as f


@pytest.fixture
def other_group(world) -> Group:
    """A second group of the first school with its own mentor and one student."""
    with scopes_disabled():
        group = f.GroupFactory(school=world.school, school_year=world.group.school_year, name="3K2")
        f.MentorshipFactory(group=group)
        f.MembershipFactory(
            student=f.StudentFactory(school=world.school, user__last_name="Anders"), group=group
        )
    return group
