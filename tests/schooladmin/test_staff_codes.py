"""Staff codes (afkortingen): set by the admin by hand or from a staff file, so the Magister mentor column
finds its mentors."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.schools.models import Mentorship, Role
from tests import factories as f
from tests.schooladmin.import_support import import_file

QUERIES = 3  # session, user+roles, the school's staff with their codes


def code_of(world, persona: str) -> str:
    with scopes_disabled():
        return Role.objects.get(user=world.users[persona]).staff_code


def post_codes(client, world, **codes: tuple[str, str]):
    data = {}
    for persona, (was, new) in codes.items():
        uid = world.users[persona].pk
        data[f"was_{uid}"] = was
        data[f"code_{uid}"] = new
    return client.post(reverse("schooladmin:staff_codes"), data)


def test_admin_sets_a_code_and_the_magister_mentor_column_finds_the_mentor(login, world):
    client = login("admin")
    response = post_codes(client, world, teacher=("", "BAK"))
    assert response.status_code == 302
    assert code_of(world, "teacher") == "BAK"

    import_file(world.school, b"Stamnr;Roepnaam;Achternaam;Klas;Mentor\n300001;Ilse;Vos;2K1;bak\n")

    with scopes_disabled():
        assert Mentorship.objects.filter(mentor=world.users["teacher"], group__name="2K1").exists()


def test_page_lists_the_staff_not_students_or_guardians(login, world, django_assert_max_num_queries):
    client = login("admin")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("schooladmin:staff_codes")).content.decode()

    assert f'name="code_{world.users["teacher"].pk}"' in page
    assert f'name="code_{world.users["student"].pk}"' not in page
    assert f'name="code_{world.users["guardian"].pk}"' not in page


def test_query_count_does_not_grow_with_the_staff(login, world, django_assert_num_queries):

    client = login("admin")
    url = reverse("schooladmin:staff_codes")
    client.get(url)
    with django_assert_num_queries(QUERIES):
        client.get(url)
    with scopes_disabled():
        for n in range(15):
            f.RoleFactory(school=world.school, kind="teacher", staff_code=f"T{n}")
    with django_assert_num_queries(QUERIES):
        client.get(url)


@pytest.mark.parametrize(
    ("code", "message"),
    [("te lang voor een code", "hoogstens 16"), ("A B", "zonder spaties")],
)
def test_invalid_code_is_refused_next_to_the_field_and_kept(login, world, code, message):
    response = post_codes(login("admin"), world, teacher=("", code))

    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert code_of(world, "teacher") == ""


def test_code_of_someone_else_is_refused_and_nothing_is_saved(login, world):
    with scopes_disabled():
        Role.objects.filter(user=world.users["mentor"]).update(staff_code="BAK")

    response = post_codes(login("admin"), world, teacher=("", "bak"), counsellor=("", "DEC"))

    assert response.status_code == 400
    assert "Deze afkorting heeft" in response.content.decode()
    assert code_of(world, "teacher") == "" and code_of(world, "counsellor") == ""


def test_concurrent_change_is_not_overwritten_silently(login, world):
    with scopes_disabled():
        Role.objects.filter(user=world.users["teacher"]).update(staff_code="NEW")  # another admin, meanwhile

    response = post_codes(login("admin"), world, teacher=("", "OLD"))

    assert response.status_code == 400
    assert "intussen veranderd in &#x27;NEW&#x27;" in response.content.decode()
    assert code_of(world, "teacher") == "NEW"
    # Saving again is a decision about the current code: now it goes through.
    assert post_codes(login("admin"), world, teacher=("NEW", "OLD")).status_code == 302
    assert code_of(world, "teacher") == "OLD"


def test_staff_file_sets_codes_by_email_and_reports_the_lines_it_skipped(login, world):
    with scopes_disabled():
        for persona in ("teacher", "counsellor", "mentor", "leader"):
            world.users[persona].email = f"{persona}@baken.example"
            world.users[persona].save(update_fields=["email"])
    data = (
        b"Afkorting;Naam;E-mail\n"
        b"DOC;Docent;TEACHER@baken.example\n"
        b"DEC;Decaan;counsellor@baken.example\n"
        b"XX;Onbekend;niemand@baken.example\n"
        b"MEN;Mentor;mentor@baken.example\n"
        b"MEN;Leiding;leader@baken.example\n"
    )
    upload = SimpleUploadedFile("personeel.csv", data, content_type="text/csv")

    response = login("admin").post(reverse("schooladmin:staff_codes_file"), {"file": upload})

    page = response.content.decode()
    assert response.status_code == 200
    assert (code_of(world, "teacher"), code_of(world, "counsellor"), code_of(world, "mentor")) == (
        "DOC",
        "DEC",
        "",
    )
    assert "niemand@baken.example" in page  # line 4: nobody at the school has it
    assert "staat op de regels 5, 6" in page  # one code for two people: neither gets it
    assert "2 afkortingen gezet" in page


def test_staff_file_without_the_columns_is_refused_with_a_message(login, world):
    upload = SimpleUploadedFile("personeel.csv", b"Naam;Telefoon\nJan;0612345678\n", content_type="text/csv")

    response = login("admin").post(reverse("schooladmin:staff_codes_file"), {"file": upload})

    assert response.status_code == 400
    assert "Afkorting" in response.content.decode()
