from django.urls import reverse
from django_scopes import scopes_disabled

from koers.home.queries import SEARCH_PAGE_SIZE
from tests import factories as f
from tests.home.helpers import add_students

URL = reverse("home:teacher")


def found_pks(response) -> list[int]:
    return [s.pk for s in response.context["found"].object_list]


def test_teacher_finds_a_student_by_part_of_the_name(login, world):
    response = login("teacher").get(URL, {"naam": f"sami {world.student.user.last_name}"})

    assert found_pks(response) == [world.student.pk]
    html = response.content.decode()
    assert "3K1" in html
    assert reverse("dossier:compliment_new", args=[world.student.pk]) in html


def test_teacher_finds_students_by_group(login, world, other_group):
    response = login("teacher").get(URL, {"groep": str(world.group.pk)})

    assert sorted(found_pks(response)) == sorted([world.student.pk, world.classmate.pk])


def test_teacher_search_never_links_into_a_dossier(login, world):
    html = login("teacher").get(URL, {"groep": str(world.group.pk)}).content.decode()

    assert f'href="{reverse("dossier:student", args=[world.student.pk])}"' not in html


def test_teacher_search_finds_nobody_of_another_school(login, world):
    with scopes_disabled():
        name = world.other_student.user.last_name

    response = login("teacher").get(URL, {"naam": name})

    assert world.other_student.pk not in found_pks(response)


def test_teacher_search_rejects_an_unknown_group_in_dutch(login, world):
    response = login("teacher").get(URL, {"groep": "999999"})

    assert "Kies een groep uit de lijst." in response.content.decode()
    assert response.context["found"] is None


def test_teacher_search_says_when_nobody_matches(login, world):
    html = login("teacher").get(URL, {"naam": "zzzzqqq"}).content.decode()

    assert "Geen leerling gevonden" in html


def test_teacher_search_is_split_into_pages(login, world):
    with scopes_disabled():
        add_students(world.group, SEARCH_PAGE_SIZE, filled=False)
    client = login("teacher")

    first = client.get(URL, {"groep": str(world.group.pk)})
    second = client.get(URL, {"groep": str(world.group.pk), "pagina": "2"})

    assert len(found_pks(first)) == SEARCH_PAGE_SIZE
    assert len(found_pks(second)) == 2
    assert "pagina=2" in first.content.decode()


def test_teacher_page_without_a_search_lists_nobody(login, world):
    response = login("teacher").get(URL)

    assert response.context["found"] is None


def test_teacher_search_leaves_out_students_who_left(login, world):
    with scopes_disabled():
        gone = f.StudentFactory(school=world.school, user__first_name="Vertrokken", left_on="2020-01-01")

    response = login("teacher").get(URL, {"naam": "Vertrokken"})

    assert gone.pk not in found_pks(response)


def test_teacher_search_answers_htmx_with_the_results_only(login, world):
    response = login("teacher").get(URL, {"naam": "Samira"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert world.student.name in html
