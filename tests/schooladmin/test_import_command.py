"""``koers import FILE --school X [--preset magister] [--apply]``: the same preview as the screen, applied
only when asked and when no threshold is crossed, a non-zero exit with the reason otherwise, recorded."""

from __future__ import annotations

from pathlib import Path

from django.urls import reverse
from django_scopes import scopes_disabled

from koers.cli import main
from koers.schools.models import ImportRun, ImportVia, Student

RUN_LIST_QUERIES = 3  # session, user+roles, the runs with who ran them
HEADER = "Stamnr;Roepnaam;Achternaam;Klas;Extra\n"


def export(tmp_path: Path, numbers: range, name: str = "export.csv") -> Path:
    path = tmp_path / name
    lines = [f"{n};Naam{n};Achter{n};2K1;x" for n in numbers]
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_command_without_apply_previews_and_records_the_run(world, tmp_path, capsys):
    code = main(["import", str(export(tmp_path, range(300001, 300004))), "--school", "het-baken"])

    out = capsys.readouterr().out
    assert code == 0
    assert "students_new: 3" in out and "Alleen gecontroleerd" in out
    assert "niet gebruikte kolommen: Extra" in out
    with scopes_disabled():
        run = ImportRun.objects.get()
        assert (run.via, run.applied_at, run.by) == (ImportVia.COMMAND, None, None)
        assert not Student.objects.filter(number="300001").exists()


def test_command_with_apply_applies_and_clears_the_file(world, tmp_path, capsys):
    code = main(["import", str(export(tmp_path, range(300001, 300004))), "--school", "het-baken", "--apply"])

    assert code == 0
    assert "Toegepast." in capsys.readouterr().out
    with scopes_disabled():
        assert Student.objects.filter(number__startswith="30000").count() == 3
        run = ImportRun.objects.get()
        assert run.applied_at is not None and run.content == ""


def test_command_refuses_to_apply_past_a_threshold_and_exits_non_zero(world, tmp_path, capsys):
    main(["import", str(export(tmp_path, range(300001, 300041))), "--school", "het-baken", "--apply"])

    # Next week's file names only 10 of the 40: 30 would leave, far over the share allowed unattended.
    code = main(["import", str(export(tmp_path, range(300001, 300011))), "--school", "het-baken", "--apply"])

    captured = capsys.readouterr()
    assert code == 1
    assert "Niet toegepast" in captured.err and "30" in captured.err
    with scopes_disabled():
        assert Student.objects.filter(number__startswith="3000", left_on__isnull=True).count() == 40
        last = ImportRun.objects.order_by("-pk").first()
        assert last.refused and last.applied_at is None


def test_command_with_unknown_school_or_unreadable_file_exits_non_zero(world, tmp_path, capsys):
    assert main(["import", str(export(tmp_path, range(1, 2))), "--school", "nergens"]) == 1
    assert main(["import", str(tmp_path / "weg.csv"), "--school", "het-baken"]) == 1
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(b"")
    assert main(["import", str(empty), "--school", "het-baken", "--apply"]) == 1
    with scopes_disabled():
        assert ImportRun.objects.get().refused  # the unreadable file is recorded with its reason


def test_run_list_shows_every_run_with_the_last_runs_problems_first(
    world, tmp_path, login, django_assert_num_queries
):
    client = login("admin")
    main(["import", str(export(tmp_path, range(300001, 300003))), "--school", "het-baken", "--apply"])
    client.get(reverse("schooladmin:import_runs"))
    with django_assert_num_queries(RUN_LIST_QUERIES):
        client.get(reverse("schooladmin:import_runs"))
    bad = tmp_path / "fout.csv"
    bad.write_text(HEADER + "300001;Naam300001;Achter300001;2K1;x\n;Zonder;Nummer;2K1;x\n", encoding="utf-8")
    for _n in range(5):
        main(["import", str(bad), "--school", "het-baken"])

    with django_assert_num_queries(RUN_LIST_QUERIES):
        page = client.get(reverse("schooladmin:import_runs")).content.decode()

    assert page.count("fout.csv") == 6  # the heading and five rows
    assert "leerlingnummer ontbreekt" in page
    assert page.index("leerlingnummer ontbreekt") < page.index("export.csv")
