import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from tests.home.helpers import add_students, fill_dossier

URL = reverse("home:leader")


def test_leader_page_shows_group_totals(login, world):
    with scopes_disabled():
        fill_dossier(world.student)

    response = login("leader").get(URL)

    summary = response.context["page"].groups[0]
    assert (summary.group.name, summary.students, summary.overdue_actions) == ("3K1", 2, 1)
    assert response.context["page"].totals.students == 2


def test_leader_page_holds_no_student_names(login, world):
    with scopes_disabled():
        others = add_students(world.group, 3)

    html = login("leader").get(URL).content.decode()

    assert "Samira" not in html  # the fixture's student, by first name
    for student in [world.student, world.classmate, *others]:
        assert student.name not in html


def test_leader_page_holds_no_links_into_dossiers(login, world):
    html = login("leader").get(URL).content.decode()

    assert "/dossier/" not in html


@pytest.mark.parametrize(
    "persona", ["student", "mentor", "counsellor", "teacher", "guardian", "admin", "outsider"]
)
def test_leader_page_is_not_found_for_other_roles(login, world, persona):
    assert login(persona).get(URL).status_code == 404
