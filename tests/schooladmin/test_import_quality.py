"""The quality bar of the import: a hand-made Magister-style export with a BOM, semicolons, a duplicate line,
a missing group and a student who changed group gives a clear preview, and applying it twice gives the same
database."""

import datetime as dt

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.schools.models import Membership, RoleKind, Student
from tests import factories as f
from tests.schooladmin.import_support import import_file, read, snapshot


@pytest.fixture
def school_after_week1(world):
    with scopes_disabled():
        for code in ("JAN", "PIE"):
            f.RoleFactory(
                school=world.school, kind=RoleKind.TEACHER, staff_code=code, user__username=code.lower()
            )
    import_file(world.school, read("magister_week1.csv"))
    with scopes_disabled():
        # Week 1 was imported a week ago (an import on the same day replaces a membership instead).
        Membership.objects.filter(school=world.school, student__number__startswith="1000").update(
            starts_on=timezone.localdate() - dt.timedelta(days=7)
        )
    return world.school


def test_magister_export_preview_lists_every_problem_line_with_its_reason(school_after_week1):
    run = import_file(school_after_week1, read("magister_week2.csv"), apply=False)

    problems: dict[int, str] = {}
    for problem in run.summary["problems"]:
        problems[problem["line"]] = problems.get(problem["line"], "") + problem["reason"]
    assert sorted(problems) == [5, 6, 7]
    assert "Dubbele regel" in problems[5] and "regel 4" in problems[5]
    assert "groep ontbreekt" in problems[6]
    assert "geboortedatum '31-02-2010'" in problems[7]
    assert "Onbekende mentor 'XYZ'" in problems[7]


def test_magister_export_preview_counts_moves_leavers_and_new(school_after_week1):
    run = import_file(school_after_week1, read("magister_week2.csv"), apply=False)

    lists = run.summary["lists"]
    assert lists["students_moved"] == ["Daan de Vries (100002): 3K1 → 3K2"]
    assert lists["students_left"] == ["Lotte Jansen (100005): 2B1"]
    assert lists["students_new"] == ["Zoë Özdemir (100006) → 4T1"]
    assert lists["groups_new"] == ["4T1 · vmbo theoretisch · leerjaar 4"]
    assert run.summary["unchanged"] == 2  # Samira stays; Noah's line is skipped, Fleur's first line counts


def test_magister_export_applied_twice_gives_the_same_database(school_after_week1):
    import_file(school_after_week1, read("magister_week2.csv"))
    once = snapshot(school_after_week1)

    again = import_file(school_after_week1, read("magister_week2.csv"), apply=False)

    assert again.summary["empty"] is True
    assert snapshot(school_after_week1) == once


def test_magister_export_moves_student_yesterday_and_today(school_after_week1):
    import_file(school_after_week1, read("magister_week2.csv"))

    today = timezone.localdate()
    with scopes_disabled():
        rows = sorted(
            Membership.objects.filter(student__number="100002").values_list(
                "group__name", "starts_on", "ends_on"
            ),
            key=lambda r: r[1],
        )
    assert rows[-2][0] == "3K1" and rows[-2][2] == today - dt.timedelta(days=1)
    assert rows[-1] == ("3K2", today, None)


def test_magister_export_student_missing_from_file_left_but_keeps_dossier(school_after_week1):
    with scopes_disabled():
        lotte = Student.objects.get(number="100005")
        f.ExperienceFactory(student=lotte)

    import_file(school_after_week1, read("magister_week2.csv"))

    with scopes_disabled():
        lotte.refresh_from_db()
        assert lotte.left_on == timezone.localdate()
        assert lotte.experiences.count() == 1
        assert not Membership.objects.current().filter(student=lotte).exists()


def test_magister_export_line_with_missing_group_leaves_student_as_is(school_after_week1):
    import_file(school_after_week1, read("magister_week2.csv"))

    with scopes_disabled():
        noah = Student.objects.get(number="100004")
        assert noah.left_on is None
        assert [m.group.name for m in Membership.objects.current().filter(student=noah)] == ["3K2"]
