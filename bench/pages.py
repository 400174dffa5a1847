"""Server time of the four busiest pages on a demo school of 2,000 students.

    .venv/bin/python bench/pages.py [--students 2000] [--requests 50] [--seed 2026] [--rebuild]

Builds the demo school with ``koers.demo.build_demo`` (or reuses it when it is already there with the same
number of students) in its own SQLite file, ``var/bench/bench-<students>.sqlite3``, or in the database of
``DATABASE_URL`` when that is set. Then it requests each page through Django's test client as a logged-in
user and prints the median and p95 server time, the number of SQL queries and the ratio of p95 to the
50 ms target. It prints figures only; it never fails on a time.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# This folder holds http.py, which would hide the standard library's http package (Django needs it).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 50.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--students", type=int, default=2000, help="students at the demo school (default 2000)"
    )
    parser.add_argument("--requests", type=int, default=50, help="timed requests per page (default 50)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first (default 5)")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the demo school (default 2026)")
    parser.add_argument("--rebuild", action="store_true", help="build the school again even if it exists")
    args = parser.parse_args(argv)
    if args.students < 10 or args.requests < 1 or args.warmup < 0:
        parser.error("--students must be at least 10 and --requests at least 1")
    return args


def configure(students: int) -> str:
    """Point Django at the bench database before it is set up; returns a description of that database."""
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
    bench_dir = ROOT / "var" / "bench"
    os.environ.setdefault("KOERS_DATA_DIR", str(bench_dir))  # uploads of the demo land here too
    if os.environ.get("DATABASE_URL"):
        return "DATABASE_URL"
    bench_dir.mkdir(parents=True, exist_ok=True)
    path = bench_dir / f"bench-{students}.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    return str(path.relative_to(ROOT))


@dataclass
class Page:
    label: str
    username: str
    url_name: str


PAGES = [
    Page("dossier (leerling)", "leerling", "dossier:home"),
    Page("LOB-lijn (leerling)", "leerling", "dossier:timeline"),
    Page("klasoverzicht (mentor)", "mentor", "home:mentor"),
    Page("schooloverzicht (decaan)", "decaan", "home:counsellor"),
]


@dataclass
class Result:
    page: Page
    median_ms: float
    p95_ms: float
    queries: int
    status: int


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``fraction`` of the values at or below it."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))  # ceil without importing math for one call
    return ordered[int(rank) - 1]


def ensure_school(*, students: int, seed: int, rebuild: bool) -> tuple[bool, float]:
    """Make sure the demo school has ``students`` students; returns (built now, seconds spent)."""
    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from koers.demo.builder import SCHOOL_SLUG, build_demo, demo_exists
    from koers.schools.models import Student

    call_command("migrate", verbosity=0, interactive=False)
    if not rebuild and demo_exists():
        with scopes_disabled():
            present = Student.objects.filter(school__slug=SCHOOL_SLUG).count()
        if present == students:
            return False, 0.0
    started = time.perf_counter()
    build_demo(students=students, seed=seed)
    return True, time.perf_counter() - started


def refresh_statistics() -> None:
    """Let PostgreSQL plan with statistics, as it does in production once autovacuum has seen the tables.

    Freshly bulk-loaded tables have none, and the planner then guesses that "school = 1" is selective.
    SQLite is left alone: Koers never runs ANALYZE there, so the bench measures what users get.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def measure(page: Page, *, requests: int, warmup: int) -> Result:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from koers.schools.models import User

    client = Client()
    client.force_login(User.objects.get(username=page.username))
    url = reverse(page.url_name)
    for _ in range(warmup):
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    queries = len(captured.captured_queries)  # now: the next request resets the connection's query log
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return Result(
        page=page,
        median_ms=statistics.median(timings),
        p95_ms=percentile(timings, 0.95),
        queries=queries,
        status=response.status_code,
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    where = configure(args.students)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    # The test client asks for "testserver" over plain HTTP; production settings would refuse or redirect it.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.SECURE_SSL_REDIRECT = False
    # Measure as in production: no per-query logging (the query count is captured on a separate request).
    settings.DEBUG = False

    built, seconds = ensure_school(students=args.students, seed=args.seed, rebuild=args.rebuild)
    refresh_statistics()
    print(f"Koers bench: {args.students} leerlingen, {args.requests} verzoeken per pagina")
    print(f"database: {connection.vendor} ({where})")
    state = f"nu gebouwd in {seconds:.1f} s" if built else "hergebruikt"
    print(f"school: {state} (seed {args.seed})")
    print(f"Python {platform.python_version()} · Django {django.get_version()} · {platform.machine()}")
    print()

    results = [measure(p, requests=args.requests, warmup=args.warmup) for p in PAGES]

    header = f"{'pagina':<26} {'mediaan ms':>11} {'p95 ms':>9} {'queries':>8} {'p95 / 50 ms':>12}"
    print(header)
    print("-" * len(header))
    for r in results:
        note = "" if r.status == 200 else f"  (status {r.status}!)"
        print(
            f"{r.page.label:<26} {r.median_ms:>11.1f} {r.p95_ms:>9.1f} {r.queries:>8d} "
            f"{r.p95_ms / TARGET_MS:>11.2f}x{note}"
        )
    print()
    print(f"Doel: p95 onder {TARGET_MS:.0f} ms per pagina (verhouding onder 1,00). Alleen cijfers.")
    return 0 if all(r.status == 200 for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
