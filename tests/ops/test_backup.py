"""`koers backup` and `koers restore`: a demo school backed up and restored elsewhere, every row and file.

On SQLite (the default) the copy goes into a new SQLite file; on PostgreSQL (CI) into a new database next to
the test database. Files go into another folder. Then every table's rows and every file's bytes are compared,
and the dossiers, evidence and audit rows are looked at by name.
"""

from __future__ import annotations

import hashlib
import io
import sqlite3
import tarfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry
from koers.common.backup import BackupError, read_backup, stored_files, write_backup
from koers.demo.builder import build_demo
from koers.dossier.models import Evidence, Experience


def table_counts_here() -> dict[str, int]:
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    return counts


def file_digests(storage) -> dict[str, str]:
    digests = {}
    for name in stored_files(storage):
        with storage.open(name, "rb") as handle:
            digests[name] = hashlib.sha256(handle.read()).hexdigest()
    return digests


@pytest.fixture
def elsewhere(tmp_path) -> Any:
    """An empty database of the same kind as the test database, and the way to count its rows."""
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        settings_dict["NAME"] = str(path)

        def counts() -> dict[str, int]:
            with sqlite3.connect(path) as db:
                tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
                result = {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
            db.close()
            return {t: n for t, n in sorted(result.items()) if t != "sqlite_sequence"}

        yield settings_dict, counts
        return
    import psycopg  # noqa: PLC0415 - only PostgreSQL runs have the driver

    name = f"{settings_dict['NAME']}_restored"
    admin = dict(
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
    )
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as pg:
        pg.execute(f'DROP DATABASE IF EXISTS "{name}"')
        pg.execute(f'CREATE DATABASE "{name}"')
    settings_dict["NAME"] = name

    def counts() -> dict[str, int]:
        with psycopg.connect(dbname=name, **admin) as db:
            tables = [r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
            return {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in sorted(tables)}

    yield settings_dict, counts
    with psycopg.connect(dbname="postgres", autocommit=True, **admin) as pg:
        pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
def test_a_demo_school_comes_back_whole_elsewhere(tmp_path, elsewhere):
    build_demo(students=20, seed=3)
    with scopes_disabled():
        assert Experience.objects.exists() and Evidence.objects.exists() and AuditEntry.objects.exists()
    before_rows = table_counts_here()
    before_files = file_digests(default_storage)
    archive = tmp_path / "koers.tar.gz"

    written = write_backup(archive)

    assert written.files == len(before_files) > 0
    database, counts = elsewhere
    other_media = FileSystemStorage(location=tmp_path / "other-media")
    restored = read_backup(archive, database=database, storage=other_media)

    assert restored.files == written.files
    after_rows = counts()
    assert after_rows == {table: n for table, n in before_rows.items() if table in after_rows}
    assert set(after_rows) == set(before_rows)
    for table in ("dossier_experience", "dossier_evidence", "access_auditentry", "schools_student"):
        assert after_rows[table] == before_rows[table] > 0
    assert file_digests(other_media) == before_files


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(tmp_path, elsewhere):
    archive = tmp_path / "koers.tar.gz"
    write_backup(archive)
    database, _ = elsewhere
    first = FileSystemStorage(location=tmp_path / "first")
    read_backup(archive, database=database, storage=first)

    with pytest.raises(BackupError, match="not empty"):
        read_backup(archive, database=database, storage=FileSystemStorage(location=tmp_path / "second"))


def test_restore_refuses_a_file_from_outside_the_upload_folder(tmp_path, db):
    archive = tmp_path / "evil.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for name, data in [("manifest.json", b'{"format": 1, "engine": "%s"}' % connection.vendor.encode()),
                           ("media/../../etc/cron.d/x", b"* * * * * root true")]:  # fmt: skip
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    target = dict(connection.settings_dict, NAME=str(tmp_path / "x.sqlite3"))

    with pytest.raises(BackupError, match="outside"):
        read_backup(archive, database=target, storage=FileSystemStorage(location=tmp_path / "m"))
    assert not Path(tmp_path / "x.sqlite3").exists()
