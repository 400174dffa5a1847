"""Server time of the careers pages with the whole catalogue loaded: search, filters, an occupation's page and
the student's favourites; median and p95 per page, the median CPU time of this process (steadier than the
clock on a busy machine, but without the database's own wait) and the queries of one request.

    .venv/bin/python bench/careers.py                 # 50 requests per page
    .venv/bin/python bench/careers.py --requests 200
    .venv/bin/python bench/careers.py --synthetic 600  # without shipped content: 600 made-up occupations
    .venv/bin/python bench/careers.py --profile search  # also where the time of pages named "search..." goes

Builds its own SQLite file (``var/bench/careers.sqlite3``, rebuilt every run), loads the shipped content
(``koers load-content``: lob and the careers catalogue), adds a school with a student who holds a few
qualities and motives, keeps 15 favourites and took the interest test. Without a shipped catalogue (or with
``--synthetic N``) it makes N occupations across the sectors instead. Prints figures only; it never fails
on a time.
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import sys
import time
from pathlib import Path

# This folder holds http.py, which would hide the standard library's http package (Django needs it).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

ROOT = Path(__file__).resolve().parent.parent


def configure() -> Path:
    # Run as a script, bench/ comes first on the path, and its http.py would hide the standard library's.
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    path = bench_dir / "careers.sqlite3"
    path.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("KOERS_DATA_DIR", str(bench_dir))
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--synthetic", type=int, default=0, help="make this many occupations instead")
    parser.add_argument("--profile", default="", help="profile the pages whose label starts with this")
    args = parser.parse_args(argv)
    path = configure()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django_scopes import scopes_disabled
    from tests import factories as f
    from tests.careers.factories import OccupationFactory, ProgrammeFactory, SectorFactory

    from koers.careers.models import Favourite, InterestField, InterestResult, Occupation, Programme
    from koers.lob.models import Trait

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    call_command("load_content", verbosity=0)
    with scopes_disabled():
        if args.synthetic or not Occupation.objects.exists():
            wanted = args.synthetic or 300
            sectors = [SectorFactory() for _ in range(14)]
            traits = list(Trait.objects.all())
            programmes = [ProgrammeFactory(level=1 + n % 4) for n in range(120)]
            for n in range(wanted):
                occupation = OccupationFactory(sector=sectors[n % 14], texts={"nl": f"Beroep {n}"})
                occupation.traits.set(traits[n % 30 : n % 30 + 6])
                occupation.programmes.set(programmes[n % 120 : n % 120 + 2])
        school = f.SchoolFactory(name="Bankschool", slug="bankschool")
        student = f.StudentFactory(school=school, user__username="bench-student")
        for trait in Trait.objects.all()[:8]:
            f.StudentTraitFactory(student=student, trait=trait)
        occupations = list(Occupation.objects.all()[:15])
        for occupation in occupations:
            Favourite.objects.create(school=school, student=student, occupation=occupation)
        fields = list(InterestField.objects.values_list("key", flat=True)) or ["none"]
        InterestResult.objects.create(
            school=school, student=student, scores={key: 8 - n for n, key in enumerate(fields)}
        )
        catalogue = (Occupation.objects.count(), Programme.objects.count())
        page_occupation = occupations[0]

    client = Client()
    client.force_login(student.user)
    pages = [
        ("search, no filter", reverse("careers:explore"), {}),
        ("search by word", reverse("careers:explore"), {"q": "me"}),
        ("fits my qualities", reverse("careers:explore"), {"past": "on"}),
        ("from my test + level 2", reverse("careers:explore"), {"test": "on", "level": "2"}),
        ("occupation page", reverse("careers:occupation", args=[page_occupation.pk]), {}),
        ("my favourites", reverse("careers:mine"), {}),
        ("programmes", reverse("careers:programmes"), {}),
    ]
    print(f"database: {path.relative_to(ROOT)}")
    print(
        f"catalogue: {catalogue[0]} occupations, {catalogue[1]} programmes; {args.requests} requests per page"
    )
    executed: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        executed.append(sql)
        return execute(sql, params, many, context)

    for label, url, query in pages:
        for _ in range(3):
            client.get(url, query)
        executed.clear()
        with connection.execute_wrapper(count):
            size = len(client.get(url, query).content)
        timings = []
        cpu = []
        for _ in range(args.requests):
            start, start_cpu = time.perf_counter(), time.process_time()
            status = client.get(url, query).status_code
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            if status != 200:
                raise SystemExit(f"{label}: answered {status}")
        if args.profile and label.startswith(args.profile):
            profile(functools.partial(client.get, url, query), label)
        timings.sort()
        p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
        print(
            f"{label:<26} median {statistics.median(timings):6.1f} ms  p95 {p95:6.1f} ms  "
            f"cpu {statistics.median(cpu):6.1f} ms  "
            f"queries {len(executed):2d}  {size / 1024:5.1f} KB"
        )


def profile(request, label: str) -> None:  # type: ignore[no-untyped-def]
    """Where the time of 20 requests goes: each query's time, then the functions with the most time."""
    import cProfile
    import pstats

    from django.db import connection

    spent: dict[str, list[float]] = {}

    def timed(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent.setdefault(sql, []).append((time.perf_counter() - start) * 1000)

    with connection.execute_wrapper(timed):
        for _ in range(20):
            request()
    print(f"--- queries of {label}, median ms per request ---")
    for sql, times in spent.items():
        print(f"{statistics.median(times):7.2f}  {sql[:150] if statistics.median(times) < 5 else sql}")

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(20):
        request()
    profiler.disable()
    print(f"--- profile of {label} (20 requests), by own time ---")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(18)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(45)


if __name__ == "__main__":
    main()
