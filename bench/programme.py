"""Server time of the programme pages (coverage check, year planner, LOB-lijn) on a school of 60 groups,
300 planned activities and 2,000 students.

    .venv/bin/python bench/programme.py [--students 2000] [--groups 60] [--activities 300] [--requests 50]

Builds the demo school with ``koers.demo.build_demo`` (the same generator as ``koers demo``), with the group
size set so that the students fill ``--groups`` groups, in its own SQLite file
(``var/bench/programme-<students>-<groups>.sqlite3``, reused when it is already there) or in the database of
``DATABASE_URL``. The demo plans a realistic programme; the script then adds copies spread over the months
and groups until this year holds ``--activities`` activities. Each page is requested through Django's test
client as the fixed demo user; it prints the median and p95 server time and the number of SQL queries. The
LOB-lijn pages are measured when their URL names exist. Figures only; it never fails on a time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# This folder holds http.py, which would hide the standard library's http package (Django needs it).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 200.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--groups", type=int, default=60)
    parser.add_argument("--activities", type=int, default=300)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    if args.students < 10 or args.groups < 2 or args.requests < 1:
        parser.error("--students at least 10, --groups at least 2, --requests at least 1")
    return args


def configure(students: int, groups: int) -> str:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
    bench_dir = ROOT / "var" / "bench"
    os.environ.setdefault("KOERS_DATA_DIR", str(bench_dir))
    if os.environ.get("DATABASE_URL"):
        return "DATABASE_URL"
    bench_dir.mkdir(parents=True, exist_ok=True)
    path = bench_dir / f"programme-{students}-{groups}.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    return str(path.relative_to(ROOT))


def ensure_school(args: argparse.Namespace) -> bool:
    """The demo school with the wanted students and groups; returns whether it was built now."""
    from django.core.management import call_command
    from django_scopes import scopes_disabled

    from koers.demo import builder
    from koers.schools.models import Group, Student

    call_command("migrate", verbosity=0, interactive=False)
    if not args.rebuild and builder.demo_exists():
        with scopes_disabled():
            school = builder.SCHOOL_SLUG
            students = Student.objects.filter(school__slug=school).count()
            groups = Group.objects.filter(school__slug=school).count()
        if (students, groups) == (args.students, args.groups):
            return False
    # The demo makes one group per GROUP_SIZE students; a fractional size gives exactly the groups asked for.
    builder.GROUP_SIZE = args.students / args.groups  # type: ignore[assignment]
    builder.build_demo(students=args.students, seed=args.seed)
    return True


def top_up_activities(wanted: int, seed: int) -> int:
    """Add copies of the demo's activities (other months, one group each) until this year holds ``wanted``."""
    import random

    from django.utils import timezone
    from django_scopes import scopes_disabled

    from koers.demo.builder import SCHOOL_SLUG
    from koers.programme.models import Activity
    from koers.programme.queries.planning import months_of
    from koers.schools.models import Group, SchoolYear

    rng = random.Random(seed)
    with scopes_disabled():
        today = timezone.localdate()
        year = SchoolYear.objects.get(school__slug=SCHOOL_SLUG, starts_on__lte=today, ends_on__gte=today)
        present = list(Activity.objects.filter(school_year=year))
        missing = wanted - len(present)
        if missing <= 0 or not present:
            return len(present)
        groups: dict[tuple[str, int], list[Group]] = {}
        for group in Group.objects.filter(school_year=year):
            groups.setdefault((group.track, group.year_level), []).append(group)
        months = months_of(year)
        copies = []
        for n in range(missing):
            source = present[n % len(present)]
            copy = Activity(
                school_id=source.school_id,
                school_year=year,
                type_id=source.type_id,
                title=f"{source.title} ({n + 1})",
                track=source.track,
                year_level=source.year_level,
                starts_on=rng.choice(months),
                responsible_id=source.responsible_id,
                has_preparation=rng.random() < 0.7,
                has_reflection=rng.random() < 0.6,
                involves_guardians=rng.random() < 0.3,
                competences=source.competences,
                elements=source.elements,
            )
            copies.append(copy)
        Activity.objects.bulk_create(copies, batch_size=500)
        through = Activity.groups.through
        through.objects.bulk_create(
            [
                through(activity_id=copy.pk, group_id=rng.choice(groups[(copy.track, copy.year_level)]).pk)
                for copy in copies
                if groups.get((copy.track, copy.year_level))
            ],
            batch_size=500,
        )
        return Activity.objects.filter(school_year=year).count()


@dataclass
class Page:
    label: str
    username: str
    url_name: str
    query: str = ""


PAGES = [
    Page("dekking (decaan)", "decaan", "programme:coverage"),
    Page("dekking havo (decaan)", "decaan", "programme:coverage", "?leerweg=havo"),
    Page("jaarplanning (decaan)", "decaan", "programme:planner"),
    Page("jaarplanning (docent)", "docent", "programme:planner"),
    # The LOB-lijn pages of views/line.py, measured once they exist.
    Page("LOB-lijn (decaan)", "decaan", "programme:line"),
    Page("LOB-lijn (docent)", "docent", "programme:line"),
    Page("mijn LOB-lijn (leerling)", "leerling", "programme:mine"),
]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]


def measure(page: Page, *, requests: int, warmup: int) -> tuple[float, float, int, int] | None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    from koers.schools.models import User

    try:
        url = reverse(page.url_name) + page.query
    except NoReverseMatch:
        return None
    client = Client()
    client.force_login(User.objects.get(username=page.username))
    for _ in range(warmup):
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    queries = len(captured.captured_queries)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), percentile(timings, 0.95), queries, response.status_code


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    where = configure(args.students, args.groups)

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.SECURE_SSL_REDIRECT = False
    settings.DEBUG = False

    started = time.perf_counter()
    built = ensure_school(args)
    activities = top_up_activities(args.activities, args.seed)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    print(
        f"Koers bench programma: {args.students} leerlingen, {args.groups} groepen, {activities} activiteiten"
    )
    print(
        f"database: {connection.vendor} ({where}); school {'gebouwd' if built else 'hergebruikt'} "
        f"in {time.perf_counter() - started:.1f} s; {args.requests} verzoeken per pagina"
    )
    print()
    header = f"{'pagina':<28} {'mediaan ms':>11} {'p95 ms':>9} {'queries':>8} {'p95 / 200 ms':>13}"
    print(header)
    print("-" * len(header))
    failed = False
    for page in PAGES:
        result = measure(page, requests=args.requests, warmup=args.warmup)
        if result is None:
            print(f"{page.label:<28} {'(pagina bestaat nog niet)':>43}")
            continue
        median, p95, queries, status = result
        failed |= status != 200
        note = "" if status == 200 else f"  (status {status}!)"
        print(f"{page.label:<28} {median:>11.1f} {p95:>9.1f} {queries:>8d} {p95 / TARGET_MS:>12.2f}x{note}")
    print()
    print(f"Doel: p95 onder {TARGET_MS:.0f} ms per pagina (verhouding onder 1,00). Alleen cijfers.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
