"""The `koers` command line: parsing, and dispatch to Django's management commands."""

import subprocess
import sys

import pytest
from django.core.management.base import CommandError

from koers import cli
from koers.background import worker
from koers.demo.builder import build_demo
from koers.demo.options import DEFAULT_SEED, DEFAULT_STUDENTS


@pytest.fixture
def calls(monkeypatch):
    """The management commands the CLI calls, recorded instead of run (the development worker too)."""

    recorded: list[tuple[str, tuple, dict]] = []
    monkeypatch.setattr(cli, "call_command", lambda name, *a, **kw: recorded.append((name, a, kw)))
    monkeypatch.setattr(worker, "start_in_thread", lambda: recorded.append(("worker thread", (), {})))
    monkeypatch.setattr(worker, "run_worker", lambda **kw: recorded.append(("worker", (), kw)))
    return recorded


def test_cli_parser_demo_has_defaults():
    args = cli.build_parser().parse_args(["demo"])

    assert (args.students, args.seed, args.small, args.logins, args.force) == (
        DEFAULT_STUDENTS,
        DEFAULT_SEED,
        False,
        False,
        False,
    )


def test_cli_parser_demo_reads_students_and_seed():
    args = cli.build_parser().parse_args(["demo", "--students", "2000", "--seed", "9"])

    assert (args.students, args.seed) == (2000, 9)


def test_cli_parser_refuses_small_together_with_students(capsys):
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["demo", "--small", "--students", "50"])
    assert "--students" in capsys.readouterr().err


def test_cli_parser_refuses_too_few_students(capsys):
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args(["demo", "--students", "2"])
    assert "minstens" in capsys.readouterr().err


def test_cli_parser_serve_defaults_to_localhost_8000():
    args = cli.build_parser().parse_args(["serve"])

    assert (args.host, args.port) == ("127.0.0.1", 8000)


def test_cli_parser_needs_a_command(capsys):
    with pytest.raises(SystemExit):
        cli.build_parser().parse_args([])


def test_cli_demo_migrates_then_builds(calls):
    assert cli.main(["demo", "--small", "--seed", "4"]) == 0

    assert [name for name, _, _ in calls] == ["migrate", "demo"]
    assert calls[1][2] == {
        "students": DEFAULT_STUDENTS,
        "small": True,
        "seed": 4,
        "logins": False,
        "force": False,
    }


def test_cli_demo_logins_does_not_migrate(calls):
    cli.main(["demo", "--logins"])

    assert [name for name, _, _ in calls] == ["demo"]


def test_cli_serve_runs_development_server_without_autoreloader(db, calls):
    cli.main(["serve", "--port", "8123"])

    assert calls[-1] == ("runserver", ("127.0.0.1:8123",), {"use_reloader": False})


def test_cli_serve_runs_the_worker_in_a_thread_unless_told_not_to(db, calls):
    cli.main(["serve"])
    cli.main(["serve", "--no-worker"])

    assert [name for name, _a, _kw in calls].count("worker thread") == 1


def test_cli_worker_runs_tasks_and_schedules_or_one_batch_for_cron(db, calls):
    cli.main(["worker"])
    cli.main(["worker", "--batch", "--no-schedules"])

    assert [kw for name, _a, kw in calls if name == "worker"] == [
        {"batch": False, "schedules": True},
        {"batch": True, "schedules": False},
    ]


def test_cli_serve_without_demo_says_how_to_build_one(db, calls, capsys):
    cli.main(["serve"])

    assert "koers demo --small" in capsys.readouterr().out


def test_cli_serve_with_demo_prints_the_student_login(db, calls, capsys):
    build_demo(students=10, seed=1)

    cli.main(["serve"])

    assert "Log in op http://127.0.0.1:8000 als leerling / koers-demo" in capsys.readouterr().out


def test_cli_load_content_and_migrate_call_their_commands(calls):
    cli.main(["load-content"])
    cli.main(["migrate"])

    assert [name for name, _, _ in calls] == ["load_content", "migrate"]


def test_cli_manage_passes_everything_to_django(monkeypatch):
    seen = []
    monkeypatch.setattr(cli, "execute_from_command_line", seen.append)

    cli.main(["manage", "check", "--deploy", "--help"])

    assert seen == [["koers manage", "check", "--deploy", "--help"]]


def test_cli_command_error_is_printed_with_exit_code_1(monkeypatch, capsys):
    def fail(*args, **kwargs):
        raise CommandError("Er is nog geen demo.")

    monkeypatch.setattr(cli, "call_command", fail)

    assert cli.main(["demo", "--logins"]) == 1
    assert "koers: Er is nog geen demo." in capsys.readouterr().err


def test_python_m_koers_lists_the_commands():
    result = subprocess.run(
        [sys.executable, "-m", "koers", "--help"], capture_output=True, text=True, timeout=60, check=False
    )

    assert result.returncode == 0
    for command in ("demo", "serve", "worker", "load-content", "migrate", "manage"):
        assert command in result.stdout
