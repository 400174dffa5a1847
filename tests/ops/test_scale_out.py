"""Scale-out: two `koers web` processes and a `koers worker` on one PostgreSQL database, one Redis and one
S3-compatible bucket, as on several hosts (no shared disk: uploads live in the bucket).

A person logs in through one process and goes on through the other; a file uploaded through one is
downloaded through the other and never from the bucket directly; a job asked for through one is run by the
worker; failed logins through one lock the login out on the other. Runs when the test database is PostgreSQL
(CI, DATABASE_URL); the database is copied from the test database, so it takes seconds.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psycopg
import pytest
from django.db import connection, connections
from PIL import Image

from tests.ops import servers
from tests.ops.servers import Browser
from tests.shared_rows import SHARED

PASSWORD = "Schaal-uit-2026!"
SETUP = """
import django, json
django.setup()
from django.core.management import call_command
# The copied test database was built from the models (pytest --nomigrations), which tests/test_migrations.py
# proves give the migrations' tables: record the migrations as applied, as `koers web` checks for them.
call_command("migrate", fake=True, verbosity=0)
from django_scopes import scopes_disabled
from tests import factories as f
with scopes_disabled():
    student = f.StudentFactory(user__username="sam", user__first_name="Sam", user__email="sam@example.org")
    student.user.set_password({password!r})
    student.user.save()
    experience = f.ExperienceFactory(student=student, title="Snuffelstage bij de bakker")
print(json.dumps({{"experience": experience.pk}}))
"""


@pytest.fixture
def scale_db(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip("the scale-out test runs on PostgreSQL (set DATABASE_URL, as CI does)")
        settings = dict(connection.settings_dict)
        template = settings["NAME"]
        # The shared rows' transaction would end with the connection (tests/shared_rows.py).
        SHARED.close(django_db_blocker)
        connections.close_all()
    name = f"{template}_scaleout"
    admin = {
        "host": settings["HOST"] or None,
        "port": settings["PORT"] or None,
        "user": settings["USER"] or None,
        "password": settings["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as pg:
        pg.execute(f'DROP DATABASE IF EXISTS "{name}"')
        pg.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    user = f"{admin['user']}:{admin['password']}@" if admin["password"] else f"{admin['user'] or 'postgres'}@"
    url = f"postgres://{user}{admin['host'] or '127.0.0.1'}:{admin['port'] or 5432}/{name}"
    try:
        yield url, lambda: psycopg.connect(dbname=name, autocommit=True, **admin)
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def stack(scale_db, tmp_path):
    """Redis, moto's S3 server, two web processes and a worker; stopped afterwards whatever happens."""
    database_url, database = scale_db
    services: list[subprocess.Popen[bytes]] = []  # Redis and S3
    koers: list[subprocess.Popen[bytes]] = []  # the web processes and the worker
    try:
        try:
            redis, redis_port = servers.start_redis(tmp_path)
        except FileNotFoundError:
            pytest.skip("redis-server is not installed (Debian: redis-server)")
        services.append(redis)
        s3, endpoint = servers.start_s3(tmp_path / "s3.log")
        services.append(s3)
        bucket = servers.make_bucket(endpoint, "koers-uploads")
        env = servers.production_env(
            DATABASE_URL=database_url,
            KOERS_REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
            KOERS_DATA_DIR=str(tmp_path / "data"),
            KOERS_TASK_RETRY_SECONDS="1",
            **servers.s3_env(endpoint, "koers-uploads"),
        )
        made = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(SETUP.format(password=PASSWORD))],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            cwd=servers.ROOT,
        )
        assert made.returncode == 0, made.stderr[-3000:]
        experience = json.loads(made.stdout.strip().splitlines()[-1])["experience"]
        first, port_a = servers.start_web(env, tmp_path / "web-a.log", collect=True)
        koers.append(first)
        second, port_b = servers.start_web(env, tmp_path / "web-b.log", collect=False)
        koers.append(second)
        worker = subprocess.Popen(
            [str(servers.BIN / "koers"), "worker", "--no-schedules"],
            env=env,
            stdout=(tmp_path / "worker.log").open("wb"),
            stderr=subprocess.STDOUT,
            cwd=servers.ROOT,
        )
        koers.append(worker)
        yield {
            "a": port_a,
            "b": port_b,
            "experience": experience,
            "database": database,
            "bucket": bucket,
            "endpoint": endpoint,
            "logs": tmp_path,
        }
    finally:
        servers.stop(*koers)  # first, while the services they use still run
        servers.stop(*services)


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buffer, format="JPEG")
    return buffer.getvalue()


