"""Do the staff pages stay flat as a school grows, and as a deployment holds more schools?

    .venv/bin/python bench/growth.py                      # 500, 2,000 and 6,000 students
    .venv/bin/python bench/growth.py --sizes 500,2000 --requests 30
    .venv/bin/python bench/growth.py --region             # 20 schools of 1,000 next to one school of 1,000
    git archive main src | tar -x -C /tmp/before           # an older tree, to compare with (A/B)
    .venv/bin/python bench/growth.py --sizes 2000 --before /tmp/before/src

PostgreSQL only (the production database). Each school size gets its own database,
``koers_flat_<students>`` (``--prefix`` changes the name), created when missing and reused when the demo in
it already has that many students, so that only the first run pays for building. The region mode builds
``<prefix>_region<N>`` with the demo school of 1,000 students plus N-1 regional schools of 1,000 (their
people, guardians, staff and groups; with ``--region-dossiers`` also their dossiers, which takes ten times
longer to build) and compares it with the single school of 1,000.

Each database is measured in its own process (``--worker``), so Django's settings stay as in production.
Per page: median and p95 server time of ``--requests`` requests through Django's test client (DEBUG off),
the number of queries of one request, and the median's ratio to a bare request (``/healthz``, no queries,
no template) measured in the same process. It prints figures only; it never fails on a time.

``--before SRC`` measures every database a second time with the code in ``SRC`` (a ``src`` folder of another
commit), right after this tree, and prints the two side by side with the ratio: an A/B on the same data in one
run, which says more than two runs on a machine whose load changes. The database keeps this tree's schema
(an older tree ignores a column it does not know).
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

# label, demo login, URL name
PAGES = [
    ("leerlingen met gaten (decaan)", "decaan", "programme:gaps"),
    ("schooloverzicht (decaan)", "decaan", "home:counsellor"),
    ("LOB in cijfers (schoolleider)", "schoolleider", "home:leader"),
    ("klasoverzicht (mentor)", "mentor", "home:mentor"),
    ("dossier (leerling)", "leerling", "dossier:home"),
]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="500,2000,6000", help="school sizes (default 500,2000,6000)")
    parser.add_argument("--requests", type=int, default=40, help="timed requests per page (default 40)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--prefix", default="koers_flat", help="database name prefix (default koers_flat)")
    parser.add_argument("--region", action="store_true", help="compare 20 schools with one (1,000 each)")
    parser.add_argument("--schools", type=int, default=20, help="schools in the region mode (default 20)")
    parser.add_argument(
        "--region-dossiers",
        action="store_true",
        help="give the regional schools dossiers too (ten times slower to build; default: people and groups)",
    )
    parser.add_argument("--rebuild", action="store_true", help="build the demo again even if present")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--before", default="", help="also measure with the code in this src folder (A/B)")
    # internal: measure one database in this process
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--students", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--database", default="", help=argparse.SUPPRESS)
    parser.add_argument("--regional", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--people-only", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


# --- the worker: one database, in this process --------------------------------------------------------------


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]


def timed(client, url: str, requests: int, warmup: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    for _ in range(warmup):
        client.get(url)
    timings = []
    status = 200
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        status = response.status_code
    return statistics.median(timings), percentile(timings, 0.95), status


def worker(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(os.environ.get("KOERS_BENCH_SRC") or ROOT / "src"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "koers.settings"
    os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("KOERS_DB_CONN_MAX_AGE", "600")  # as in production: connections stay open
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
    from koers.schools.models import School, Student, User

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.SECURE_SSL_REDIRECT = False
    settings.DEBUG = False

    call_command("migrate", verbosity=0, interactive=False)
    built = 0.0
    with scopes_disabled():
        present = (
            Student.objects.filter(school__slug=SCHOOL_SLUG).count() if demo_exists() else -1,
            School.objects.count(),
        )
    if args.rebuild or present[0] != args.students or present[1] != 2 + args.regional:
        started = time.perf_counter()
        kwargs: dict[str, object] = {}
        if args.regional:
            kwargs = {"regional_schools": args.regional, "regional_dossiers": not args.people_only}
        build_demo(students=args.students, seed=args.seed, **kwargs)
        built = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    with scopes_disabled():
        users = User.objects.count()

    results = []
    bare = Client()
    bare_median, bare_p95, _ = timed(bare, "/healthz", args.requests, args.warmup)
    for label, username, url_name in PAGES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        url = reverse(url_name)
        queries = 0

        def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):  # survives the connection being closed after the request
            client.get(url)
        median, p95, status = timed(client, url, args.requests, args.warmup)
        results.append(
            {
                "page": label,
                "median": median,
                "p95": p95,
                "queries": queries,
                "status": status,
            }
        )
    print(
        json.dumps(
            {
                "students": args.students,
                "schools": School.objects.count(),
                "users": users,
                "built_s": built,
                "bare_median": bare_median,
                "bare_p95": bare_p95,
                "pages": results,
            }
        )
    )
    return 0


# --- the driver: one worker per database, one table ---------------------------------------------------------


def ensure_database(name: str) -> str:
    """The URL of database ``name`` on the bench server, created when missing."""
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            conn.execute(f'CREATE DATABASE "{name}"')
    return f"{SERVER}/{name}"


def run_worker(
    args: argparse.Namespace, *, students: int, database: str, regional: int = 0, src: str = ""
) -> dict:  # type: ignore[type-arg]
    command = [
        sys.executable,
        __file__,
        "--worker",
        f"--students={students}",
        f"--database={database}",
        f"--regional={regional}",
        f"--requests={args.requests}",
        f"--warmup={args.warmup}",
        f"--seed={args.seed}",
    ]
    if args.rebuild:
        command.append("--rebuild")
    if regional and not args.region_dossiers:
        command.append("--people-only")
    env = {**os.environ, "KOERS_BENCH_SRC": src} if src else None
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


def print_table(runs: list[tuple[str, dict]]) -> None:  # type: ignore[type-arg]
    names = [name for name, _ in runs]
    header = f"{'pagina':<31}" + "".join(f"{name:>26}" for name in names)
    print(header)
    print(f"{'':<31}" + "".join(f"{'med / p95 ms  q  x kaal':>26}" for _ in names))
    print("-" * len(header))
    for index, (label, _, _) in enumerate(PAGES):
        cells = []
        for _, run in runs:
            page = run["pages"][index]
            flag = "" if page["status"] == 200 else "!"
            cells.append(
                f"{page['median']:>7.1f} / {page['p95']:>6.1f} {page['queries']:>3d} "
                f"{page['median'] / run['bare_median']:>5.0f}x{flag}"
            )
        print(f"{label:<31}" + "".join(f"{c:>26}" for c in cells))
    print(
        f"{'kale view (/healthz)':<31}"
        + "".join(f"{run['bare_median']:>7.2f} / {run['bare_p95']:>6.2f}{'':>11}" for _, run in runs)
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        return worker(args)
    load = os.getloadavg()
    print(
        f"Koers groei-bench · Python {platform.python_version()} · {platform.machine()} · "
        f"load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} · {args.requests} verzoeken per pagina"
    )
    runs: list[tuple[str, dict]] = []  # type: ignore[type-arg]
    if args.region:
        single = run_worker(args, students=1000, database=ensure_database(f"{args.prefix}_1000"))
        region = run_worker(
            args,
            students=1000,
            database=ensure_database(f"{args.prefix}_region{args.schools}"),
            regional=args.schools - 1,
        )
        runs = [("1 school, 1000", single), (f"{region['schools'] - 1} scholen, 1000 elk", region)]
    else:
        for size in [int(s) for s in args.sizes.split(",") if s]:
            database = ensure_database(f"{args.prefix}_{size}")
            runs.append((f"{size} leerlingen", run_worker(args, students=size, database=database)))
            if args.before:
                runs.append(
                    (f"{size} voorheen", run_worker(args, students=size, database=database, src=args.before))
                )
    for name, run in runs:
        built = f", gebouwd in {run['built_s']:.0f} s" if run["built_s"] else ", hergebruikt"
        print(f"  {name}: {run['schools']} scholen, {run['users']} gebruikers{built}")
    print()
    print_table(runs)
    if args.before:
        print()
        print("na / voorheen (mediaan, zelfde database, zelfde run):")
        for (name, after), (_, before) in zip(runs[::2], runs[1::2], strict=True):
            for index, (label, _, _) in enumerate(PAGES):
                ratio = after["pages"][index]["median"] / before["pages"][index]["median"]
                print(f"  {name:<18} {label:<31} {ratio:5.2f}x")
        runs = runs[::2]
    if len(runs) > 1:
        print()
        first, last = runs[0][1], runs[-1][1]
        print(f"groei van '{runs[0][0]}' naar '{runs[-1][0]}' (mediaan):")
        for index, (label, _, _) in enumerate(PAGES):
            ratio = last["pages"][index]["median"] / first["pages"][index]["median"]
            print(f"  {label:<31} {100 * (ratio - 1):+5.0f}%")
    print()
    print("Alleen cijfers; de machine kan gedeeld zijn: vergelijk runs die samen gedraaid zijn.")
    if args.json:
        Path(args.json).write_text(json.dumps(runs, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
