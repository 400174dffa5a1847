"""A person with roles at two schools switches between them; each request then sees one school only."""

from django.urls import reverse
from django_scopes import scopes_disabled

from koers.schools.models import Role, RoleKind
from tests import factories as f
from tests.refusals import assert_not_found, nothing_written


def test_person_with_roles_at_two_schools_switches_school(client, world):
    with scopes_disabled():
        user = world.users["counsellor"]
        first = user.roles.get()
        second = f.RoleFactory(school=world.other_school, user=user, kind=RoleKind.MENTOR)
    client.force_login(user)

    client.post("/rol/", {"role": first.pk})
    assert client.get("/").url.endswith("/decaan/")
    response = client.post("/rol/", {"role": second.pk})
    assert response.status_code == 302
    assert client.get("/").url.endswith("/mentor/")
    assert client.get("/").wsgi_request.school == world.other_school


def test_switching_to_a_role_of_someone_else_is_not_found(client, world):
    with scopes_disabled():
        foreign = f.RoleFactory(school=world.other_school, kind=RoleKind.ADMIN)
    client.force_login(world.users["counsellor"])

    with nothing_written(Role):
        response = client.post("/rol/", {"role": foreign.pk})

    assert_not_found(response, foreign.school.name)
    assert client.get("/").url == reverse("home:counsellor")  # still their own role


def test_person_without_any_role_gets_an_explanation(client, db):
    client.force_login(f.UserFactory())

    response = client.get("/")

    assert response.status_code == 200
    assert "nog geen rol" in response.content.decode()
