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


def test_leaders_menu_leads_to_the_mirror_and_the_lob_line(login, world):
    # Issue 12, item 16: both pages existed for the leader's questions but the menu lacked them and the
    # LOB-lijn answered 404.
    client = login("leader")
    html = client.get(URL).content.decode()

    assert reverse("conversations:mirror_school") in html
    assert reverse("programme:line") in html
    assert client.get(reverse("conversations:mirror_school")).status_code == 200
    line = client.get(reverse("programme:line"))
    assert line.status_code == 200
    assert world.student.name not in line.content.decode()
