"""Production settings: ``manage.py check --deploy`` is clean, and the production headers are sent.

Settings are read once per process, so production is started in a subprocess with the environment a
server would have (debug off, a long random secret key, a real host name).
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

HOST = "koers.example.org"


def test_production_refuses_to_start_without_the_public_address(production_env):
    del production_env["KOERS_PUBLIC_URL"]

    result = run_python("import django; django.setup()", production_env)

    assert result.returncode != 0
    assert "KOERS_PUBLIC_URL" in result.stderr


@pytest.fixture
def production_env(tmp_path: Path) -> dict[str, str]:
    return _production_env(tmp_path)


def _production_env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KOERS_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="koers.settings",
        KOERS_SECRET_KEY=secrets.token_urlsafe(64),
        KOERS_DEBUG="0",
        KOERS_ALLOWED_HOSTS=HOST,
        KOERS_PUBLIC_URL=f"https://{HOST}",
        KOERS_DATA_DIR=str(data_dir),
    )
    return env


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_passes_with_production_settings(production_env):
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret_key(production_env):
    del production_env["KOERS_SECRET_KEY"]

    result = run_python("import django; django.setup()", production_env)

    assert result.returncode != 0
    assert "KOERS_SECRET_KEY" in result.stderr


@pytest.fixture(scope="module")
def production_headers(tmp_path_factory) -> dict[str, str]:
    """The headers of one production response, read by the tests below (a server start costs seconds)."""
    result = run_python(
        f"""
        import json, django
        django.setup()
        from django.test import Client
        response = Client().get("/inloggen/", secure=True, HTTP_HOST="{HOST}")
        print(json.dumps({{"status": response.status_code, **dict(response.headers.items())}}))
        """,
        _production_env(tmp_path_factory.mktemp("production")),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_hsts_for_a_year_with_subdomains(production_headers):
    assert production_headers["status"] == 200
    hsts = production_headers["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts


def test_production_sends_csp_without_unsafe_inline(production_headers):
    csp = production_headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


def test_production_sends_nosniff_frame_and_referrer_headers(production_headers):
    assert production_headers["X-Content-Type-Options"] == "nosniff"
    assert production_headers["X-Frame-Options"] == "DENY"
    assert production_headers["Referrer-Policy"] == "same-origin"


def test_production_redirects_plain_http_to_https(production_env):
    result = run_python(
        f"""
        import django
        django.setup()
        from django.test import Client
        response = Client().get("/inloggen/", HTTP_HOST="{HOST}")
        print(response.status_code, response.headers.get("Location"))
        """,
        production_env,
    )

    assert result.stdout.split() == ["301", f"https://{HOST}/inloggen/"]


def test_production_marks_cookies_secure(production_env):
    result = run_python(
        """
        import django
        django.setup()
        from django.conf import settings
        print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.DEBUG)
        """,
        production_env,
    )

    assert result.stdout.split() == ["True", "True", "False"]


def _bare_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KOERS_", "DATABASE_URL"))}
    env.update(DJANGO_SETTINGS_MODULE="koers.settings", KOERS_DATA_DIR=str(tmp_path), **extra)
    return env


def test_wsgi_server_without_a_secret_key_refuses_to_start(tmp_path):
    # No KOERS_DEBUG at all: a forgotten configuration must not run with DEBUG and the published key.
    result = run_python("import koers.wsgi", _bare_env(tmp_path))

    assert result.returncode != 0
    assert "KOERS_SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    "extra",
    [
        {"KOERS_ALLOWED_HOSTS": HOST},
        {"KOERS_PUBLIC_URL": f"https://{HOST}"},
    ],
)
def test_production_hints_without_a_secret_key_refuse_to_start(tmp_path, extra):
    result = run_python("import django; django.setup()", _bare_env(tmp_path, **extra))

    assert result.returncode != 0
    assert "KOERS_SECRET_KEY" in result.stderr


def test_the_published_development_key_is_refused_in_production(production_env):
    production_env["KOERS_SECRET_KEY"] = "koers-development-only-not-secret"

    result = run_python("import django; django.setup()", production_env)

    assert result.returncode != 0
    assert "published" in result.stderr


def test_development_defaults_only_on_this_machine_or_when_asked(tmp_path):
    show = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"

    assert run_python(show, _bare_env(tmp_path)).stdout.split() == ["True"]
    asked = run_python("import koers.wsgi; " + show, _bare_env(tmp_path, KOERS_DEBUG="1"))
    assert asked.stdout.split() == ["True"], asked.stderr


def test_development_server_refuses_the_network_without_an_explicit_ask(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "koers", "serve", "--host", "0.0.0.0", "--port", "8199", "--no-worker"],
        env=_bare_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode != 0
    assert "KOERS_DEBUG=1" in result.stderr


def test_embedded_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    # Concurrent writers on the embedded default wait their turn instead of failing with "database is locked".
    result = run_python(
        """
        import django
        django.setup()
        from django.db import connection
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            mode = cursor.fetchone()[0]
            cursor.execute("PRAGMA busy_timeout")
            timeout = cursor.fetchone()[0]
        print(mode, timeout, connection.transaction_mode)
        """,
        _bare_env(tmp_path, KOERS_DEBUG="1"),
    )

    assert result.stdout.split() == ["wal", "20000", "IMMEDIATE"], result.stderr


# --- issue 19: persistent database connections by default in production ---

SHOW_DB = """
    from django.conf import settings
    database = settings.DATABASES["default"]
    print(database["CONN_MAX_AGE"], database["CONN_HEALTH_CHECKS"])
"""


def test_production_keeps_postgresql_connections_open_and_checks_them(production_env):
    production_env["DATABASE_URL"] = "postgres://koers@127.0.0.1:5432/koers"

    result = run_python(SHOW_DB, production_env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["600", "True"]


def test_the_connection_age_is_a_setting(production_env):
    production_env["DATABASE_URL"] = "postgres://koers@127.0.0.1:5432/koers"
    production_env["KOERS_DB_CONN_MAX_AGE"] = "0"  # e.g. behind PgBouncer in transaction mode

    result = run_python(SHOW_DB, production_env)

    assert result.stdout.split() == ["0", "True"]
