"""The mentor's class view in one process: CPU time per request, this tree next to another (issue 19).

    .venv/bin/python bench/mentor.py --database postgres://postgres@127.0.0.1:5432/koers_flat_2000
    .venv/bin/python bench/mentor.py --database ... --before /tmp/before/src     # A/B, alternating rounds
    .venv/bin/python bench/mentor.py --database ... --profile 30                 # cProfile, top functions

Uses a database that already holds the demo school (build one with ``bench/growth.py --sizes 2000``). Each
tree runs in its own process (``--worker``), logged in as the demo's ``mentor``, with DEBUG off and the
connection kept open as in production. Per request it takes the process's CPU time (``time.process_time``,
which counts this process only, so another job on the machine disturbs it far less than wall time) and the
wall time, and splits the CPU time into the query function (``mentor_page``), the template (the view's
``render``) and the rest (middleware, sessions, the test client). With ``--before`` the two trees run in
alternating rounds and the ratio of the medians is printed. Figures only; it never fails on a time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = str(Path(__file__).resolve().parent)
sys.path[:] = [p for p in sys.path if str(Path(p or ".").resolve()) != HERE]  # bench/http.py hides http


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--database", required=True, help="URL of a database holding the demo school")
    parser.add_argument("--requests", type=int, default=60, help="timed requests per round (default 60)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds with --before (default 3)")
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--before", default="", help="also measure the code in this src folder")
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions (cProfile)")
    parser.add_argument("--sort", default="name", help="the page's sort parameter (name or attention)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def worker(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(os.environ.get("KOERS_BENCH_SRC") or ROOT / "src"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "koers.settings"
    os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("KOERS_DB_CONN_MAX_AGE", "600")

    import django

    django.setup()
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    import koers.home.views as views
    from koers.schools.models import User

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.SECURE_SSL_REDIRECT = False
    settings.DEBUG = False

    client = Client()
    client.force_login(User.objects.get(username="mentor"))
    url = reverse("home:mentor") + f"?sort={args.sort}"

    query_cpu = 0.0
    original = views.queries.mentor_page

    def measured(*a, **kw):  # type: ignore[no-untyped-def]
        nonlocal query_cpu
        started = time.process_time()
        try:
            return original(*a, **kw)
        finally:
            query_cpu += time.process_time() - started

    views.queries.mentor_page = measured  # type: ignore[attr-defined]
    render_cpu = 0.0
    original_render = views.render

    def measured_render(*a, **kw):  # type: ignore[no-untyped-def]
        nonlocal render_cpu
        started = time.process_time()
        try:
            return original_render(*a, **kw)
        finally:
            render_cpu += time.process_time() - started

    views.render = measured_render  # type: ignore[attr-defined]
    for _ in range(args.warmup):
        assert client.get(url).status_code == 200
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile(time.process_time)  # CPU time: waiting for the database is left out
        profiler.enable()
        for _ in range(args.requests):
            client.get(url)
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("cumulative").print_stats(args.profile)
        stats.sort_stats("tottime").print_stats(args.profile)
        return 0
    cpu, wall, query, rendering = [], [], [], []
    size = 0
    for _ in range(args.requests):
        query_cpu = render_cpu = 0.0
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        response = client.get(url)
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started_wall) * 1000)
        query.append(query_cpu * 1000)
        rendering.append(render_cpu * 1000)
        size = len(response.content)
    print(
        json.dumps(
            {
                "cpu": statistics.median(cpu),
                "wall": statistics.median(wall),
                "query": statistics.median(query),
                "render": statistics.median(rendering),
                "bytes": size,
            }
        )
    )
    return 0


def run(args: argparse.Namespace, src: str = "") -> dict:  # type: ignore[type-arg]
    command = [
        sys.executable,
        __file__,
        "--worker",
        f"--database={args.database}",
        f"--requests={args.requests}",
        f"--warmup={args.warmup}",
        f"--sort={args.sort}",
    ]
    env = {**os.environ, "KOERS_BENCH_SRC": src} if src else None
    done = subprocess.run(command, check=True, capture_output=True, text=True, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker or args.profile:
        return worker(args)
    trees = [("this tree", "")] + ([("before", args.before)] if args.before else [])
    figures: dict[str, list[dict]] = {name: [] for name, _ in trees}  # type: ignore[type-arg]
    for _ in range(args.rounds if args.before else 1):
        for name, src in trees:
            figures[name].append(run(args, src))
    print(f"mentor class view, {args.requests} requests per round, medians in ms (CPU = this process only)")
    print(f"{'tree':<12}{'CPU':>8}{'query':>8}{'template':>10}{'rest':>8}{'wall':>8}{'bytes':>9}")
    medians: dict[str, dict[str, float]] = {}
    for name, rounds in figures.items():
        keys = ("cpu", "query", "render", "wall", "bytes")
        m = {key: statistics.median(r[key] for r in rounds) for key in keys}
        m["rest"] = m["cpu"] - m["query"] - m["render"]
        medians[name] = m
        print(
            f"{name:<12}{m['cpu']:>8.2f}{m['query']:>8.2f}{m['render']:>10.2f}{m['rest']:>8.2f}"
            f"{m['wall']:>8.2f}{m['bytes']:>9.0f}"
        )
    if args.before:
        new, old = medians["this tree"], medians["before"]
        print(
            f"new / before: CPU {new['cpu'] / old['cpu']:.2f}x, query {new['query'] / old['query']:.2f}x, "
            f"template {new['render'] / old['render']:.2f}x, rest {new['rest'] / old['rest']:.2f}x, "
            f"wall {new['wall'] / old['wall']:.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
