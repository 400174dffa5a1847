"""The `koers` command (also `python -m koers`): the jobs people run, each a thin layer over a Django command.

koers demo [--students N | --small] [--seed S] [--logins] [--force]
koers serve [--host 127.0.0.1] [--port 8000] [--no-worker]
koers web [--host 0.0.0.0] [--port 8000] [--workers N] [--threads T] [--no-collectstatic]
koers worker [--batch] [--no-schedules]
koers backup [--output FILE]
koers restore FILE
koers load-content
koers migrate
koers retention [--dry-run] [--school SLUG]
koers import FILE --school SLUG [--preset magister] [--apply]
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
    web = commands.add_parser(
        "web",
        help="Koers in productie draaien (gunicorn, DEBUG uit); zie docs/deploy.md",
        description="Start Koers onder gunicorn met statische bestanden via whitenoise. Vraagt "
        "KOERS_SECRET_KEY, KOERS_PUBLIC_URL en KOERS_ALLOWED_HOSTS; draai eerst koers migrate.",
    )
    web.add_argument("--host", default="0.0.0.0", help="adres om op te luisteren (standaard 0.0.0.0)")
    web.add_argument("--port", type=int, default=8000, help="poort (standaard 8000)")
    web.add_argument(
        "--workers",
        type=int,
        default=default_web_workers(),
        help="aantal processen (standaard 1 per processorkern)",
    )
    web.add_argument("--threads", type=int, default=4, help="threads per proces (standaard 4)")
    web.add_argument(
        "--no-collectstatic",
        action="store_true",
        help="de statische bestanden niet eerst verzamelen (in een image gebeurt dat al bij het bouwen)",
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
    backup = commands.add_parser(
        "backup", help="een reservekopie maken: de database en alle geüploade bestanden in één archief"
    )
    backup.add_argument("--output", help="archiefbestand (standaard koers-backup-<datum>-<tijd>.tar.gz)")
    restore = commands.add_parser(
        "restore", help="een reservekopie terugzetten in een lege installatie (lege database, geen bestanden)"
    )
    restore.add_argument("archive", help="het archief van koers backup")
    commands.add_parser(
        "load-content",
        help="de inhoud laden (kwaliteiten, motieven, reflectievragen, beroepen en opleidingen)",
    )
    commands.add_parser("migrate", help="de database bijwerken")
    importing = commands.add_parser(
        "import",
        help="een export van de leerlingadministratie controleren en (met --apply) toepassen",
        description="Toont dezelfde controle als het scherm; past alleen toe met --apply en als geen "
        "veiligheidsdrempel wordt overschreden. Eindigt anders met een foutcode en de reden.",
    )
    importing.add_argument("file", help="het exportbestand (CSV of .xlsx)")
    importing.add_argument("--school", required=True, help="de korte naam van de school")
    importing.add_argument("--preset", default="magister", help="magister, somtoday, guardians of manual")
    importing.add_argument(
        "--apply", action="store_true", help="toepassen als geen drempel wordt overschreden"
    )
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


def refuse_public_development_server(host: str) -> None:
    """The development server with DEBUG and the published key may listen on this machine only, unless
    development was asked for explicitly (KOERS_DEBUG=1); production runs behind a WSGI server."""
    from django.conf import settings

    if (
        settings.DEBUG
        and not settings.DEBUG_ASKED
        and host.strip("[]") not in {"127.0.0.1", "localhost", "::1"}
    ):
        raise CommandError(
            f"koers serve --host {host} zou de ontwikkelinstellingen (DEBUG, een openbare sleutel) op het "
            "netwerk zetten. Zet KOERS_SECRET_KEY voor productie, of KOERS_DEBUG=1 als je dit echt wilt."
        )


def run_serve(args: argparse.Namespace) -> None:
    refuse_public_development_server(args.host)
    migrate()
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(serve_hint(f"http://{host}:{args.port}"), flush=True)
    if not args.no_worker:
        from koers.background.worker import start_in_thread

        start_in_thread()
    call_command("runserver", f"{host}:{args.port}", use_reloader=False)


def default_web_workers() -> int:
    # One process per core with four threads each: measured with bench/http.py (docs/deploy.md, "Figures"),
    # twice the throughput of 2n+1 single-threaded processes: a page waits on PostgreSQL part of the time.
    return os.cpu_count() or 1


def run_web(args: argparse.Namespace) -> None:
    from django.conf import settings
    from django.db import connection, connections
    from django.db.migrations.executor import MigrationExecutor

    if settings.DEBUG:
        raise CommandError(
            "koers web is de productieserver: zet KOERS_SECRET_KEY, KOERS_PUBLIC_URL en KOERS_ALLOWED_HOSTS "
            "(en niet KOERS_DEBUG=1). Voor ontwikkelen: koers serve."
        )
    if not settings.ALLOWED_HOSTS:
        raise CommandError("Zet KOERS_ALLOWED_HOSTS op de hostnaam van Koers, bijvoorbeeld koers.school.nl.")
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise CommandError("De database is niet bijgewerkt: draai eerst koers migrate.")
    if not args.no_collectstatic:
        call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()  # no connection may be shared by the processes forked below
    from koers.common.webserver import serve

    host = f"[{args.host}]" if ":" in args.host else args.host
    print(f"Koers draait op {host}:{args.port} voor {settings.KOERS_PUBLIC_URL}", flush=True)
    serve(bind=f"{host}:{args.port}", workers=args.workers, threads=args.threads)


def run_backup(args: argparse.Namespace) -> None:
    from django.utils import timezone

    from koers.common.backup import BackupError, write_backup

    target = Path(args.output or f"koers-backup-{timezone.localtime():%Y%m%d-%H%M}.tar.gz").resolve()
    try:
        report = write_backup(target)
    except BackupError as error:
        raise CommandError(str(error)) from error
    size = f"{report.size / 1e6:.1f} MB"
    print(f"Reservekopie: {target} ({size}; database {report.engine}, {report.files} bestanden)")


def run_restore(args: argparse.Namespace) -> None:
    from koers.common.backup import BackupError, read_backup

    try:
        report = read_backup(Path(args.archive))
    except BackupError as error:
        raise CommandError(str(error)) from error
    migrate()  # a backup of an older version is brought up to this one
    print(f"Teruggezet: database ({report.engine}) en {report.files} bestanden. Start Koers opnieuw.")


def run_load_content(args: argparse.Namespace) -> None:
    call_command("load_content")


def run_migrate(args: argparse.Namespace) -> None:
    call_command("migrate", interactive=False)


def run_retention(args: argparse.Namespace) -> None:
    options: dict[str, object] = {"dry_run": args.dry_run}
    if args.school:
        options["school"] = args.school
    call_command("retention", **options)


def run_import(args: argparse.Namespace) -> None:
    call_command("import_file", args.file, school=args.school, preset=args.preset, apply=args.apply)


def run_worker(args: argparse.Namespace) -> None:
    from koers.background.worker import run_worker as work

    work(batch=args.batch, schedules=not args.no_schedules)


def run_manage(args: argparse.Namespace) -> None:
    execute_from_command_line(["koers manage", *args.arguments])


COMMANDS: dict[str, Callable[[argparse.Namespace], None]] = {
    "demo": run_demo,
    "serve": run_serve,
    "web": run_web,
    "backup": run_backup,
    "restore": run_restore,
    "load-content": run_load_content,
    "migrate": run_migrate,
    "retention": run_retention,
    "import": run_import,
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
