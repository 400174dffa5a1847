"""Seconds to import 2,000 students from a Magister-style export: the dry run and the apply, twice.

    .venv/bin/python bench/import.py [--students 2000] [--seed 2026]

Uses its own SQLite file, ``var/bench/import.sqlite3`` (made afresh on every run), or the database of
``DATABASE_URL`` when that is set (a school named "Bench Import" is then replaced there). The first import
creates everyone (students, groups, mentors by staff code, one guardian per student); the second is next
week's file, in which some students changed group and some left. It prints figures only; it never fails on
a time.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from pathlib import Path

# This folder holds http.py, which would hide the standard library's http package (Django needs it).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

ROOT = Path(__file__).resolve().parent.parent
TARGET_S = 10.0
SLUG = "bench-import"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--students", type=int, default=2000, help="students in the export (default 2000)")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the generated export (default 2026)")
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


def export(students: int, rng: random.Random, *, moved: float = 0.0, left: float = 0.0) -> bytes:
    """A Magister-style export (BOM, semicolons); with ``moved``/``left`` the week after."""
    lines = ["Stamnr;Roepnaam;Tussenv;Achternaam;Geb.datum;Klas;Mentor;E-mail ouder;Naam ouder;Gezag"]
    for n in range(students):
        if rng.random() < left:
            continue
        group = n % len(GROUPS)
        if rng.random() < moved:
            group = (group + 3) % len(GROUPS)  # same year level, another class
        lines.append(
            f"{700000 + n};Kim{n};{'van ' if n % 7 == 0 else ''};Lid{n};"
            f"{1 + n % 28:02d}-{1 + n % 12:02d}-201{n % 4};{GROUPS[group]};{CODES[group]};"
            f"ouder{n}@example.org;Ouder Lid{n};{'ja' if n % 5 else 'nee'}"
        )
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()


def timed_import(role, data: bytes) -> tuple[float, float, dict]:
    from koers.schooladmin.importing import runs

    started = time.perf_counter()
    run = runs.start_import(by=role, filename="export.csv", data=data, preset="magister")
    dry = time.perf_counter() - started
    started = time.perf_counter()
    runs.apply_import(run=run, by=role)
    applied = time.perf_counter() - started
    return dry, applied, run.summary["counts"]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    where = configure()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django_scopes import scopes_disabled

    from koers.access.tenancy import school_scope
    from koers.schools.models import Role, RoleKind, School, User

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

    rng = random.Random(args.seed)
    first = export(args.students, rng)
    week = export(args.students, rng, moved=0.05, left=0.02)
    print(f"Koers bench: import van {args.students} leerlingen (Magister-stijl, met mentor en ouder)")
    print(f"database: {connection.vendor} ({where})")
    print(f"Python {platform.python_version()} · {platform.machine()}")
    print()
    header = f"{'import':<28} {'controle s':>11} {'toepassen s':>12} {'totaal s':>9}  wat"
    print(header)
    print("-" * len(header))
    with school_scope(school):
        for label, data in (("eerste keer (alles nieuw)", first), ("week later (wissels, vertrek)", week)):
            dry, applied, counts = timed_import(role, data)
            what = ", ".join(f"{k} {v}" for k, v in counts.items() if v)
            print(f"{label:<28} {dry:>11.2f} {applied:>12.2f} {dry + applied:>9.2f}  {what}")
        dry, applied, counts = timed_import(role, week)
        print(
            f"{'zelfde bestand nogmaals':<28} {dry:>11.2f} {applied:>12.2f} {dry + applied:>9.2f}  "
            f"{'geen wijzigingen' if not any(counts.values()) else counts}"
        )
    print()
    print(
        f"Doel: {args.students} leerlingen in minder dan {TARGET_S:.0f} s (controle + toepassen). "
        "Alleen cijfers."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
