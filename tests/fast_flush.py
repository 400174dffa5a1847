"""Emptying the database after a test that commits, by DELETE instead of TRUNCATE on PostgreSQL.

A test that commits (``transactional_db``, ``live_server``: every browser journey) cannot be rolled back, so
Django empties every table after it ("flush"). On PostgreSQL Django does that with one ``TRUNCATE`` of all
~140 tables, which gives each table, index and TOAST table a new file and syncs them at commit: 4-6 seconds
per test on the two-core test machine, against 0.03-0.1 seconds for a ``DELETE FROM`` of each (nearly empty)
table, which is also what Django does on SQLite. With ~110 such tests that was most of the difference
between a PostgreSQL and an SQLite run of the suite (docs/architecture.md, "Tests that run in minutes").

Django then sends ``post_migrate``, whose only receivers here (contenttypes, auth) write the content types and
permissions back into the tables the flush had just emptied: another 0.5-0.8 seconds per test on PostgreSQL.
Those two tables only ever hold what the models define, so the flush keeps them (``KEPT``) and the signal is
not sent (``flush_without_post_migrate``); every other table is emptied as before.

The result is the same: every table empty, sequences left as they are (Django's flush does not reset them
either unless asked, and then the original is used). Foreign keys on PostgreSQL are checked at commit
(Django makes them ``DEFERRABLE INITIALLY DEFERRED``), so the order of the deletes does not matter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.management.color import Style

Flush = Callable[..., list[str]]

# What post_migrate writes from the models, the same before and after any test: kept, not re-created.
KEPT = frozenset({"django_content_type", "auth_permission"})


def keep_model_catalogues(original: Flush) -> Flush:
    """``sql_flush`` of any backend that leaves the content types and permissions (``KEPT``) in place."""

    def sql_flush(self: Any, style: Style, tables: list[str], **options: Any) -> list[str]:
        return original(self, style, [table for table in tables if table not in KEPT], **options)

    return sql_flush


def delete_instead_of_truncate(original: Flush) -> Flush:
    """``DatabaseOperations.sql_flush`` for PostgreSQL that deletes rows instead of truncating tables."""

    def sql_flush(
        self: Any,
        style: Style,
        tables: list[str],
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        if reset_sequences or allow_cascade:
            return original(self, style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
        ]

    return sql_flush
