"""The LOB content and the personas' world, written once per test worker instead of once per test.

Building them cost most of a typical test's time (on PostgreSQL about 47 ms for the content, 54 ms for the
two schools' copies of it and 35 ms for the factories, against a few ms for the test itself). So the rows are
written once, in a transaction that stays open, and every test that asks for them (``content``, ``world``)
runs in a savepoint inside it (pytest-django's ``db``): whatever a test changes is rolled back to the shared
rows, the way Django's ``setUpTestData`` works. A test gets its own deep copy of the ``World`` objects, so
changing them in Python does not reach the next test either. Each persona is logged in once with them too,
and ``login`` hands out that session (a log-in writes half a dozen rows).

The transaction is closed (rolled back, leaving an empty database) before any other test that uses the
database, before a test that commits (``transactional_db``, ``live_server``; it is flushed afterwards) and
before a module builds rows of its own once (``tests/once.py``). The next test that needs the shared rows
writes them again; tests of one kind mostly follow each other, so that is rare.
"""

from __future__ import annotations

import copy
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

if TYPE_CHECKING:
    from tests.conftest import World


# How long the shared log-ins are handed out: well inside the idle time after which Koers ends a session
# (KOERS_SESSION_IDLE_MINUTES, 60); a worker that runs longer logs the persona in again for each test.
SESSION_REUSE_SECONDS = 20 * 60


class SharedRows:
    """One per worker: whether the shared transaction is open, and the world written in it."""

    def __init__(self) -> None:
        self._atomic: Any = None
        self._world: World | None = None
        self._sessions: dict[str, str] = {}  # persona: the key of a session logged in with the shared rows
        self._logged_in_at = 0.0
        self.media: Path | None = None
        self.held_by_module = False  # a module's own rows (tests/once.py) are in the database instead

    @property
    def is_open(self) -> bool:
        return self._atomic is not None

    def world(self) -> World:
        assert self._world is not None, "the shared rows are not in the database"
        return copy.deepcopy(self._world)

    def session(self, persona: str) -> str | None:
        """The key of the persona's session, logged in once with the shared rows; None when they are not in
        the database, or when the clock reads far from the time of that log-in: a test that moves the clock
        (time_machine) needs a log-in of its own, made at the time it pretends it is, or the session has
        expired by then."""
        age = time.time() - self._logged_in_at
        if not self.is_open or not 0 <= age < SESSION_REUSE_SECONDS:
            return None
        return self._sessions.get(persona)

    def open(self, django_db_blocker: Any) -> None:
        """Write the content and the world in a transaction that stays open (if it is not open already)."""
        if self.is_open:
            self._check_alive()
            return
        from tests.conftest import build_world, log_in_once  # noqa: PLC0415 (conftest imports this module)

        assert self.media is not None
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                with override_settings(MEDIA_ROOT=self.media):
                    call_command("load_content", "--area", "lob", verbosity=0)
                    self._world = build_world()
                    self._sessions = log_in_once(self._world)
                    self._logged_in_at = time.time()
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
            # Work queued for after a commit never runs: the rows are never committed (as before, when each
            # test wrote them inside its own transaction).
            connection.run_on_commit.clear()
            self.settle(django_db_blocker)
        self._atomic = atomic

    def _check_alive(self) -> None:
        """The shared transaction must still be the outer one: a test that closes the connection while it is
        open (to let another process copy the database, say) loses the rows without telling."""
        blocks = connection.atomic_blocks
        if not blocks or blocks[0] is not self._atomic or connection.closed_in_transaction:
            raise RuntimeError(
                "the transaction holding the shared test rows was closed by a test; a test that closes the "
                "database connection must call tests.shared_rows.SHARED.close(django_db_blocker) first"
            )

    @staticmethod
    def settle(django_db_blocker: Any) -> None:
        """Check the foreign keys of the rows written so far in the outer transaction. Left pending,
        PostgreSQL would check all of them again at the end of every test: Django's TestCase checks them in
        the test's savepoint, and rolling that back leaves them pending for the next test (28 ms a test for
        the permission matrix's rows, 0.3 ms once settled)."""
        with django_db_blocker.unblock():
            connection.check_constraints()

    def close(self, django_db_blocker: Any) -> None:
        """Roll the shared rows back, leaving the database as empty as a new test database."""
        if not self.is_open:
            return
        self._check_alive()
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            self._atomic.__exit__(None, None, None)
        self._atomic = None
        self._world = None
        self._sessions = {}


SHARED = SharedRows()
