"""Sessions in the database (without Redis), read with SQL prepared once per process.

Django's own store builds the same small query (the session by its key, not yet expired) through the ORM on
every request, which costs more CPU than PostgreSQL needs to answer it. This store reads the row with a
``PreparedQuery`` and compares the expiry date in Python, against the same ``timezone.now()`` Django's store
sends to the database; everything else (saving, creating, deleting, clearing expired sessions) is Django's.
``SESSION_ENGINE = "koers.common.sessions"`` (settings.py) when no ``KOERS_REDIS_URL`` is set.
"""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from koers.common.prepared import PreparedQuery

_BY_KEY = PreparedQuery(
    lambda key: Session.objects.filter(session_key=key), markers=["koers-prepared-session-key"]
)


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Session | None:
        key = self.session_key
        found = _BY_KEY(key) if key else []
        if found and found[0].expire_date > timezone.now():
            return found[0]
        self._session_key = None
        return None
