"""Koers over HTTP: the production server (`koers web`) next to the development server, under load.

    .venv/bin/python bench/http.py [--students 2000] [--seconds 15] [--users 10,50] [--servers web,dev]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/koers_bench .venv/bin/python bench/http.py

Builds (or reuses) the demo school like bench/pages.py, starts each server on a free port on 127.0.0.1, and
for each number of concurrent users runs that many logged-in virtual users for a fixed time. Each user asks,
in turn, for the student's dossier (`leerling`), the mentor's class view (`mentor`) and the counsellor's
overview (`decaan`), one request after the other with no pause. It prints requests per second and
p50/p95/p99 per page, and the number of errors. The load is bounded in time and in count, only goes to
127.0.0.1, and the servers are stopped at the end. It prints figures; it never fails on a time.

Servers: `web` is `koers web` (gunicorn, DEBUG off, whitenoise); `dev` is `koers serve` (Django's
development server, DEBUG on); `granian` runs the same WSGI application under granian when it is installed
(`pip install granian`), which is how docs/deploy.md chose gunicorn.
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file is named like the standard library's `http`; its folder must not shadow it.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import argparse  # noqa: E402
import http.client  # noqa: E402
import os  # noqa: E402
import secrets  # noqa: E402
import socket  # noqa: E402
import subprocess  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.append(str(_HERE))
from pages import configure, ensure_school, percentile, refresh_statistics  # noqa: E402

PAGES = [("dossier (leerling)", "leerling", "/dossier/"), ("klas (mentor)", "mentor", "/mentor/"),
         ("school (decaan)", "decaan", "/decaan/")]  # fmt: skip
MAX_REQUESTS = 200_000  # a bound on any run, whatever --seconds says


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--students", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--seconds", type=float, default=15.0, help="duration per server and user count")
    parser.add_argument("--users", default="10,50", help="concurrent users, comma-separated (default 10,50)")
    parser.add_argument("--servers", default="web,dev", help="web, dev and/or granian (default web,dev)")
    parser.add_argument(
        "--workers", type=int, default=0, help="processes for web/granian (default: koers web's)"
    )
    parser.add_argument("--threads", type=int, default=4, help="threads per web process (default 4)")
    args = parser.parse_args(argv)
    args.users = [int(n) for n in args.users.split(",") if n]
    args.servers = [s for s in args.servers.split(",") if s]
    if not 1 <= args.seconds <= 600 or not all(1 <= n <= 200 for n in args.users):
        parser.error("--seconds must be 1..600 and each user count 1..200")
    return args


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path


def server_env(port: int, *, debug: bool) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        KOERS_DEBUG="1" if debug else "0",
        KOERS_PUBLIC_URL=f"http://127.0.0.1:{port}",
        KOERS_ALLOWED_HOSTS="127.0.0.1,localhost",
        KOERS_SSL_REDIRECT="0",
        KOERS_REQUEST_LOG="0",
    )
    return env


def start(name: str, args: argparse.Namespace) -> Server:
    from koers.cli import default_web_workers

    port = free_port()
    workers = str(args.workers or default_web_workers())
    log = ROOT / "var" / "bench" / f"http-{name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    if name == "web":
        command = [str(BIN / "koers"), "web", "--host", "127.0.0.1", "--port", str(port)]
        command += ["--workers", workers, "--threads", str(args.threads)]
    elif name == "dev":
        command = [str(BIN / "koers"), "serve", "--no-worker", "--port", str(port)]
    elif name == "granian":
        subprocess.run([str(BIN / "koers"), "manage", "collectstatic", "--noinput", "-v0"],
                       env=server_env(port, debug=False), check=True)  # fmt: skip
        command = [str(BIN / "granian"), "--interface", "wsgi", "--host", "127.0.0.1", "--port", str(port),
                   "--workers", workers, "--blocking-threads", str(args.threads), "--no-ws",
                   "koers.wsgi:application"]  # fmt: skip
    else:
        raise SystemExit(f"unknown server {name!r}")
    handle = log.open("wb")
    process = subprocess.Popen(
        command, env=server_env(port, debug=name == "dev"), stdout=handle, stderr=handle
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _ = get(port, "/inloggen/", "")
            if status == 200:
                return Server(name, port, process, log)
        except OSError:
            pass
        if process.poll() is not None:
            raise SystemExit(f"{name} stopped; see {log}")
        time.sleep(0.3)
    process.terminate()
    raise SystemExit(f"{name} did not answer within 60 s; see {log}")


def get(port: int, path: str, session: str) -> tuple[int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        headers = {"Cookie": f"sessionid={session}", "X-Forwarded-Proto": "https"} if session else {}
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        return response.status, len(body)
    finally:
        connection.close()


def sessions() -> dict[str, str]:
    """A logged-in session per demo user, saved in the database every server reads."""
    from django.test import Client

    from koers.schools.models import User

    keys = {}
    for _, username, _ in PAGES:
        client = Client()
        client.force_login(User.objects.get(username=username))
        keys[username] = client.cookies["sessionid"].value
    return keys


@dataclass
class Run:
    timings: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    requests: int = 0
    seconds: float = 0.0


def load(server: Server, users: int, seconds: float, keys: dict[str, str]) -> Run:
    run = Run()
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def user(number: int) -> None:
        turn = number
        while time.monotonic() < stop:
            label, username, path = PAGES[turn % len(PAGES)]
            turn += 1
            started = time.perf_counter()
            try:
                status, _ = get(server.port, path, keys[username])
            except OSError:
                status = 0
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if run.requests >= MAX_REQUESTS:
                    return
                run.requests += 1
                if status == 200:
                    run.timings[label].append(elapsed)
                else:
                    run.errors[label] += 1

    threads = [threading.Thread(target=user, args=(n,), daemon=True) for n in range(users)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    run.seconds = time.perf_counter() - began
    return run


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    where = configure(args.students)
    os.environ.setdefault("KOERS_SECRET_KEY", "bench-" + secrets.token_urlsafe(40))
    os.environ.update(server_env(8000, debug=False))
    import django

    django.setup()
    from django.db import connection

    built, _ = ensure_school(students=args.students, seed=args.seed, rebuild=False)
    refresh_statistics()
    keys = sessions()
    print(
        f"Koers over HTTP: {args.students} leerlingen, {args.seconds:.0f} s per meting, "
        f"{os.cpu_count()} kernen"
    )
    print(f"database: {connection.vendor} ({where}); school {'nu gebouwd' if built else 'hergebruikt'}")
    connection.close()
    header = (
        f"{'server':<8} {'users':>5} {'pagina':<20} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}"
    )
    header += f" {'fouten':>7}"
    print(header)
    print("-" * len(header))
    worst = 0
    for name in args.servers:
        server = start(name, args)
        try:
            load(server, 4, 2.0, keys)  # warm up every process
            for users in args.users:
                run = load(server, users, args.seconds, keys)
                for label, _, _ in PAGES:
                    times = run.timings.get(label, [])
                    errors = run.errors.get(label, 0)
                    worst = max(worst, errors)
                    if not times:
                        print(
                            f"{name:<8} {users:>5} {label:<20} {'-':>7} {'-':>8} {'-':>8} {'-':>8} {errors:>7}"  # noqa: E501
                        )
                        continue
                    print(
                        f"{name:<8} {users:>5} {label:<20} {len(times) / run.seconds:>7.1f} "
                        f"{percentile(times, 0.50):>8.0f} {percentile(times, 0.95):>8.0f} "
                        f"{percentile(times, 0.99):>8.0f} {errors:>7}"
                    )
                print(f"{name:<8} {users:>5} {'alles':<20} {run.requests / run.seconds:>7.1f}")
        finally:
            server.process.terminate()
            try:
                server.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.process.kill()
    print()
    print(
        "Doel: klasoverzicht (mentor) p95 onder 150 ms bij 10 gebruikers, geen fouten bij 50. Alleen cijfers."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
