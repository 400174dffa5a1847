import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django_scopes import scopes_disabled

from koers.access.tenancy import school_scope
from koers.schooladmin.importing import runs
from koers.schooladmin.importing.decode import decode
from koers.schooladmin.importing.plan import make_plan
from koers.schooladmin.importing.presets import MAGISTER_STUDENTS, mapping_for
from koers.schools.models import (
    Group,
    Guardianship,
    ImportRun,
    Membership,
    Mentorship,
    Role,
    RoleKind,
    Student,
    User,
)
from tests import factories as f
from tests.schooladmin.import_support import admin_role, import_file, read

HEADER = "Stamnr;Roepnaam;Achternaam;Klas;Mentor\n"


def csv(*lines: str, header: str = HEADER) -> bytes:
    return (header + "\n".join(lines) + "\n").encode()


def test_import_new_student_gets_user_without_password_role_group_and_membership(world):
    import_file(world.school, csv("300001;Ilse;Vos;2K1;"))

    with scopes_disabled():
        student = Student.objects.select_related("user").get(number="300001")
        assert student.user.username == "het-baken-300001"
        assert not student.user.has_usable_password()
        assert Role.objects.filter(user=student.user, school=world.school, kind=RoleKind.STUDENT).exists()
        membership = Membership.objects.get(student=student)
        assert (membership.group.name, membership.group.year_level, membership.group.track) == (
            "2K1",
            2,
            "vmbo_k",
        )


def test_import_existing_group_matched_by_name_in_current_year(world):
    import_file(world.school, csv("300001;Ilse;Vos;3k1;"))

    with scopes_disabled():
        assert Group.objects.filter(school=world.school).count() == 1
        assert Membership.objects.get(student__number="300001").group == world.group


def test_import_same_file_twice_previews_no_changes(world):
    data = csv("300001;Ilse;Vos;2K1;", "300002;Bram;Kok;2K1;")
    import_file(world.school, data)

    again = import_file(world.school, data, apply=False)

    assert again.summary["empty"] is True
    assert again.summary["unchanged"] == 2


def test_import_changed_name_is_listed_and_applied(world):
    import_file(world.school, csv("300001;Ilse;Vos;2K1;"))

    run = import_file(world.school, csv("300001;Ilse;de Vos;2K1;"))

    assert run.summary["lists"]["students_changed"] == ["Ilse Vos (300001): achternaam: Vos → de Vos"]
    with scopes_disabled():
        assert Student.objects.get(number="300001").user.last_name == "de Vos"


def test_import_not_full_export_ends_nobody(world):
    import_file(world.school, csv("300001;Ilse;Vos;2K1;", "300002;Bram;Kok;2K1;"))

    run = import_file(world.school, csv("300001;Ilse;Vos;2K1;"), preset="guardians")

    assert run.summary["lists"]["students_left"] == []
    with scopes_disabled():
        assert Student.objects.get(number="300002").left_on is None


def test_import_students_without_number_are_never_ended(world):
    import_file(world.school, csv("300001;Ilse;Vos;2K1;"))

    with scopes_disabled():
        assert Student.objects.get(pk=world.student.pk).left_on is None
        assert Membership.objects.current().filter(student=world.student).exists()


def test_import_unknown_group_level_is_a_problem_line(world):
    run = import_file(world.school, csv("300001;Ilse;Vos;Zonnebloem;"), apply=False)

    assert run.summary["problems"][0]["line"] == 2
    assert "Zonnebloem" in run.summary["problems"][0]["reason"]
    assert run.summary["empty"] is True


def test_import_mentor_by_staff_code_gets_mentor_role_and_mentorship(world):
    with scopes_disabled():
        teacher = f.RoleFactory(school=world.school, kind=RoleKind.TEACHER, staff_code="BAK").user

    import_file(world.school, csv("300001;Ilse;Vos;2K1;bak"))

    with scopes_disabled():
        assert Mentorship.objects.filter(mentor=teacher, group__name="2K1").exists()
        assert Role.objects.filter(user=teacher, kind=RoleKind.MENTOR, school=world.school).exists()


def test_import_new_mentor_by_email_is_created(world):
    run = import_file(world.school, csv("300001;Ilse;Vos;2K1;p.smit@school.example"))

    assert run.summary["lists"]["mentors_new"] == ["p.smit@school.example"]
    with scopes_disabled():
        mentor = User.objects.get(email="p.smit@school.example")
        assert Mentorship.objects.filter(mentor=mentor, group__name="2K1").exists()


