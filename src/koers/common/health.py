"""``/healthz`` and ``/readyz``: what a load balancer, a container platform or a monitor polls.

``/healthz`` says only that the process answers. ``/readyz`` asks what a page needs: the database, the cache,
the file storage and the task queue each answer, and every migration is applied. Both are answered by the
first middleware, before host checks, HTTPS redirects, sessions and logins, because probes come over plain
HTTP from addresses that are no host name. They carry no personal data (names of checks and error classes
only), need no login and cost a few small queries, so they can be polled every few seconds.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.cache import cache
from django.core.files.storage import storages
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse
from django.utils.crypto import get_random_string

HEALTH_PATHS = {"/healthz", "/healthz/"}
READY_PATHS = {"/readyz", "/readyz/"}
_migrations_applied = False  # once seen applied, a process does not read the migration files again


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache() -> None:
    key, value = "koers:readyz", get_random_string(12)
    cache.set(key, value, timeout=30)
    if cache.get(key) != value:
        raise RuntimeError("cache did not keep a value")


def check_storage() -> None:
    storage: Any = storages["default"]
    if hasattr(storage, "bucket_name"):  # S3-compatible object storage: the bucket answers to our keys
        storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
        return
    location = Path(getattr(storage, "location", ""))
    existing = next((folder for folder in (location, *location.parents) if folder.exists()), None)
    if existing is None or not os.access(existing, os.W_OK):
        raise PermissionError("the upload folder cannot be written")


def check_task_queue() -> None:
    from django_tasks import task_backends  # noqa: PLC0415 - read at check time, after settings

    backend = task_backends["default"]
    if type(backend).__module__.startswith("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult  # noqa: PLC0415 - only with the database backend

        list(DBTaskResult.objects.order_by().values_list("id", flat=True)[:1])


def check_migrations() -> None:
    global _migrations_applied
    if _migrations_applied:
        return
    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise RuntimeError("migrations not applied")
    _migrations_applied = True


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "cache": check_cache,
    "storage": check_storage,
    "task_queue": check_task_queue,
    "migrations": check_migrations,
}


def readiness() -> tuple[bool, dict[str, str]]:
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # a probe reports, it never raises
            results[name] = f"failed: {type(error).__name__}"
        else:
            results[name] = "ok"
    return all(result == "ok" for result in results.values()), results


def _answer(status: int, body: dict[str, object]) -> HttpResponse:
    response = HttpResponse(json.dumps(body), status=status, content_type="application/json")
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


class HealthMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        if path in HEALTH_PATHS and request.method in {"GET", "HEAD"}:
            return _answer(200, {"status": "ok"})
        if path in READY_PATHS and request.method in {"GET", "HEAD"}:
            ready, checks = readiness()
            return _answer(
                200 if ready else 503, {"status": "ready" if ready else "not ready", "checks": checks}
            )
        return self.get_response(request)
