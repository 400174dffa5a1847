"""Guardians in an import: authority the file does not state clearly is stored as unknown (never yes), and
guardians without an e-mail address are imported and listed (a letter with a code is their way in)."""

from __future__ import annotations

from django_scopes import scopes_disabled

from koers.schools.models import Guardianship, Role, RoleKind, User
from tests.schooladmin.import_support import import_file, snapshot

HEADER = "Stamnr;Roepnaam;Achternaam;Klas;E-mail ouder;Naam ouder;Gezag\n"


def csv(*lines: str, header: str = HEADER) -> bytes:
    return (header + "\n".join(lines) + "\n").encode()


def authority_of(number: str) -> bool | None:
    with scopes_disabled():
        return Guardianship.objects.get(student__number=number).has_authority


def test_import_unreadable_authority_is_stored_as_unknown_with_a_problem_line(world):
    run = import_file(world.school, csv("300001;Ilse;Vos;2K1;ouder.vos@example.org;Petra Vos;misschien"))

    assert authority_of("300001") is None
    assert [p["line"] for p in run.summary["problems"]] == [2]
    assert "misschien" in run.summary["problems"][0]["reason"]
    assert "onbekend" in run.summary["problems"][0]["reason"]
    assert run.summary["lists"]["guardianships_new"] == ["Petra Vos → Ilse Vos (300001) (gezag onbekend)"]


def test_import_empty_authority_cell_is_unknown_but_no_column_means_yes(world):
    import_file(world.school, csv("300001;Ilse;Vos;2K1;ouder.vos@example.org;Petra Vos;"))
    no_column = "Stamnr;Roepnaam;Achternaam;Klas;E-mail ouder;Naam ouder\n"
    import_file(world.school, csv("300002;Bram;Kok;2K1;ouder.kok@example.org;Kees Kok", header=no_column))

    assert authority_of("300001") is None
    assert authority_of("300002") is True


def test_import_unknown_authority_replaces_yes_and_a_later_yes_restores_it(world):
    import_file(world.school, csv("300001;Ilse;Vos;2K1;ouder.vos@example.org;Petra Vos;ja"))

    run = import_file(world.school, csv("300001;Ilse;Vos;2K1;ouder.vos@example.org;Petra Vos;?"))
    assert authority_of("300001") is None
    assert run.summary["lists"]["guardianships_changed"] == ["Petra Vos → Ilse Vos: (gezag onbekend)"]

    import_file(world.school, csv("300001;Ilse;Vos;2K1;ouder.vos@example.org;Petra Vos;ja"))
    assert authority_of("300001") is True


def test_import_guardian_without_email_is_created_linked_and_listed(world):
    run = import_file(world.school, csv("300001;Ilse;Vos;2K1;;Petra Vos;ja"))

    assert run.summary["problems"] == []
    assert run.summary["lists"]["guardians_without_email"] == ["Petra Vos → Ilse Vos (300001)"]
    with scopes_disabled():
        guardianship = Guardianship.objects.select_related("guardian").get(student__number="300001")
        guardian = guardianship.guardian
        assert (guardian.first_name, guardian.last_name, guardian.email) == ("Petra", "Vos", "")
        assert guardian.username == "het-baken-ouder-300001"
        assert not guardian.has_usable_password()
        assert guardianship.has_authority is True
        assert Role.objects.filter(user=guardian, kind=RoleKind.GUARDIAN, school=world.school).exists()


def test_import_guardian_without_email_is_recognised_by_name_the_next_week(world):
    data = csv("300001;Ilse;Vos;2K1;;Petra Vos;ja")
    import_file(world.school, data)
    once = snapshot(world.school)

    again = import_file(world.school, data, apply=False)

    assert again.summary["empty"] is True
    assert snapshot(world.school) == once


def test_import_two_guardians_without_email_of_one_student_are_two_people(world):
    header = "Leerlingnummer;Roepnaam;Achternaam;Stamgroep;Verzorger 1 naam;Verzorger 2 naam\n"
    run = import_file(
        world.school, csv("300001;Ilse;Vos;2K1;Petra Vos;Jan Vos", header=header), preset="somtoday"
    )

    assert run.summary["counts"]["guardians_without_email"] == 2
    with scopes_disabled():
        names = sorted(
            Guardianship.objects.filter(student__number="300001").values_list(
                "guardian__first_name", flat=True
            )
        )
        assert names == ["Jan", "Petra"]
        assert User.objects.filter(username__startswith="het-baken-ouder-300001").count() == 2


def test_import_second_guardian_line_of_a_skipped_new_student_is_skipped_too(world):
    """A new student's first line is skipped (no name), so the line with the other guardian is skipped too."""
    run = import_file(
        world.school,
        csv(
            "300009;;;2K1;ouder.a@example.org;Petra Vos;ja",
            "300009;;;2K1;ouder.b@example.org;Karel Vos;ja",
        ),
    )

    assert [p["line"] for p in run.summary["problems"]] == [2, 3]
    assert "regel 2" in run.summary["problems"][1]["reason"].lower()
    with scopes_disabled():
        assert not Guardianship.objects.filter(student__number="300009").exists()
        assert not User.objects.filter(email__in=["ouder.a@example.org", "ouder.b@example.org"]).exists()