def wait_for_job(database, kind: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    status = "missing"
    while time.monotonic() < deadline:
        with database() as db:
            row = db.execute("SELECT status FROM background_job WHERE kind = %s", [kind]).fetchone()
        status = row[0] if row else "missing"
        if status == "done":
            return status
        time.sleep(0.3)
    return status


@pytest.mark.django_db(transaction=True)  # the test database is the template of the stack's
def test_two_web_processes_a_worker_postgresql_redis_and_s3_act_as_one(stack):
    a, b = stack["a"], stack["b"]
    browser = Browser()

    # Logged in through A, the session (in Redis) is known to B.
    status, headers, _ = browser.post(a, "/inloggen/", {"username": "sam", "password": PASSWORD})
    assert status == 302, headers
    status, _, page = browser.get(b, "/dossier/")
    assert status == 200
    assert b"Snuffelstage bij de bakker" in page

    # Uploaded through B, the photo is in the bucket, and A serves it to the student.
    upload_path = f"/dossier/ervaringen/{stack['experience']}/bewijs/"
    status, headers, _ = browser.upload(b, upload_path, "photos", "bakker.jpg", jpeg(), "image/jpeg")
    assert status == 302, headers
    with stack["database"]() as db:
        evidence_id, name = db.execute(
            "SELECT id, file FROM dossier_evidence ORDER BY id DESC LIMIT 1"
        ).fetchone()
    keys = [item["Key"] for item in stack["bucket"].list_objects_v2(Bucket="koers-uploads")["Contents"]]
    assert f"media/{name}" in keys
    status, headers, data = browser.get(a, f"/dossier/bewijs/{evidence_id}/")
    assert status == 200
    assert headers["Content-Type"] == "image/jpeg"
    assert data[:3] == b"\xff\xd8\xff"
    assert servers.raw_get(int(stack["endpoint"].rsplit(":", 1)[1]), f"/koers-uploads/media/{name}") == 403
    assert Browser().get(a, f"/dossier/bewijs/{evidence_id}/")[0] == 302  # not logged in: the login page

    # A job asked for through A is run by the worker.
    status, _, _ = Browser().post(a, "/inloggen/wachtwoord-vergeten/", {"email": "sam@example.org"})
    assert status == 302
    assert wait_for_job(stack["database"], "accounts.password_reset") == "done"
    assert "Een nieuw wachtwoord voor Koers" in _read(stack["logs"] / "worker.log")

    # Five wrong passwords through A lock the login out on B too (the lockout lives in Redis).
    stranger = Browser()
    for _ in range(5):
        stranger.post(a, "/inloggen/", {"username": "sam", "password": "fout"})
    status, _, page = stranger.post(b, "/inloggen/", {"username": "sam", "password": PASSWORD})
    assert status != 302
    assert "sessionid" not in stranger.cookies

    # Each process is ready with PostgreSQL, Redis, the bucket and the queue behind it.
    for port in (a, b):
        status, _, body = Browser().get(port, "/readyz")
        assert status == 200 and json.loads(body)["status"] == "ready", body

    # Static files come compressed with far-future cache headers; every answer carries a request id.
    status, _, login_page = Browser().get(a, "/inloggen/")
    css = re.search(rb'href="(/static/koers/koers\.[0-9a-f]{12}\.css)"', login_page)
    assert css, "the stylesheet has a hashed name"
    status, headers, _ = browser.request(a, "GET", css.group(1).decode())
    assert status == 200
    assert "immutable" in headers["Cache-Control"] and "max-age=315360000" in headers["Cache-Control"]
    assert re.fullmatch(r"[0-9a-f]{16}", headers["X-Request-ID"])


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")
