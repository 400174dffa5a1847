"""Retention: students who left longer ago than the school's period are removed completely, with a report.

The clock is frozen on 15 March 2027; the school keeps dossiers 24 months after a student leaves.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry
from koers.cli import main
from koers.dossier.models import Evidence, Experience
from koers.schools.models import Guardianship, Role, Student, User
from koers.transfer.domain.retention import run_retention
from koers.transfer.models import RemovalReport
from koers.transfer.queries import due_for_removal, months_before, removal_date
from tests import factories as f

TODAY = dt.date(2027, 3, 15)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(dt.datetime(2027, 3, 15, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def left_student(school, months_ago: int, **kwargs) -> Student:
    with scopes_disabled():
        student = f.StudentFactory(school=school, left_on=months_before(TODAY, months_ago), **kwargs)
        experience = f.ExperienceFactory(student=student)
        f.EvidenceFactory(experience=experience)
        f.ReflectionFactory(experience=experience)
        f.ActionFactory(student=student)
    return student


def exists(model, **lookup) -> bool:
    with scopes_disabled():
        return model.objects.filter(**lookup).exists()


def stored_paths(student: Student) -> list[Path]:
    with scopes_disabled():
        return [Path(e.file.path) for e in Evidence.objects.filter(student=student)]


@pytest.fixture
def run(world, django_capture_on_commit_callbacks):
    def _run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return run_retention(school=world.school, **kwargs)

    return _run


def test_months_before_keeps_the_last_day_of_a_shorter_month():
    assert months_before(dt.date(2027, 3, 31), 1) == dt.date(2027, 2, 28)
    assert months_before(dt.date(2027, 3, 15), 24) == dt.date(2025, 3, 15)


def test_retention_removes_student_who_left_25_months_ago_with_dossier_and_files(world, run):
    student = left_student(world.school, 25, number="L1001")
    files = stored_paths(student)
    assert files and all(p.exists() for p in files)

    run()

    assert not exists(Student, pk=student.pk)
    assert not exists(Experience, student_id=student.pk)
    assert not exists(User, pk=student.user_id)
    assert not any(p.exists() for p in files)


def test_retention_keeps_student_who_left_23_months_ago(world, run):
    student = left_student(world.school, 23)
    files = stored_paths(student)

    run()

    assert exists(Student, pk=student.pk)
    assert exists(Experience, student_id=student.pk)
    assert all(p.exists() for p in files)


def test_retention_keeps_student_the_school_keeps_longer(world, run):
    student = left_student(world.school, 30, keep_until=TODAY + dt.timedelta(days=1))

    run()

    assert exists(Student, pk=student.pk)


def test_retention_removes_student_whose_extension_has_passed(world, run):
    student = left_student(world.school, 30, keep_until=TODAY - dt.timedelta(days=1))

    run()

    assert not exists(Student, pk=student.pk)


def test_retention_keeps_students_still_at_school(world, run):
    run()

    assert exists(Student, pk=world.student.pk)
    assert exists(Student, pk=world.classmate.pk)


def test_retention_leaves_other_schools_students_alone(world, run):
    other = left_student(world.other_school, 40)

    run()

    assert exists(Student, pk=other.pk)
    assert exists(Experience, student_id=other.pk)


def test_retention_removes_audit_rows_about_the_student(world, run):
    student = left_student(world.school, 25)
    with scopes_disabled():
        f.AuditEntryFactory(student=student, actor=world.users["mentor"])

    run()

    assert not exists(AuditEntry, student_id=student.pk)
    assert exists(User, pk=world.users["mentor"].pk)


def test_retention_keeps_account_that_has_another_role(world, run):
    student = left_student(world.school, 25)
    with scopes_disabled():
        f.RoleFactory(school=world.other_school, user=student.user, kind="guardian")

    run()

    assert not exists(Student, pk=student.pk)
    assert exists(User, pk=student.user_id)
    assert not exists(Role, user_id=student.user_id, school=world.school)


def test_retention_removes_guardian_left_without_child(world, run):
    student = left_student(world.school, 25)
    with scopes_disabled():
        guardian = f.RoleFactory(school=world.school, kind="guardian").user
        f.GuardianshipFactory(student=student, guardian=guardian)

    run()

    assert not exists(User, pk=guardian.pk)


def test_retention_keeps_guardian_with_another_child_at_school(world, run):
    student = left_student(world.school, 25)
    guardian = world.users["guardian"]  # also guardian of world.student, who is still at school
    with scopes_disabled():
        f.GuardianshipFactory(student=student, guardian=guardian)

    run()

    assert exists(User, pk=guardian.pk)
    assert exists(Guardianship, guardian=guardian, student=world.student)


def test_retention_report_counts_rows_and_files_without_names(world, run):
    student = left_student(world.school, 25, number="L1001")
    name = student.user.get_full_name()

    result = run()

    report = result.report
    assert report.students_removed == 1
    assert report.details["counts"]["dossier.experience"] == 1
    assert report.details["counts"]["dossier.evidence"] == 1
    assert report.details["counts"]["schools.user"] == 1
    assert report.details["files"] == 1
    [line] = report.details["lines"]
    assert line["student_number"] == "L1001"
    assert line["left_on"] == months_before(TODAY, 25).isoformat()
    assert line["files"] == 1
    assert line["rows"] >= 5
    assert name not in str(report.details)


def test_retention_writes_a_report_even_when_nothing_is_due(world, run):
    run()

    assert exists(RemovalReport, school=world.school, students_removed=0)


def test_retention_dry_run_removes_nothing_and_writes_no_report(world, run):
    student = left_student(world.school, 25)

    result = run(dry_run=True)

    assert [r.left_on for r in result.removals] == [student.left_on]
    assert result.removals[0].files == 1
    assert exists(Student, pk=student.pk)
    assert not exists(RemovalReport, school=world.school)


def test_retention_leaves_student_whole_when_a_deletion_fails(world, run):
    failing = left_student(world.school, 26, number="L2002")
    removable = left_student(world.school, 25, number="L3003")
    # The account once acted as staff (its role is gone): the audit log protects the account from deletion.
    with scopes_disabled():
        f.AuditEntryFactory(student=world.classmate, actor=failing.user)
    files = stored_paths(failing)

    result = run()

    assert exists(Student, pk=failing.pk)
    assert exists(Experience, student_id=failing.pk)
    assert exists(Role, user_id=failing.user_id, kind="student")
    assert all(p.exists() for p in files)
    assert not exists(Student, pk=removable.pk)
    assert [line["student_number"] for line in result.report.details["failed"]] == ["L2002"]
    assert result.report.students_removed == 1


def test_removal_date_is_the_later_of_period_and_extension():
    student = Student(left_on=dt.date(2025, 1, 10), keep_until=dt.date(2028, 1, 1))

    assert removal_date(student, 24) == dt.date(2028, 1, 2)
    student.keep_until = None
    assert removal_date(student, 24) == dt.date(2027, 1, 11)


def test_due_for_removal_follows_the_schools_own_period(world, in_school):
    student = left_student(world.school, 13)
    world.school.retention_months = 12
    world.school.save()

    assert list(due_for_removal(world.school)) == [student]


def test_retention_command_dry_run_prints_what_would_go(world, capsys):
    left_student(world.school, 25, number="L4004")

    call_command("retention", "--dry-run", "--school", world.school.slug)

    out = capsys.readouterr().out
    assert "Zou verwijderen: 1 leerling(en)" in out
    assert "L4004" in out


def test_retention_command_refuses_unknown_school(world):
    with pytest.raises(CommandError):
        call_command("retention", "--school", "bestaat-niet")


def test_koers_cli_retention_dry_run(world, capsys):

    left_student(world.school, 25, number="L5005")

    assert main(["retention", "--dry-run"]) == 0
    assert "L5005" in capsys.readouterr().out
