import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.schools.models import ImportRun, Student
from tests.schooladmin.import_support import import_file, read


def upload(client, data: bytes, preset: str = "magister", name: str = "export.csv"):
    return client.post(
        reverse("schooladmin:import_start"), {"file": SimpleUploadedFile(name, data), "preset": preset}
    )


def test_import_start_with_preset_goes_straight_to_preview(login):
    client = login("admin")

    response = upload(client, read("magister_week1.csv"))

    with scopes_disabled():
        run = ImportRun.objects.get()
    assert response.headers["Location"] == reverse("schooladmin:import_preview", args=[run.pk])


def test_import_preview_shows_counts_and_problem_lines(login):
    client = login("admin")
    upload(client, read("magister_week2.csv"))
    with scopes_disabled():
        run = ImportRun.objects.get()

    page = client.get(reverse("schooladmin:import_preview", args=[run.pk])).content.decode()

    assert "Nieuwe leerlingen" in page
    assert "Dubbele regel" in page
    assert "Import toepassen" in page


def test_import_start_bad_file_shows_reason_next_to_field(login):
    client = login("admin")

    response = upload(client, b"\xd0\xcf\x11\xe0old excel", name="oud.xls")

    assert response.status_code == 200
    assert "oud Excel-bestand" in response.content.decode()
    with scopes_disabled():
        assert not ImportRun.objects.exists()


def test_import_manual_choice_opens_mapping_with_example_rows(login):
    client = login("admin")

    response = upload(client, read("magister_week1.csv"), preset="manual")
    page = client.get(response.headers["Location"]).content.decode()

    assert "El Amrani" in page
    assert 'name="col_number"' in page


def test_import_mapping_without_number_keeps_choices_and_says_why(login):
    client = login("admin")
    location = upload(client, read("magister_week1.csv"), preset="manual").headers["Location"]

    response = client.post(location, {"col_number": "", "col_group": "Klas"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Koppel een kolom aan het leerlingnummer." in page
    assert '<option value="Klas" selected>' in page


def test_import_mapping_posted_gives_preview(login):
    client = login("admin")
    location = upload(client, read("magister_week1.csv"), preset="manual").headers["Location"]

    response = client.post(
        location,
        {
            "col_number": "Stamnr",
            "col_first_name": "Roepnaam",
            "col_last_name": "Achternaam",
            "col_group": "Klas",
        },
    )

    with scopes_disabled():
        run = ImportRun.objects.get()
    assert response.headers["Location"] == reverse("schooladmin:import_preview", args=[run.pk])
    assert run.summary["counts"]["students_new"] == 5


def test_import_apply_button_applies_everything(login, django_capture_on_commit_callbacks):
    client = login("admin")
    upload(client, read("magister_week1.csv"))
    with scopes_disabled():
        run = ImportRun.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("schooladmin:import_apply", args=[run.pk]))

    with scopes_disabled():
        assert Student.objects.filter(number__startswith="1000").count() == 5
    page = client.get(response.url).content.decode()  # the job's page: done, and the way back
    assert "Klaar." in page
    assert reverse("schooladmin:import_preview", args=[run.pk]) in page


def test_import_apply_of_an_outdated_preview_says_so_on_the_jobs_page(
    login, django_capture_on_commit_callbacks
):
    client = login("admin")
    upload(client, read("magister_week1.csv"))
    with scopes_disabled():
        run = ImportRun.objects.get()
        run.summary = {**run.summary, "counts": {}}  # the school changed since the preview
        run.save(update_fields=["summary"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("schooladmin:import_apply", args=[run.pk]))

    page = client.get(response.url).content.decode()
    assert "Sinds de controle is er in Koers iets veranderd" in page
    with scopes_disabled():
        assert not Student.objects.filter(number__startswith="1000").exists()


def test_admin_nav_links_to_import(login):
    page = login("admin").get(reverse("home:admin")).content.decode()

    assert reverse("schooladmin:import_start") in page


def _lines(n: int) -> bytes:
    rows = [f"{500000 + i};Kim;Lid{i};{2 + i % 3}K1" for i in range(n)]
    return ("Stamnr;Roepnaam;Achternaam;Klas\n" + "\n".join(rows) + "\n").encode()


@pytest.mark.parametrize("students", [3, 80])
def test_import_preview_page_queries_do_not_grow(world, login, students, django_assert_num_queries):
    run = import_file(world.school, _lines(students), apply=False)
    client = login("admin")
    url = reverse("schooladmin:import_preview", args=[run.pk])
    client.get(url)

    with django_assert_num_queries(3):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("students", [3, 80])
def test_import_start_page_queries_do_not_grow(world, login, students, django_assert_num_queries):
    for _ in range(students // 10 + 1):
        import_file(world.school, _lines(3), apply=False)
    client = login("admin")
    url = reverse("schooladmin:import_start")

    with django_assert_num_queries(3):
        response = client.get(url)

    assert response.status_code == 200