def test_import_other_mentor_in_file_replaces_group_mentor(world):
    import_file(world.school, csv("300001;Ilse;Vos;3K1;p.smit@school.example"))

    with scopes_disabled():
        assert list(Mentorship.objects.filter(group=world.group).values_list("mentor__email", flat=True)) == [
            "p.smit@school.example"
        ]


def test_import_somtoday_guardians_with_and_without_authority(world):
    with scopes_disabled():
        # The same person: Koers links by e-mail only when the name in the file fits (issue 18).
        existing = f.UserFactory(email="Fam.VanBuren@example.org", first_name="Ellen", last_name="van Buren")

    run = import_file(world.school, read("somtoday_cp1252.csv"), preset="somtoday")

    assert run.summary["counts"]["guardians_new"] == 2
    with scopes_disabled():
        pairs = set(Guardianship.objects.values_list("guardian__email", "student__number", "has_authority"))
        assert ("ouder.peeters@example.org", "200001", True) in pairs
        assert ("vader.peeters@example.org", "200001", False) in pairs
        assert Guardianship.objects.filter(guardian=existing, student__number="200002").exists()
        assert User.objects.get(email="vader.peeters@example.org").first_name == "Rob"


def test_import_guardian_authority_change_is_applied(world):
    import_file(world.school, read("somtoday_cp1252.csv"), preset="somtoday")
    changed = read("somtoday_cp1252.csv").replace(b"Rob Peeters,nee", b"Rob Peeters,ja")

    run = import_file(world.school, changed, preset="somtoday")

    assert run.summary["counts"]["guardianships_changed"] == 1
    with scopes_disabled():
        assert Guardianship.objects.get(guardian__email="vader.peeters@example.org").has_authority is True


def test_apply_refuses_when_school_changed_since_preview(world):
    run = import_file(world.school, csv("300001;Ilse;Vos;2K1;"), apply=False)
    with scopes_disabled():
        f.GroupFactory(school=world.school, school_year=world.group.school_year, name="2K1", year_level=2)

    with school_scope(world.school), pytest.raises(runs.PreviewOutdated):
        runs.apply_import(run=run, by=admin_role(world.school))

    with scopes_disabled():
        run.refresh_from_db()
        assert run.applied_at is None
        assert not Student.objects.filter(number="300001").exists()
        assert run.summary["counts"]["groups_new"] == 0


def test_apply_clears_content_and_refuses_a_second_time(world):
    run = import_file(world.school, csv("300001;Ilse;Vos;2K1;"))

    with scopes_disabled():
        run.refresh_from_db()
    assert run.content == ""
    with school_scope(world.school), pytest.raises(ValidationError):
        runs.apply_import(run=run, by=admin_role(world.school))


def test_start_import_refuses_counsellor(world):
    with scopes_disabled():
        counsellor = Role.objects.get(user=world.users["counsellor"])

    with school_scope(world.school), pytest.raises(PermissionDenied):
        runs.start_import(by=counsellor, filename="x.csv", data=csv("1;a;b;3K1;"), preset="magister")


def test_student_number_is_unique_per_school(world):
    with scopes_disabled():
        f.StudentFactory(school=world.school, number="42")
        f.StudentFactory(school=world.other_school, number="42")

        with pytest.raises(IntegrityError), transaction.atomic():
            f.StudentFactory(school=world.school, number="42")


@pytest.mark.parametrize("students", [5, 60])
def test_plan_queries_do_not_grow_with_the_file(world, students, django_assert_num_queries):
    with scopes_disabled():
        f.RoleFactory(school=world.school, kind=RoleKind.TEACHER, staff_code="BAK")
    header = "Stamnr;Roepnaam;Achternaam;Klas;Mentor;E-mail ouder\n"
    half = [f"{400000 + n};Kim;Lid{n};{2 + n % 3}K1;BAK;ouder{n}@example.org" for n in range(students)]
    import_file(world.school, csv(*half, header=header))
    lines = [
        f"{400000 + n};Kim;Lid{n};{2 + (n + 1) % 3}K1;BAK;ouder{n}@example.org" for n in range(2 * students)
    ]
    table = decode(csv(*lines, header=header))
    mapping = mapping_for(MAGISTER_STUDENTS, table.columns)

    with school_scope(world.school), django_assert_num_queries(10):
        plan = make_plan(school=world.school, table=table, mapping=mapping)

    assert len(plan.placements) == 2 * students


def test_failed_import_run_keeps_nothing(world):
    with school_scope(world.school), pytest.raises(ValidationError):
        runs.start_import(by=admin_role(world.school), filename="x.csv", data=b"", preset="magister")

    with scopes_disabled():
        assert not ImportRun.objects.exists()
