"""Server time of the student's dossier page, this tree against another one in the same run (issue 19).

    .venv/bin/python bench/dossier.py                                 # this tree only
    git archive main src | tar -x -C /tmp/before                      # an older tree, to compare with
    .venv/bin/python bench/dossier.py --before /tmp/before/src        # A/B, alternating rounds
    .venv/bin/python bench/dossier.py --before /tmp/before/src --rounds 4 --requests 100

The dossier does not grow with the school (its queries read one student), so a small demo is enough: the
demo school of ``--students`` (default 120) in the PostgreSQL database ``koers_dossier_<students>`` on
``KOERS_BENCH_PG`` (default ``postgres://postgres@127.0.0.1:5432``), created when missing and reused when it
already holds the demo. The demo's ``leerling`` has a well-filled dossier.

Each tree is measured in processes of its own (``--worker``), with DEBUG off and the connection kept open as
in production, in ``--rounds`` alternating rounds (after, before, after, before ...) so that a change in the
machine's load hits both sides alike. Per page it prints the median CPU time of the Python process per request
(``time.process_time``: the view, the template and the database driver, not PostgreSQL's own work) and the
median wall time, the number of queries and the size of the page, and with ``--before`` the after/before ratio
of the CPU medians. Pages: the student's own dossier (``dossier:home`` as ``leerling``), and the same
student's dossier as their mentor and their guardian see it (``dossier:student``). Figures only; it never
fails on a time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = str(Path(__file__).resolve().parent)
# This folder holds http.py, which would hide the standard library's http package when the script runs.
sys.path[:] = [p for p in sys.path if str(Path(p or ".").resolve()) != HERE]

SERVER = os.environ.get("KOERS_BENCH_PG", "postgres://postgres@127.0.0.1:5432")

# label, demo login, whose dossier ("" = the login's own: dossier:home)
PAGES = [
    ("eigen dossier (leerling)", "leerling", ""),
    ("dossier als mentor", "mentor", "leerling"),
    ("dossier als ouder", "ouder", "leerling"),
]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--students", type=int, default=120, help="students at the demo school (default 120)")
    parser.add_argument("--requests", type=int, default=60, help="timed requests per page per round")
    parser.add_argument("--warmup", type=int, default=10, help="untimed requests per page first")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per tree (default 3)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rebuild", action="store_true", help="build the demo again even if present")
    parser.add_argument("--before", default="", help="also measure with the code in this src folder (A/B)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--database", default="", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


# --- the worker: one tree, in this process ---------------------------------------------------------------


def worker(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(os.environ.get("KOERS_BENCH_SRC") or ROOT / "src"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "koers.settings"
    os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("KOERS_DB_CONN_MAX_AGE", "600")
    os.environ.setdefault("KOERS_DATA_DIR", str(ROOT / "var" / "bench" / Path(args.database).name))

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django_scopes import scopes_disabled

    from koers.demo.builder import SCHOOL_SLUG, build_demo, demo_exists
    from koers.schools.models import Student, User

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.SECURE_SSL_REDIRECT = False
    settings.DEBUG = False

    call_command("migrate", verbosity=0, interactive=False)
    with scopes_disabled():
        present = Student.objects.filter(school__slug=SCHOOL_SLUG).count() if demo_exists() else -1
        if args.rebuild or present != args.students:
            build_demo(students=args.students, seed=args.seed)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        students = {s.user.username: s.pk for s in Student.objects.filter(user__username="leerling")}

    results = []
    for label, username, whose in PAGES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        url = reverse("dossier:student", args=[students[whose]]) if whose else reverse("dossier:home")
        queries = 0

        def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(url)
        size = len(response.content)
        for _ in range(args.warmup):
            client.get(url)
        cpu, wall = [], []
        for _ in range(args.requests):
            started_cpu, started_wall = time.process_time(), time.perf_counter()
            response = client.get(url)
            cpu.append((time.process_time() - started_cpu) * 1000)
            wall.append((time.perf_counter() - started_wall) * 1000)
        results.append(
            {
                "page": label,
                "cpu": statistics.median(cpu),
                "wall": statistics.median(wall),
                "queries": queries,
                "bytes": size,
                "status": response.status_code,
            }
        )
    print(json.dumps(results))
    return 0


# --- the driver -------------------------------------------------------------------------------------------


def ensure_database(name: str) -> str:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{SERVER}/{name}"


def run_worker(
    args: argparse.Namespace, database: str, src: str = "", *, rebuild: bool = False
) -> list[dict]:  # type: ignore[type-arg]
    command = [
        sys.executable,
        __file__,
        "--worker",
        f"--database={database}",
        f"--students={args.students}",
        f"--requests={args.requests}",
        f"--warmup={args.warmup}",
        f"--seed={args.seed}",
    ]
    if rebuild:
        command.append("--rebuild")
    env = {**os.environ, "KOERS_BENCH_SRC": src} if src else None
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        return worker(args)
    load = os.getloadavg()
    print(
        f"Koers dossier-bench · Python {platform.python_version()} · load {load[0]:.1f} {load[1]:.1f} "
        f"{load[2]:.1f} · {args.rounds} rondes van {args.requests} verzoeken per pagina"
    )
    database = ensure_database(f"koers_dossier_{args.students}")
    trees = [("nu", "")] + ([("voorheen", args.before)] if args.before else [])
    runs: dict[str, list[list[dict]]] = {name: [] for name, _ in trees}  # type: ignore[type-arg]
    for round_ in range(args.rounds):
        for name, src in trees:
            runs[name].append(run_worker(args, database, src, rebuild=args.rebuild and round_ == 0))
    print()
    print(f"{'pagina':<28}{'boom':>10}{'cpu ms':>9}{'wand ms':>9}{'queries':>9}{'bytes':>9}")
    for index, (label, _, _) in enumerate(PAGES):
        for name, _ in trees:
            pages = [run[index] for run in runs[name]]
            cpu = statistics.median(p["cpu"] for p in pages)
            wall = statistics.median(p["wall"] for p in pages)
            flag = "" if all(p["status"] == 200 for p in pages) else " !"
            print(
                f"{label:<28}{name:>10}{cpu:>9.2f}{wall:>9.2f}{pages[0]['queries']:>9d}{pages[0]['bytes']:>9d}{flag}"
            )
    if args.before:
        print()
        print("nu / voorheen (mediaan cpu per ronde, dan de mediaan van de rondes):")
        for index, (label, _, _) in enumerate(PAGES):
            ratios = [
                after[index]["cpu"] / before[index]["cpu"]
                for after, before in zip(runs["nu"], runs["voorheen"], strict=True)
            ]
            rounds = " ".join(f"{r:.2f}" for r in ratios)
            print(f"  {label:<28} {statistics.median(ratios):5.2f}x   (rondes: {rounds})")
    print()
    print("Alleen cijfers; de machine kan gedeeld zijn: vergelijk runs die samen gedraaid zijn.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
