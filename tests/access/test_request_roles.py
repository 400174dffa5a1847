"""A logged-in request loads the person with their roles in one query: before the view starts it costs the
session and that query, not session, user and roles."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from tests import factories as f
from tests.factories import PASSWORD

# The landing redirect does no work of its own: what it costs is what every logged-in request costs.
SESSION_AND_USER_WITH_ROLES = 2


def test_a_logged_in_request_costs_the_session_and_one_query_for_the_user_with_roles(
    login, django_assert_num_queries
):
    client = login("mentor")

    with django_assert_num_queries(SESSION_AND_USER_WITH_ROLES):
        response = client.get(reverse("home"))

    assert response.headers["Location"] == reverse("home:mentor")


def test_after_a_password_login_the_next_request_costs_the_same(world, client, django_assert_num_queries):
    client.post(reverse("login"), {"username": "counsellor", "password": PASSWORD})

    with django_assert_num_queries(SESSION_AND_USER_WITH_ROLES):
        response = client.get(reverse("home"))

    assert response.headers["Location"] == reverse("home:counsellor")


def test_roles_at_two_schools_are_all_offered_and_switching_still_works(world, login):
    with scopes_disabled():
        second = f.RoleFactory(school=world.other_school, kind="leader", user=world.users["mentor"])
    client = login("mentor")

    page = client.get(reverse("home:mentor"))
    switched = client.post(reverse("switch_role"), {"role": str(second.pk)})

    assert {r.pk for r in page.wsgi_request.roles} == {second.pk, *_role_pks(world.users["mentor"])}
    assert switched.status_code == 302
    assert client.get(reverse("home")).headers["Location"] == reverse("home:leader")


def test_a_person_without_any_role_still_gets_the_no_role_page(db, client):
    with scopes_disabled():
        user = f.UserFactory(username="nobody")
    client.force_login(user)

    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert response.templates[0].name == "home/no_role.html"


def test_a_deactivated_person_is_sent_to_the_login_page_on_the_next_request(world, login):
    client = login("mentor")
    user = world.users["mentor"]
    user.is_active = False
    user.save(update_fields=["is_active"])

    response = client.get(reverse("home:mentor"))

    assert response.status_code == 302
    assert response.headers["Location"].startswith(reverse("login"))


def _role_pks(user) -> set[int]:
    with scopes_disabled():
        return set(user.roles.values_list("pk", flat=True))


@pytest.mark.parametrize("persona", ["student", "guardian", "leader"])
def test_each_persona_lands_on_its_page_with_the_roles_loaded_once(login, persona, django_assert_num_queries):
    client = login(persona)

    with django_assert_num_queries(SESSION_AND_USER_WITH_ROLES):
        response = client.get(reverse("home"))

    assert response.status_code == 302
