"""Seconds to import 3,000 students from a Magister-style export: the dry run and the apply, three weeks.

    .venv/bin/python bench/import.py [--students 3000] [--seed 2026]
    .venv/bin/python bench/import.py --postgres postgres://postgres@127.0.0.1:5432/koers_bench

Uses its own SQLite file, ``var/bench/import.sqlite3`` (made afresh on every run), or the database of
``DATABASE_URL`` when that is set (a school named "Bench Import" is then replaced there). With ``--postgres
URL`` it measures SQLite and then the same on that PostgreSQL database (in a second process).

Three imports, each a dry run (reading the file and the preview, what the admin waits for after the upload)
and an apply (the check that nothing changed since the preview, and every write):
the first week creates everyone (students, groups, mentors by staff code, one guardian per student); the
week later has moves, leavers and joiners; the no-change week is that file again. Targets: dry run under
1 s, apply under 5 s, the no-change week under 1 s.

The machine may be busy, so the same run also times a simple baseline: reading the file with the csv module
and inserting one plain row per student in one statement (rolled back), the least any import must do. The
ratios to it are comparable between runs on a busy and a quiet machine. It prints figures only; it never
fails on a time.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import subprocess
import sys
import time
from pathlib import Path

# This folder holds http.py, which would hide the standard library's http package (Django needs it).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"dry": 1.0, "apply": 5.0, "no-change": 1.0}
SLUG = "bench-import"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--students", type=int, default=3000, help="students in the export (default 3000)")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the generated export (default 2026)")
    parser.add_argument("--postgres", default="", help="also measure on this PostgreSQL database (a URL)")
    args = parser.parse_args(argv)
    if args.students < 10:
        parser.error("--students must be at least 10")
    return args


def configure() -> str:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
    if os.environ.get("DATABASE_URL"):
        return "DATABASE_URL"
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    path = bench_dir / "import.sqlite3"
    path.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    return str(path.relative_to(ROOT))


GROUPS = [f"{level}{code}{n}" for level in range(1, 5) for code in "BKGT" for n in (1, 2, 3)]
CODES = [f"M{n:02d}" for n in range(len(GROUPS))]


def export(
    students: int, rng: random.Random, *, moved: float = 0.0, left: float = 0.0, joined: float = 0.0
) -> bytes:
    """A Magister-style export (BOM, semicolons); with ``moved``/``left``/``joined`` the week after."""
    lines = ["Stamnr;Roepnaam;Tussenv;Achternaam;Geb.datum;Klas;Mentor;E-mail ouder;Naam ouder;Gezag"]
    newcomers = int(students * joined)
    for n in range(students + newcomers):
        if n < students and rng.random() < left:
            continue
        group = n % len(GROUPS)
        if n < students and rng.random() < moved:
            group = (group + 3) % len(GROUPS)  # the same year level, another track
        lines.append(
            f"{700000 + n};Kim{n};{'van ' if n % 7 == 0 else ''};Lid{n};"
            f"{1 + n % 28:02d}-{1 + n % 12:02d}-201{n % 4};{GROUPS[group]};{CODES[group]};"
            f"ouder{n}@example.org;Ouder Lid{n};{'ja' if n % 5 else 'nee'}"
        )
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


def baseline(data: bytes) -> float:
    """Seconds to read ``data`` with the csv module and insert one plain row per line (rolled back)."""
    import csv
    import io

    from django.db import transaction

    from koers.schools.models import User

    started = time.perf_counter()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))[1:]
    with transaction.atomic():
        User.objects.bulk_create([User(username=f"baseline-{row[0]}", first_name=row[1]) for row in rows])
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds


def timed_import(role, data: bytes) -> tuple[float, float, float, float, dict]:
    """Wall-clock seconds of the dry run and the apply, and the CPU seconds of this process for each (less
    disturbed by a busy machine; PostgreSQL's own work is not in them)."""
    from koers.schooladmin.importing import runs

    started, cpu = time.perf_counter(), time.process_time()
    run = runs.start_import(by=role, filename="export.csv", data=data, preset="magister")
    dry, dry_cpu = time.perf_counter() - started, time.process_time() - cpu
    started, cpu = time.perf_counter(), time.process_time()
    runs.apply_import(run=run, by=role)
    applied, applied_cpu = time.perf_counter() - started, time.process_time() - cpu
    return dry, dry_cpu, applied, applied_cpu, run.summary["counts"]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    where = configure()

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django_scopes import scopes_disabled

    from koers.access.tenancy import school_scope
    from koers.schools.models import Role, RoleKind, School, User

    settings.DEBUG = False  # as in production: no query log kept while timing
    call_command("migrate", verbosity=0, interactive=False)
    with scopes_disabled():
        School.objects.filter(slug=SLUG).delete()
        User.objects.filter(username__startswith=f"{SLUG}-").delete()
        User.objects.filter(email__endswith="@example.org", username__startswith="ouder").delete()
        school = School.objects.create(name="Bench Import", slug=SLUG)
        admin = User.objects.create(username=f"{SLUG}-beheer")
        role = Role.objects.create(school=school, user=admin, kind=RoleKind.ADMIN)
        for code in CODES:
            teacher = User.objects.create(username=f"{SLUG}-{code.lower()}")
            Role.objects.create(school=school, user=teacher, kind=RoleKind.TEACHER, staff_code=code)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    rng = random.Random(args.seed)
    first = export(args.students, rng)
    week = export(args.students, rng, moved=0.05, left=0.02, joined=0.02)
    base = min(baseline(first) for _n in range(3))
    print(f"Koers bench: import van {args.students} leerlingen (Magister-stijl, met mentor en ouder)")
    print(f"database: {connection.vendor} ({where})")
    print(
        f"Python {platform.python_version()} · {platform.machine()} · {os.cpu_count()} cores · load {load()}"
    )
    print(f"baseline (csv lezen + {args.students} rijen in één insert): {base:.3f} s")
    print()
    columns = (("import", 26), ("controle s", 10), ("cpu", 5), ("/basis", 7))
    columns += (("toepassen s", 11), ("cpu", 5), ("/basis", 7))
    header = " ".join(
        f"{name:<{width}}" if n == 0 else f"{name:>{width}}" for n, (name, width) in enumerate(columns)
    )
    header += "  wat"
    print(header)
    print("-" * len(header))
    results = {}
    with school_scope(school):
        for label, data in (
            ("eerste week (alles nieuw)", first),
            ("week later (wissels ...)", week),
            ("week zonder wijzigingen", week),
        ):
            dry, dry_cpu, applied, applied_cpu, counts = timed_import(role, data)
            results[label] = (dry, applied)
            what = ", ".join(f"{k} {v}" for k, v in counts.items() if v) or "geen wijzigingen"
            print(
                f"{label:<26} {dry:>10.2f} {dry_cpu:>5.2f} {dry / base:>7.1f} "
                f"{applied:>11.2f} {applied_cpu:>5.2f} {applied / base:>7.1f}  {what}"
            )
            if label.startswith("eerste"):
                with scopes_disabled():  # the first week was a week ago (a same-day import replaces instead)
                    shift_a_week_back(school)
    worst_dry = max(dry for dry, _a in results.values())
    worst_apply = max(applied for _d, applied in results.values())
    quiet = sum(results["week zonder wijzigingen"])
    print()
    print(
        f"Doel: controle < {TARGETS['dry']:.0f} s (hier hoogstens {worst_dry:.2f}), toepassen < "
        f"{TARGETS['apply']:.0f} s (hier hoogstens {worst_apply:.2f}), week zonder wijzigingen < "
        f"{TARGETS['no-change']:.0f} s (controle + toepassen: {quiet:.2f}). Alleen cijfers."
    )
    if args.postgres and connection.vendor != "postgresql":
        print()
        sys.stdout.flush()
        child = [sys.executable, __file__, "--students", str(args.students), "--seed", str(args.seed)]
        return subprocess.call(child, env={**os.environ, "DATABASE_URL": args.postgres})
    return 0


def shift_a_week_back(school) -> None:
    """Memberships of the first week start a week ago, as if it had been imported then."""
    import datetime as dt

    from django.utils import timezone

    from koers.schools.models import Membership

    Membership.objects.filter(school=school).update(starts_on=timezone.localdate() - dt.timedelta(days=7))


def load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


if __name__ == "__main__":
    sys.exit(main())
