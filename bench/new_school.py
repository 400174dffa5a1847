"""What a test (or a new school) pays before it does anything: a school with its own copies of the shipped
content, and the shared lob catalogue loaded into an empty database. Median and p95 in milliseconds.

    .venv/bin/python bench/new_school.py              # 50 schools, 20 catalogue loads
    .venv/bin/python bench/new_school.py --schools 200

Uses an in-memory SQLite database, as the tests do (migrated first, which takes a while). Each school
and each load runs in a transaction that is rolled back, as in a test. Prints figures only; it never fails
on a time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

# This folder holds http.py, which would hide the standard library's http package (Django needs it).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

ROOT = Path(__file__).resolve().parent.parent


def configure() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    os.environ.setdefault("KOERS_DATA_DIR", str(bench_dir))


def timed(action: Callable[[], object], times: int) -> list[float]:
    """Milliseconds of ``action``, each run inside a transaction that is rolled back."""
    from django.db import transaction

    timings = []
    for _ in range(times):
        with transaction.atomic():
            start = time.perf_counter()
            action()
            timings.append((time.perf_counter() - start) * 1000)
            transaction.set_rollback(True)
    return sorted(timings)


def report(name: str, timings: list[float]) -> None:
    p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
    print(
        f"{name:<32} median {statistics.median(timings):6.1f} ms   p95 {p95:6.1f} ms   ({len(timings)} runs)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--schools", type=int, default=50)
    parser.add_argument("--loads", type=int, default=20)
    args = parser.parse_args(argv)
    configure()

    import django

    django.setup()
    from django.core.management import call_command

    from koers.lob.content_loader import load_content
    from koers.schools.models import School

    call_command("migrate", verbosity=0)
    numbers = iter(range(10**6))
    # The first of each warms the per-process caches (parsed files, prepared statements), as the first test
    # of a worker does.
    timed(lambda: School.objects.create(name="Warm", slug="warm"), 1)
    timed(load_content, 1)
    print("database: SQLite in memory")
    report(
        "new school with its copies",
        timed(lambda: School.objects.create(name="School", slug=f"school-{next(numbers)}"), args.schools),
    )
    report("lob catalogue into an empty db", timed(load_content, args.loads))


if __name__ == "__main__":
    main()
