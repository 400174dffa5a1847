"""What every logged-in page pays around its view, in production settings: CPU per request, A/B.

    .venv/bin/python bench/request.py                                    # this tree only
    git archive main src | tar -x -C /tmp/before                          # an older tree, to compare with
    .venv/bin/python bench/request.py --before /tmp/before/src --rounds 3

PostgreSQL only: ``DATABASE_URL`` (default ``postgres://postgres@127.0.0.1:5432/koers_bench``) must already
hold the demo school (``bench/pages.py`` or ``bench/http.py`` builds it); this script only reads it, apart
from what a page view writes (the sessions of the demo users it logs in).

Each measurement runs in a process of its own with the production settings (DEBUG off, persistent database
connections, whitenoise's manifest of collected static files under ``var/bench/request-static``) and
Django's test client logged in as the demo users. Per page it prints the median CPU time of the process
(``time.process_time``: the Python side of a request, without the time spent waiting for PostgreSQL, which on
a shared machine says more than wall time) and the number of queries of one request. Besides the three pages
of ``bench/http.py`` it measures two requests that show the cost around every view:

* ``kaal`` (bare): the whole middleware stack (session, user and roles, language, time-outs, second factor,
  axes, the school scope, security headers, request id) in front of a view that answers "ok";
* ``omlijsting`` (shell): the same with a page that extends ``base.html`` with an empty content block (the
  top bar, navigation, account menu, static links and footer), once per role.

``--before SRC`` measures the code in ``SRC`` (a ``src`` folder of another commit) in the same run, the two
trees taking turns for ``--rounds`` rounds; per page the lowest of the rounds' medians is printed with the
ratio after/before. It prints figures only and never fails on a time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = str(Path(__file__).resolve().parent)
# This folder holds http.py, which would hide the standard library's http package when the script runs.
sys.path[:] = [p for p in sys.path if str(Path(p or ".").resolve()) != HERE]

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/koers_bench"

# label, demo login, path
PAGES = [
    ("kaal (leerling)", "leerling", "/_bench/kaal/"),
    ("kaal (mentor)", "mentor", "/_bench/kaal/"),
    ("omlijsting (leerling)", "leerling", "/_bench/omlijsting/"),
    ("omlijsting (mentor)", "mentor", "/_bench/omlijsting/"),
    ("omlijsting (decaan)", "decaan", "/_bench/omlijsting/"),
    ("dossier (leerling)", "leerling", "/dossier/"),
    ("klas (mentor)", "mentor", "/mentor/"),
    ("school (decaan)", "decaan", "/decaan/"),
]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page (default 30)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first (default 5)")
    parser.add_argument("--rounds", type=int, default=1, help="measurements per tree, taking turns")
    parser.add_argument("--before", default="", help="also measure the code in this src folder (A/B)")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not 1 <= args.requests <= 1000 or not 0 <= args.warmup <= 100 or not 1 <= args.rounds <= 10:
        parser.error("--requests 1..1000, --warmup 0..100, --rounds 1..10")
    return args


def production_environment() -> dict[str, str]:
    data = ROOT / "var" / "bench"
    return {
        "DJANGO_SETTINGS_MODULE": "koers.settings",
        "DATABASE_URL": os.environ.get("DATABASE_URL") or DEFAULT_DATABASE,
        "KOERS_DEBUG": "0",
        "KOERS_SECRET_KEY": "bench-request-" + "x" * 50,
        "KOERS_PUBLIC_URL": "http://127.0.0.1:8000",
        "KOERS_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "KOERS_SSL_REDIRECT": "0",
        "KOERS_REQUEST_LOG": "0",
        "KOERS_DB_CONN_MAX_AGE": "600",
        "KOERS_DATA_DIR": str(data),
        "KOERS_STATIC_ROOT": str(data / "request-static"),
    }


def worker(args: argparse.Namespace) -> None:
    """Measure in this process and print one JSON line."""
    sys.path.insert(0, str(os.environ.get("KOERS_BENCH_SRC") or ROOT / "src"))
    import types

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.decorators import login_required
    from django.core.management import call_command
    from django.db import connection
    from django.http import HttpRequest, HttpResponse
    from django.template import engines
    from django.test import Client
    from django.urls import clear_url_caches, include, path

    from koers.schools.models import User

    call_command("collectstatic", interactive=False, verbosity=0)
    shell = engines["django"].from_string('{% extends "base.html" %}{% block content %}{% endblock %}')

    @login_required
    def bare(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    @login_required
    def framed(request: HttpRequest) -> HttpResponse:
        return HttpResponse(shell.render({}, request))

    urls = types.ModuleType("koers_bench_request_urls")
    urls.urlpatterns = [  # type: ignore[attr-defined]
        path("_bench/kaal/", bare),
        path("_bench/omlijsting/", framed),
        path("", include(settings.ROOT_URLCONF)),
    ]
    sys.modules[urls.__name__] = urls
    settings.ROOT_URLCONF = urls.__name__
    clear_url_caches()

    clients = {}
    for _, username, _ in PAGES:
        if username not in clients:
            client = Client(HTTP_X_FORWARDED_PROTO="https")
            client.force_login(User.objects.get(username=username))
            clients[username] = client
    results = []
    for label, username, url in PAGES:
        client = clients[username]
        for _ in range(args.warmup):
            status = client.get(url).status_code
        queries = 0

        def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(url)
        times = []
        for _ in range(args.requests):
            started = time.process_time()
            status = client.get(url).status_code
            times.append((time.process_time() - started) * 1000)
        times.sort()
        results.append({"page": label, "cpu": times[len(times) // 2], "queries": queries, "status": status})
    print(json.dumps(results))


def measure(args: argparse.Namespace, src: str) -> list[dict[str, object]]:
    env = {**os.environ, **production_environment()}
    if src:
        env["KOERS_BENCH_SRC"] = src
    command = [sys.executable, __file__, "--worker", "--requests", str(args.requests)]
    command += ["--warmup", str(args.warmup)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    result: list[dict[str, object]] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        worker(args)
        return 0
    trees = [("nu", "")] + ([("voorheen", args.before)] if args.before else [])
    best: dict[str, dict[str, dict[str, object]]] = {name: {} for name, _ in trees}
    for _ in range(args.rounds):
        for name, src in trees:
            for row in measure(args, src):
                kept = best[name].get(str(row["page"]))
                if kept is None or float(row["cpu"]) < float(kept["cpu"]):  # type: ignore[arg-type]
                    best[name][str(row["page"])] = row
    print(
        f"CPU per request (median of {args.requests}, lowest of {args.rounds} round(s)), production "
        f"settings, {os.environ.get('DATABASE_URL') or DEFAULT_DATABASE}"
    )
    header = f"{'pagina':<24} {'nu ms':>7} {'queries':>7}"
    if args.before:
        header += f" {'voorheen':>9} {'queries':>7} {'nu/voor':>8}"
    print(header)
    print("-" * len(header))
    for label, _, _ in PAGES:
        now = best["nu"][label]
        line = f"{label:<24} {float(now['cpu']):>7.2f} {now['queries']:>7}"  # type: ignore[arg-type]
        if now["status"] != 200:
            line += f"  (status {now['status']})"
        if args.before:
            then = best["voorheen"][label]
            ratio = float(now["cpu"]) / float(then["cpu"])  # type: ignore[arg-type]
            line += f" {float(then['cpu']):>9.2f} {then['queries']:>7} {ratio:>8.2f}"  # type: ignore[arg-type]
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
