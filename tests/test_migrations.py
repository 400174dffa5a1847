"""The real migrations, run from nothing to the latest state on a database of their own.

The suite's test databases are built straight from the models (pytest-django's ``--nomigrations``, set in
pyproject.toml): running the migrations cost each xdist worker about 20 seconds of CPU before its first test.
This module is where the migrations themselves are proven: a fresh database of the test database's kind
(a file on SQLite, a database next to the test database on PostgreSQL) is migrated the way a server is, with
an audit row written before the audit log moved from ``common`` to ``access``, and afterwards its tables,
columns and constraints must be those of the test database the models built. That comparison is what makes
building every other test database from the models safe. No migration inserts rows a test could rely on:
the data migrations only rewrite existing rows (each has its own test: tests/pictograms/test_migrations.py,
tests/dossier/test_action_doers.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.test import override_settings
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry

ALIAS = "migrated"
# pytest-django's --nomigrations hides every app's migrations through MIGRATION_MODULES; an empty mapping
# brings them back for the tests here.
REAL_MIGRATIONS: dict[str, str] = {}


@pytest.mark.django_db
def test_models_have_no_pending_migrations():
    out = StringIO()

    try:
        with override_settings(MIGRATION_MODULES=REAL_MIGRATIONS):
            call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:  # makemigrations --check exits 1 when a migration is missing
        pytest.fail(f"pending model changes, run `make migrations`:\n{out.getvalue()}\n(exit {exit_.code})")


@pytest.fixture
def migrated(db, tmp_path: Path) -> Iterator[BaseDatabaseWrapper]:
    """A connection (alias ``migrated``) to an empty database of the test database's kind, with the real
    migrations in place; the database is removed afterwards. The test database itself is only read (its
    schema, for the comparison) and whatever a migration does to it is rolled back with the test."""
    with migrated_database(tmp_path) as wrapper:
        yield wrapper


@contextmanager
def migrated_database(tmp_path: Path) -> Iterator[BaseDatabaseWrapper]:
    settings_dict = dict(connection.settings_dict)
    admin: dict[str, Any] = {}
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "migrated.sqlite3")
    else:
        settings_dict["NAME"] = f"{connection.settings_dict['NAME']}_migrated"
        admin = {
            "host": settings_dict["HOST"] or None,
            "port": settings_dict["PORT"] or None,
            "user": settings_dict["USER"] or None,
            "password": settings_dict["PASSWORD"] or None,
        }
        with psycopg.connect(dbname="postgres", autocommit=True, **admin) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}"')
            pg.execute(f'CREATE DATABASE "{settings_dict["NAME"]}"')
    connections.settings[ALIAS] = settings_dict
    try:
        # Opened here, directly: the test case (pytest-django's ``db``) refuses to open a connection to an
        # alias it was not set up with, but leaves an open one alone.
        connections[ALIAS].connect()
        with override_settings(MIGRATION_MODULES=REAL_MIGRATIONS):
            yield connections[ALIAS]
    finally:
        connections[ALIAS].close()
        del connections[ALIAS]
        del connections.settings[ALIAS]
        if admin:
            with psycopg.connect(dbname="postgres", autocommit=True, **admin) as pg:
                pg.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}" WITH (FORCE)')


def schema(db: BaseDatabaseWrapper) -> dict[str, tuple[Any, ...]]:
    """Every table's columns (name, type, null) and constraints (columns and kind; their names may differ)."""
    with db.cursor() as cursor:
        tables = sorted(set(db.introspection.table_names(cursor)) - {"django_migrations"})
        found = {}
        for table in tables:
            columns = {
                column.name: (column.type_code, column.null_ok)
                for column in db.introspection.get_table_description(cursor, table)
            }
            constraints = Counter(
                (
                    tuple(found_["columns"]),
                    found_["primary_key"],
                    found_["unique"],
                    found_["foreign_key"],
                    found_["check"],
                    found_["index"],
                )
                for found_ in db.introspection.get_constraints(cursor, table).values()
            )
            found[table] = (columns, constraints)
    return found


def test_migrations_build_the_models_tables_and_keep_audit_rows_through_the_move_to_access(migrated):
    # The database as it was before the audit log moved from ``common`` (table common_auditentry) to
    # ``access``: every migration except access's and those that depend on it.
    executor = MigrationExecutor(migrated)
    moved = set(executor.loader.graph.backwards_plan(("access", "0001_initial")))
    everything = executor.migration_plan(executor.loader.graph.leaf_nodes(), clean_start=True)
    before = [(m, False) for m, _ in everything if (m.app_label, m.name) not in moved]
    assert 0 < len(before) < len(everything)
    old_apps = executor.migrate([], plan=before).apps
    with scopes_disabled():
        school = old_apps.get_model("schools", "School").objects.using(ALIAS).create(name="Oud", slug="oud")
        user_model = old_apps.get_model("schools", "User")
        student_user = user_model.objects.using(ALIAS).create(username="leerling")
        reader = user_model.objects.using(ALIAS).create(username="mentor")
        today = timezone.localdate()
        student = (
            old_apps.get_model("schools", "Student")
            .objects.using(ALIAS)
            .create(school=school, user=student_user, date_of_birth=today, joined_on=today)
        )
        kept = (
            old_apps.get_model("common", "AuditEntry")
            .objects.using(ALIAS)
            .create(
                school_id=school.pk,
                student_id=student.pk,
                actor_id=reader.pk,
                actor_role="mentor",
                action="view",
                subject="dossier-overzicht",
            )
        )
        old_type = (
            old_apps.get_model("contenttypes", "ContentType")
            .objects.using(ALIAS)
            .create(app_label="common", model="auditentry")
        )

    # Then the rest, as `koers migrate` does on a server.
    call_command("migrate", database=ALIAS, interactive=False, verbosity=0)

    with scopes_disabled():
        entry = AuditEntry.objects.using(ALIAS).get()
    assert (entry.pk, entry.student_id, entry.actor_id, entry.subject) == (
        kept.pk,
        student.pk,
        reader.pk,
        "dossier-overzicht",
    )
    tables = migrated.introspection.table_names()
    assert AuditEntry._meta.db_table in tables
    assert "common_auditentry" not in tables
    moved_type = old_apps.get_model("contenttypes", "ContentType").objects.using(ALIAS)
    assert moved_type.get(app_label="access", model="auditentry").pk == old_type.pk
    assert not moved_type.filter(app_label="common", model="auditentry").exists()
    assert not MigrationExecutor(migrated).migration_plan(executor.loader.graph.leaf_nodes())

    # The migrated tables are the tables the rest of the suite runs on, built from the models. One known
    # difference is Django's own: its auth migrations leave auth_group_permissions.id a bigint where the
    # model (auth's default AutoField) builds an integer; Koers never reads that table.
    built_from_models = schema(connection)
    by_migrations = schema(migrated)
    assert len(built_from_models) > 100
    assert set(by_migrations) == set(built_from_models)
    django_own = "auth_group_permissions"
    assert set(by_migrations.pop(django_own)[0]) == set(built_from_models.pop(django_own)[0])
    assert by_migrations == built_from_models
