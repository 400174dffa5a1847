"""Issue 18: the import reports every doubtful cell instead of guessing, and reads odd shapes of exports."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import Workbook

from koers.access.tenancy import school_scope
from koers.background.models import Job
from koers.schooladmin.importing import runs
from koers.schooladmin.importing.decode import decode
from koers.schooladmin.importing.parse import parse_date
from koers.schools.models import Group, Mentorship, Student
from tests import factories as f
from tests.schooladmin.import_support import admin_role, import_file

HEADER = "Stamnr;Roepnaam;Achternaam;Klas;Mentor;Geb.datum\n"


def csv(*lines: str, header: str = HEADER) -> bytes:
    return (header + "\n".join(lines) + "\n").encode()


def problems_by_line(run) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for problem in run.summary["problems"]:
        found.setdefault(problem["line"], []).append(problem["reason"])
    return found


# --- reading files ------------------------------------------------------------------------------------


def test_decode_utf16_without_bom_little_and_big_endian():
    text = "Stamnr;Roepnaam\n300001;Zoë\n"

    for encoding in ("utf-16-le", "utf-16-be"):
        table = decode(text.encode(encoding))

        assert table.columns == ("Stamnr", "Roepnaam")
        assert table.lines[0].cells == ("300001", "Zoë")


def test_decode_csv_skips_title_rows_above_the_header():
    data = (
        "Leerlingenlijst Het Baken;;;\nAfgedrukt op 1-9-2026;;;\n;;;\n"
        "Stamnr;Roepnaam;Achternaam;Klas\n1;Ilse;Vos;2K1\n"
    )

    table = decode(data.encode())

    assert table.columns == ("Stamnr", "Roepnaam", "Achternaam", "Klas")
    assert table.lines[0].number == 5
    assert table.lines[0].cells == ("1", "Ilse", "Vos", "2K1")


def test_decode_xlsx_with_title_row_and_serial_dates():
    book = Workbook()
    sheet = book.active
    sheet.append(["Export leerlingen 2026-2027"])
    sheet.merge_cells("A1:C1")
    sheet.append(["Stamnr", "Roepnaam", "Geb.datum"])
    sheet.append([300001, "Ilse", 40613])  # a date column formatted as a number: Excel's day 40613
    buffer = io.BytesIO()
    book.save(buffer)

    table = decode(buffer.getvalue(), "export.xlsx")

    assert table.columns == ("Stamnr", "Roepnaam", "Geb.datum")
    assert table.lines[0].cells == ("300001", "Ilse", "40613")
    assert parse_date(table.lines[0].cells[2]) == dt.date(2011, 3, 11)


def test_parse_date_reads_excel_serial_numbers():
    assert parse_date("45000") == dt.date(2023, 3, 15)
    assert parse_date("40613.0") == dt.date(2011, 3, 11)
    assert parse_date("12-3-2011") == dt.date(2011, 3, 12)
    assert parse_date("123") is None


# --- problems per line ---------------------------------------------------------------------------------


def test_implausible_birth_dates_are_problems_and_not_stored(world):
    future = (timezone.localdate() + dt.timedelta(days=30)).strftime("%d-%m-%Y")
    run = import_file(world.school, csv("300001;Ilse;Vos;3K1;;01-01-1900", f"300002;Bram;Kok;3K1;;{future}"))

    problems = problems_by_line(run)
    assert "vóór 1990 of in de toekomst" in problems[2][0]
    assert "vóór 1990 of in de toekomst" in problems[3][0]
    with scopes_disabled():
        assert list(
            Student.objects.filter(number__in=["300001", "300002"]).values_list("date_of_birth", flat=True)
        ) == [
            None,
            None,
        ]


def test_over_long_name_is_a_problem_naming_field_and_limit_and_nothing_is_cut(world):
    run = import_file(world.school, csv("300001;" + "A" * 300 + ";Vos;3K1;;"))

    (reason,) = problems_by_line(run)[2]
    assert "roepnaam" in reason and "300" in reason and "150" in reason
    with scopes_disabled():
        assert not Student.objects.filter(number="300001").exists()


def test_every_problem_of_a_line_is_reported_not_only_the_first(world):
    run = import_file(world.school, csv("300001;;;;;31-02-2010"), apply=False)

    reasons = " ".join(problems_by_line(run)[2])
    assert "zonder naam" in reasons
    assert "geboortedatum '31-02-2010'" in reasons
    assert "groep ontbreekt" in reasons


def test_same_number_with_different_names_imports_neither_and_names_both_lines(world):
    run = import_file(
        world.school, csv("300001;Ilse;Vos;3K1;;", "300002;Bram;Kok;3K1;;", "300001;Iris;Vos;3K1;;")
    )

    problems = problems_by_line(run)
    assert sorted(problems) == [2, 4]
    assert "2, 4" in problems[2][0] and "2, 4" in problems[4][0]
    with scopes_disabled():
        assert not Student.objects.filter(number="300001").exists()
        assert Student.objects.filter(number="300002").exists()


def test_mistyped_group_code_is_a_problem_with_a_suggestion_and_creates_nothing(world):
    run = import_file(
        world.school, csv("300001;Ilse;Vos;3Kl;;", "300002;Bram;Kok;3K 1;;", "300003;Noa;Bos;3K2;;")
    )

    problems = problems_by_line(run)
    assert sorted(problems) == [2, 3]
    assert "'3Kl'" in problems[2][0] and "3K1?" in problems[2][0]
    with scopes_disabled():
        names = set(Group.objects.filter(school=world.school).values_list("name", flat=True))
        assert names == {"3K1", "3K2"}  # a parallel class is new, a typo is not
        assert not Student.objects.filter(number__in=["300001", "300002"]).exists()


def test_mistyped_group_is_created_when_the_admin_says_such_groups_are_new(world):

    role = admin_role(world.school)
    with school_scope(world.school):
        run = runs.start_import(
            by=role, filename="x.csv", data=csv("300001;Ilse;Vos;3K11;;"), preset="magister"
        )
        mapping = {**run.mapping, "create_groups": True}
        run = runs.map_columns(run=run, by=role, mapping=mapping)
        assert run.summary["problems"] == []
        assert run.summary["lists"]["groups_new"][0].startswith("3K11")


def test_guardian_matched_by_email_with_another_name_is_a_problem_and_not_linked(world):

    with scopes_disabled():
        f.UserFactory(username="pvos", email="p.vos@example.nl", first_name="Peter", last_name="Vos")
        f.UserFactory(username="mkok", email="m.kok@example.nl", first_name="Marja", last_name="Kok")
        world.student.number = "200001"
        world.student.save(update_fields=["number"])
    data = csv(
        "200001;p.vos@example.nl;Jansen, Anna",
        "200001;m.kok@example.nl;Kok, Marja",
        header="Leerlingnummer;E-mail;Naam\n",
    )

    run = import_file(world.school, data, preset="guardians", apply=False)

    problems = problems_by_line(run)
    assert sorted(problems) == [2]
    assert "p.vos@example.nl" in problems[2][0] and "Jansen, Anna" in problems[2][0]
    assert run.summary["lists"]["guardianships_new"] == [
        "Marja Kok → " + run.summary["lists"]["guardianships_new"][0].split(" → ")[1]
    ]


# --- safety thresholds ---------------------------------------------------------------------------------


def _school_of_twenty(world) -> None:

    with scopes_disabled():
        for n in range(20):
            f.StudentFactory(school=world.school, number=f"4000{n:02d}")


def test_full_export_that_unregisters_many_needs_the_exact_number_typed(world):

    _school_of_twenty(world)
    # A file whose number column holds something else: nobody in it is known, everybody seems to leave.
    run = import_file(world.school, csv("999001;Ilse;Vos;3K1;;"), apply=False)

    assert run.summary["confirm"] == 20
    role = admin_role(world.school)
    with school_scope(world.school):
        for wrong in (None, 19):
            with pytest.raises(ValidationError):
                runs.apply_import(run=run, by=role, confirmed=wrong)
        with scopes_disabled():
            assert Student.objects.filter(school=world.school, left_on__isnull=True).count() >= 20
        runs.apply_import(run=run, by=role, confirmed=20)
    with scopes_disabled():
        assert not Student.objects.filter(number__startswith="4000", left_on__isnull=True).exists()


def test_few_leavers_need_no_confirmation(world):
    _school_of_twenty(world)
    lines = [f"4000{n:02d};Leerling;Nummer{n};3K1;;" for n in range(17)]

    run = import_file(world.school, csv(*lines))

    assert run.summary["confirm"] == 0
    assert run.applied_at is not None
    with scopes_disabled():
        assert Student.objects.filter(number__startswith="4000", left_on__isnull=False).count() == 3


def test_apply_page_without_the_number_shows_the_reason_next_to_the_field_and_starts_nothing(login, world):

    _school_of_twenty(world)
    run = import_file(world.school, csv("999001;Ilse;Vos;3K1;;"), apply=False)
    client = login("admin")

    response = client.post(reverse("schooladmin:import_apply", args=[run.pk]), {"confirm": "7"})

    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_confirm-error"' in page and "Typ het getal 20" in page
    with scopes_disabled():
        assert not Job.objects.exists()

    response = client.post(reverse("schooladmin:import_apply", args=[run.pk]), {"confirm": "20"})

    assert response.status_code == 302
    with scopes_disabled():
        assert Job.objects.filter(kind="schools.import_apply").exists()


def test_partial_file_adds_a_named_mentor_and_never_removes_the_others(world):

    with scopes_disabled():
        before = set(Mentorship.objects.filter(group=world.group).values_list("mentor_id", flat=True))
    assert before  # the world's mentor of 3K1
    role = admin_role(world.school)
    with school_scope(world.school):
        run = runs.start_import(
            by=role,
            filename="x.csv",
            data=csv("300001;Ilse;Vos;3K1;p.smit@school.example;"),
            preset="magister",
        )
        run = runs.map_columns(run=run, by=role, mapping={**run.mapping, "full_export": False})
        assert run.summary["lists"]["mentorships_ended"] == []
        runs.apply_import(run=run, by=role)

    with scopes_disabled():
        after = set(Mentorship.objects.filter(group=world.group).values_list("mentor__email", flat=True))
        assert "p.smit@school.example" in after and len(after) == len(before) + 1
