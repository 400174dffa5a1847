"""The `koers` command (also `python -m koers`): the jobs people run, each a thin layer over a Django command.

koers demo [--students N | --small] [--seed S] [--logins] [--force]
koers serve [--host 127.0.0.1] [--port 8000] [--no-worker]
koers worker [--batch] [--no-schedules]
koers load-content
koers migrate
koers retention [--dry-run] [--school SLUG]
koers manage <any Django management command and its options>
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from koers.demo.options import add_demo_arguments

SETTINGS_MODULE = "koers.settings"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="koers",
        description="Koers: loopbaanoriëntatie en -begeleiding (LOB) voor het voortgezet onderwijs.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="opdracht")
    demo = commands.add_parser(
        "demo",
        help="database bijwerken, inhoud laden en een demoschool bouwen; toont de inloggegevens",
        description="Bouw de demoscholen (een eerdere demo wordt vervangen) en toon de inloggegevens.",
    )
    add_demo_arguments(demo)
    serve = commands.add_parser("serve", help="database bijwerken en de ontwikkelserver starten")
    serve.add_argument("--host", default="127.0.0.1", help="adres om op te luisteren (standaard 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="poort (standaard 8000)")
    serve.add_argument(
        "--no-worker",
        action="store_true",
        help="geen achtergrondtaken in dit proces (draai koers worker apart)",
    )
    worker = commands.add_parser(
        "worker", help="achtergrondtaken uitvoeren (e-mail, pdf's, herinneringen) en de planning starten"
    )
    worker.add_argument(
        "--batch",
        action="store_true",
        help="starten wat gepland is, alles uitvoeren wat klaarstaat en stoppen",
    )
    worker.add_argument(
        "--no-schedules", action="store_true", help="alleen taken uitvoeren, geen geplande taken starten"
    )
    commands.add_parser(
        "load-content",
        help="de inhoud laden (kwaliteiten, motieven, reflectievragen, beroepen en opleidingen)",
    )
    commands.add_parser("migrate", help="de database bijwerken")
    retention = commands.add_parser(
        "retention", help="dossiers verwijderen van leerlingen van wie de bewaartermijn voorbij is"
    )
    retention.add_argument("--dry-run", action="store_true", help="alleen tonen wat verwijderd zou worden")
    retention.add_argument("--school", help="alleen deze school (korte naam)")
    manage = commands.add_parser(
        "manage", help="een Django-beheeropdracht uitvoeren, bijvoorbeeld: koers manage check"
    )
    manage.add_argument("arguments", nargs=argparse.REMAINDER, help="de opdracht en haar opties")
    return parser


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django
    from django.conf import settings

    django.setup()
    database = settings.DATABASES["default"]
    name = str(database["NAME"])
    if "sqlite" in database["ENGINE"] and name != ":memory:" and not name.startswith("file:"):
        Path(name).parent.mkdir(parents=True, exist_ok=True)  # a fresh checkout has no var/ yet


def migrate() -> None:
    call_command("migrate", interactive=False, verbosity=0)


def run_demo(args: argparse.Namespace) -> None:
    if not args.logins:
        print("Database bijwerken ...", flush=True)
        migrate()
        print("Demo bouwen ...", flush=True)
    call_command(
        "demo", students=args.students, small=args.small, seed=args.seed, logins=args.logins, force=args.force
    )


def serve_hint(url: str) -> str:
    from koers.demo.builder import DEMO_PASSWORD, demo_exists

    if not demo_exists():
        return f"Koers draait op {url}. Nog geen demo? Bouw er een met: koers demo --small"
    return f"Log in op {url} als leerling / {DEMO_PASSWORD} (alle demo-accounts: koers demo --logins)"


def run_serve(args: argparse.Namespace) -> None:
    migrate()
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(serve_hint(f"http://{host}:{args.port}"), flush=True)
    if not args.no_worker:
        from koers.background.worker import start_in_thread

        start_in_thread()
    call_command("runserver", f"{host}:{args.port}", use_reloader=False)


def run_load_content(args: argparse.Namespace) -> None:
    call_command("load_content")


def run_migrate(args: argparse.Namespace) -> None:
    call_command("migrate", interactive=False)


def run_retention(args: argparse.Namespace) -> None:
    options: dict[str, object] = {"dry_run": args.dry_run}
    if args.school:
        options["school"] = args.school
    call_command("retention", **options)


def run_worker(args: argparse.Namespace) -> None:
    from koers.background.worker import run_worker as work

    work(batch=args.batch, schedules=not args.no_schedules)


def run_manage(args: argparse.Namespace) -> None:
    execute_from_command_line(["koers manage", *args.arguments])


COMMANDS: dict[str, Callable[[argparse.Namespace], None]] = {
    "demo": run_demo,
    "serve": run_serve,
    "load-content": run_load_content,
    "migrate": run_migrate,
    "retention": run_retention,
    "worker": run_worker,
    "manage": run_manage,
}


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["manage"]:
        # Everything after `manage` belongs to Django, options included (argparse would claim `--help`).
        args = argparse.Namespace(command="manage", arguments=arguments[1:])
    else:
        args = build_parser().parse_args(arguments)
    setup_django()
    try:
        COMMANDS[args.command](args)
    except CommandError as error:
        print(f"koers: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0
