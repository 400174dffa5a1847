"""Server time of one autosave of guide-mode notes (``conversations:autosave``): median and p95.

    .venv/bin/python bench/autosave.py              # 200 autosaves
    .venv/bin/python bench/autosave.py --requests 500

Builds a small school in its own SQLite file (``var/bench/autosave.sqlite3``, rebuilt every run) with a
mentor, a group of students and one planned conversation, then posts notes through Django's test client as
htmx would, cycling through the phases. Prints figures only; it never fails on a time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

# This folder holds http.py, which would hide the standard library's http package (Django needs it).
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 100


def configure() -> Path:
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.settings")
    bench_dir = ROOT / "var" / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    path = bench_dir / "autosave.sqlite3"
    path.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("KOERS_DATA_DIR", str(bench_dir))
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--students", type=int, default=25)
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

    from koers.lob.vocabulary import Phase
    from koers.schools.models import RoleKind

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["*"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    with scopes_disabled():
        school = f.SchoolFactory(name="Bankschool", slug="bankschool")
        group = f.GroupFactory(school=school, name="3B1")
        mentor = f.RoleFactory(school=school, kind=RoleKind.MENTOR, user__username="bench-mentor").user
        f.MentorshipFactory(group=group, mentor=mentor)
        students = [f.StudentFactory(school=school) for _ in range(args.students)]
        for student in students:
            f.MembershipFactory(student=student, group=group)
        conversation = f.ConversationFactory(student=students[0], mentor=mentor)

    client = Client()
    client.force_login(mentor)
    url = reverse("conversations:autosave", args=[conversation.pk])
    phases = list(Phase.values)

    def post(n: int) -> int:
        return client.post(
            url, {"phase": phases[n % len(phases)], "text": f"aantekening {n}"}, HTTP_HX_REQUEST="true"
        ).status_code

    for n in range(len(phases)):  # the first save of each phase creates its row
        post(n)
    executed: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        post(0)
    timings = []
    for n in range(args.requests):
        start = time.perf_counter()
        status = post(n)
        timings.append((time.perf_counter() - start) * 1000)
        if status != 200:
            raise SystemExit(f"autosave answered {status}")
    timings.sort()
    p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
    print(f"database: {path.relative_to(ROOT)}")
    print(f"autosaves: {args.requests}, queries per autosave: {len(executed)}")
    print(f"median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, p95/target {p95 / TARGET_MS:.2f}")


if __name__ == "__main__":
    main()
