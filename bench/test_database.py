"""What the test suite's database costs: building it (migrations or models) and emptying it after a test that
commits (TRUNCATE or DELETE). Prints figures and ratios measured in the same run; never fails on a time.

    .venv/bin/python bench/test_database.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/koers_bench .venv/bin/python bench/test_database.py

It creates (and removes) its own test databases: ``test_<name>_bench`` on PostgreSQL, an in-memory one on
SQLite, exactly as pytest-django would.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

# Not bench/ on the path (its http.py would hide the standard library's http), the project root instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.backends.postgresql.operations import DatabaseOperations  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402
from tests import factories as f  # noqa: E402
from tests.fast_flush import delete_instead_of_truncate  # noqa: E402


def build(*, migrate: bool) -> tuple[str, float, float]:
    """A fresh test database; returns its name, the CPU and the wall seconds it took."""
    test = settings.DATABASES["default"].setdefault("TEST", {})
    test["MIGRATE"] = migrate
    if connection.vendor == "postgresql":
        test["NAME"] = f"test_{connection.settings_dict['NAME']}_bench"
    cpu, wall = time.process_time(), time.perf_counter()
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    return name, time.process_time() - cpu, time.perf_counter() - wall


def flush_seconds(rounds: int) -> list[float]:
    """Wall seconds of Django's flush (as after a ``transactional_db`` test), with one row in a few tables."""
    times = []
    for _ in range(rounds):
        with transaction.atomic(), scopes_disabled():
            f.SchoolFactory()
        start = time.perf_counter()
        # As after a test that commits: sequences are left alone (the command's own default resets them).
        call_command(
            "flush", verbosity=0, interactive=False, inhibit_post_migrate=True, reset_sequences=False
        )
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="flushes to time per kind (default 5)")
    args = parser.parse_args()
    print(f"database: {connection.vendor}")

    figures = {}
    for migrate in (True, False):
        name, cpu, wall = build(migrate=migrate)
        figures[migrate] = cpu
        kind = "running the migrations" if migrate else "from the models (--nomigrations)"
        print(f"test database {kind}: {cpu:.1f} s CPU, {wall:.1f} s wall")
        if not migrate:
            truncate = flush_seconds(args.rounds)
            print(f"flush as Django does it: median {statistics.median(truncate):.3f} s")
            if connection.vendor == "postgresql":
                original = DatabaseOperations.sql_flush
                DatabaseOperations.sql_flush = delete_instead_of_truncate(original)  # type: ignore[method-assign]
                try:
                    delete = flush_seconds(args.rounds)
                finally:
                    DatabaseOperations.sql_flush = original  # type: ignore[method-assign]
                print(f"flush by DELETE (tests/fast_flush.py): median {statistics.median(delete):.3f} s")
                print(f"ratio TRUNCATE/DELETE: {statistics.median(truncate) / statistics.median(delete):.1f}")
        connection.creation.destroy_test_db(name, verbosity=0)
    print(f"ratio migrations/models (CPU): {figures[True] / figures[False]:.1f}")


if __name__ == "__main__":
    main()
