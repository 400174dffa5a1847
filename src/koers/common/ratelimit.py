"""Rate limits that hold: counters every web process shares and a restart does not forget.

The counters live in the cache called ``rate-limits`` (settings): Redis when ``KOERS_REDIS_URL`` is set, where
counting is one atomic INCR; otherwise a table in the database (Django's database cache), which every process
of the server shares and which survives a restart. Each count belongs to a fixed window of time (its number is
part of the key), so an expiry reset by the store never stretches a window. Keys hold a hash of what is
counted (an address, a code prefix, a user id), never the value itself.

The database store counts with a read and a write: requests that arrive at the same moment can each see the
same count, so under concurrency it may undercount by the number of requests in flight; Redis counts exactly.

Used by the letter codes and the login (``accounts``), the leaver's link (``quality``) and uploads (here).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import hashlib
import ipaddress
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.http import HttpRequest, HttpResponse

STORE = "rate-limits"


def store() -> BaseCache:
    return caches[STORE]


@dataclass(frozen=True)
class Limit:
    """At most ``limit`` counted events per ``window`` for one key (an address, a prefix, a person)."""

    name: str
    limit: int
    window: dt.timedelta

    def _key(self, part: str, now: float | None = None) -> str:
        seconds = max(1, int(self.window.total_seconds()))
        slot = int((time.time() if now is None else now) // seconds)
        digest = hashlib.sha256(f"{self.name}\x00{part}".encode()).hexdigest()[:32]
        return f"rate:{self.name}:{slot}:{digest}"

    def _timeout(self) -> int:
        return max(1, int(self.window.total_seconds())) * 2

    def count(self, part: str) -> int:
        """How many events were counted for ``part`` in the current window."""
        return int(store().get(self._key(part), 0) or 0)

    def exceeded(self, part: str) -> bool:
        return self.count(part) >= self.limit

    def hit(self, part: str) -> int:
        """Count one event for ``part``; returns the count in this window, this event included."""
        cache, key = store(), self._key(part)
        if cache.add(key, 1, timeout=self._timeout()):
            return 1
        try:
            return int(cache.incr(key))
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=self._timeout())
            return 1

    def clear(self, part: str) -> None:
        store().delete(self._key(part))


def client_address(request: HttpRequest) -> str:
    """The address a request came from. Behind ``KOERS_TRUSTED_PROXIES`` proxies (each adding the address it
    saw to X-Forwarded-For) it is the address the outermost trusted proxy saw; anything a client wrote
    further left is ignored, so an address cannot be made up to escape a limit."""
    hops = int(getattr(settings, "KOERS_TRUSTED_PROXIES", 0) or 0)
    if hops > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return str(request.META.get("REMOTE_ADDR", "") or "unknown")


def axes_client_address(request: HttpRequest) -> str | None:
    """The address django-axes records for a login attempt (``AXES_CLIENT_IP_CALLABLE``): ``client_address``,
    or None when that is no IP address (a request without one; a proxy count set too high letting a client
    write the header), since axes stores it in an IP address column."""
    address = client_address(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


# --- uploads: per person per minute -------------------------------------------------------------------------


def uploads_limit() -> Limit:
    return Limit("uploads", limit=int(settings.KOERS_UPLOADS_PER_MINUTE), window=dt.timedelta(minutes=1))


_uploader: contextvars.ContextVar[str] = contextvars.ContextVar("koers_uploader", default="")


def count_upload() -> bool:
    """Count one uploaded file for the person of the current request; False when they are over the limit.
    Outside a request (a job, a management command, a test calling the checks directly) nothing is counted."""
    who = _uploader.get()
    if not who:
        return True
    limit = uploads_limit()
    return limit.hit(who) <= limit.limit


class UploaderMiddleware:
    """Names the logged-in person of this request for ``count_upload`` (after AuthenticationMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        who = f"user:{user.pk}" if user is not None and user.is_authenticated else ""
        token = _uploader.set(who)
        try:
            return self.get_response(request)
        finally:
            _uploader.reset(token)
