from django.urls import reverse
from django_scopes import scopes_disabled

from tests import factories as f

URL = reverse("home:admin")


def test_admin_page_shows_groups_with_students_and_mentors(login, world, other_group):
    response = login("admin").get(URL)

    groups = {g.name: g for g in response.context["page"].groups}
    assert groups["3K1"].n_students == 2
    assert groups["3K1"].mentor_names == [str(world.users["mentor"])]
    assert groups["3K2"].n_students == 1
    assert "vmbo kader" in response.content.decode()


def test_admin_page_counts_people_per_role(login, world):
    response = login("admin").get(URL)

    counts = dict(response.context["page"].role_counts)
    assert counts["leerling"] == 2
    assert counts["mentor"] == 1
    assert counts["beheerder"] == 1


def test_admin_page_lists_the_school_years(login, world):
    with scopes_disabled():
        f.SchoolYearFactory(
            school=world.school, name="2001-2002", starts_on="2001-08-01", ends_on="2002-07-31"
        )

    html = login("admin").get(URL).content.decode()

    assert "2001-2002" in html
    assert world.group.school_year.name in html


def test_admin_page_counts_students_without_a_group(login, world):
    with scopes_disabled():
        f.StudentFactory(school=world.school)

    page = login("admin").get(URL).context["page"]

    assert (page.students_enrolled, page.students_without_group) == (3, 1)
