"""/healthz and /readyz: no login, no personal data, cheap, and honest about what fails."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from koers.common import health


@pytest.fixture(autouse=True)
def _fresh_migration_check(monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)


@pytest.mark.django_db
def test_healthz_answers_without_login_or_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert response.headers["Cache-Control"] == "no-store"
    assert len(queries) == 0


@pytest.mark.django_db
def test_readyz_reports_every_check_ok(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ready"
    assert body["checks"] == {
        "database": "ok",
        "cache": "ok",
        "storage": "ok",
        "task_queue": "ok",
        "migrations": "ok",
    }


@pytest.mark.django_db
def test_readyz_is_cheap_once_migrations_were_seen(client):
    client.get("/readyz")
    with CaptureQueriesContext(connection) as queries:
        client.get("/readyz")

    assert len(queries) <= 2  # SELECT 1 and one row of the task table


@pytest.mark.django_db
def test_readyz_answers_before_host_checks_and_https_redirects(client, settings):
    settings.ALLOWED_HOSTS = ["koers.example.org"]
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/readyz", HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 200


@pytest.mark.django_db
def test_readyz_says_503_and_which_check_failed(client, monkeypatch):
    def broken() -> None:
        raise ConnectionError("redis://secret@cache:6379 refused")

    monkeypatch.setitem(health.CHECKS, "cache", broken)

    response = client.get("/readyz")

    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "not ready"
    assert body["checks"]["cache"] == "failed: ConnectionError"
    assert body["checks"]["database"] == "ok"
    assert "secret" not in response.content.decode()  # error messages may hold addresses and passwords


@pytest.mark.django_db
def test_readyz_fails_while_a_migration_is_missing(client, monkeypatch):
    class Pending:
        def __init__(self, connection):
            self.loader = type(
                "Loader", (), {"graph": type("Graph", (), {"leaf_nodes": lambda self: []})()}
            )()

        def migration_plan(self, targets):
            return [("dossier", "9999_new")]

    monkeypatch.setattr(health, "MigrationExecutor", Pending)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert json.loads(response.content)["checks"]["migrations"] == "failed: RuntimeError"


@pytest.mark.django_db
def test_readyz_fails_when_uploads_cannot_be_written(client, monkeypatch):
    monkeypatch.setattr(health.os, "access", lambda path, mode: False)  # as a read-only disk answers

    response = client.get("/readyz")

    assert json.loads(response.content)["checks"]["storage"] == "failed: PermissionError"


def test_other_methods_go_on_to_koers(client):
    response = client.post("/healthz")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")  # Koers's own not-found page, not the probe's
    assert b'"status"' not in response.content
