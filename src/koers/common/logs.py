"""Log lines that can be followed and hold no personal data.

Every line carries the id of the request (or job) it belongs to: ``RequestIdMiddleware`` takes a well-formed
``X-Request-ID`` from the proxy in front, or makes one, sends it back in the response and keeps it in a
context variable that ``RequestIdFilter`` writes into each record; a job runs inside
``log_context("job-12")``.
The one line per request names the URL *pattern* (``dossier/ervaringen/<int:pk>/``), never the path, so
no id, token or query string (read-aloud text, reset codes) reaches the log; no address, name or e-mail
either. ``tests/common/test_logs.py`` scans the log of a journey for the demo's names and addresses.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.http import HttpRequest, HttpResponse

REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("koers_request_id", default="-")
_WELL_FORMED = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
requests_logger = logging.getLogger("koers.requests")
QUIET_PATHS = {"/healthz", "/healthz/", "/readyz", "/readyz/"}


class RequestIdFilter(logging.Filter):
    """Adds the request id, and leaves out the path Django's own lines name ("Not Found: /..."): a path
    someone typed may hold anything, a name or an address too."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            # Django logs a 404 or 500 after the middleware is done: the request still knows its id.
            record.request_id = getattr(
                getattr(record, "request", None), "koers_request_id", REQUEST_ID.get()
            )
        if record.name.startswith(("django.request", "django.server")) and isinstance(record.args, tuple):
            request = getattr(record, "request", None)
            paths = {request.path, request.get_full_path()} if request is not None else set()
            record.args = tuple(
                "(path left out)" if arg in paths or str(arg).startswith("/") else arg for arg in record.args
            )
        return True


@contextmanager
def log_context(request_id: str) -> Iterator[None]:
    token = REQUEST_ID.set(request_id)
    try:
        yield
    finally:
        REQUEST_ID.reset(token)


def new_request_id() -> str:
    return uuid.uuid4().hex[:16]


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _WELL_FORMED.match(given) else new_request_id()
        token = REQUEST_ID.set(request_id)
        request.koers_request_id = request_id  # type: ignore[attr-defined]
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response.headers["X-Request-ID"] = request_id
            if request.path_info in QUIET_PATHS:  # probes every few seconds would drown the log
                return response
            match = getattr(request, "resolver_match", None)
            route = f"/{match.route}" if match is not None and match.route else "-"
            requests_logger.info(
                "%s %s %s %.0f ms",
                request.method,
                route,
                response.status_code,
                (time.perf_counter() - started) * 1000,
            )
            return response
        finally:
            REQUEST_ID.reset(token)
