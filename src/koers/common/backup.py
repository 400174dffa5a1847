"""`koers backup` and `koers restore`: one archive with the database and the uploaded files.

The archive is a gzipped tar file:

    manifest.json        format, date, database engine, Django's latest migration per app, file count
    database.dump        PostgreSQL: pg_dump --format=custom (restored with pg_restore)
    database.sqlite3     SQLite: a consistent copy made with SQLite's online backup, while Koers runs
    media/<name>         every uploaded file, read through the storage (local disk or S3-compatible)

Restoring needs an empty installation (an empty database and no uploaded files), so nothing is ever mixed or
overwritten; `koers migrate` afterwards brings an older backup up to this version. Read-aloud recordings
(`speech/`) are a cache and are left out. The archive holds personal data: keep it as safely as the database.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.base import File
from django.core.files.storage import Storage, default_storage
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
LEFT_OUT = ("speech/",)


class BackupError(Exception):
    pass


@dataclass
class Report:
    engine: str
    files: int
    size: int


def engine_of(database: dict[str, Any]) -> str:
    engine = str(database["ENGINE"])
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite" in engine:
        return "sqlite"
    raise BackupError(f"back-ups support PostgreSQL and SQLite, not {engine}")


def pg_environment(database: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, setting in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
    ]:
        if database.get(setting):
            env[key] = str(database[setting])
    env["PGDATABASE"] = str(database["NAME"])
    return env


def stored_files(storage: Storage, folder: str = "") -> Iterator[str]:
    folders, files = storage.listdir(folder)
    for name in sorted(files):
        path = f"{folder}{name}"
        if not path.startswith(LEFT_OUT):
            yield path
    for sub in sorted(folders):
        if not f"{folder}{sub}/".startswith(LEFT_OUT):
            yield from stored_files(storage, f"{folder}{sub}/")


def write_backup(target: Path, *, alias: str = "default", storage: Storage | None = None) -> Report:
    storage = storage or default_storage
    database = connections[alias].settings_dict
    engine = engine_of(database)
    with tempfile.TemporaryDirectory(prefix="koers-backup-") as work:
        dump = Path(work) / ("database.dump" if engine == "postgresql" else "database.sqlite3")
        if engine == "postgresql":
            run(
                ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump)], database
            )
        else:
            connection = connections[alias]
            connection.ensure_connection()
            with sqlite3.connect(dump) as copy:
                connection.connection.backup(copy)
            copy.close()
        try:
            names = list(stored_files(storage))
        except FileNotFoundError:  # no upload folder yet: nothing was ever uploaded
            names = []
        manifest = {
            "format": FORMAT,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "engine": engine,
            "migrations": latest_migrations(alias),
            "files": len(names),
        }
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
            archive.add(dump, arcname=dump.name)
            for name in names:
                info = tarfile.TarInfo(f"media/{name}")
                info.size = storage.size(name)
                info.mode = 0o600
                with storage.open(name, "rb") as handle:
                    archive.addfile(info, handle)
        partial.replace(target)  # a half-written archive never has the name of a good one
    return Report(engine=engine, files=len(names), size=target.stat().st_size)


def latest_migrations(alias: str) -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connections[alias]).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


def add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def run(command: list[str], database: dict[str, Any]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client)")
    result = subprocess.run(
        command, env=pg_environment(database), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-500:]}")


def read_backup(
    source: Path,
    *,
    alias: str = "default",
    database: dict[str, Any] | None = None,
    storage: Storage | None = None,
) -> Report:
    """Restore ``source`` into an empty database (``alias``'s, or ``database`` given as a DATABASES entry) and
    an empty file storage."""
    storage = storage or default_storage
    database = database or connections[alias].settings_dict
    engine = engine_of(database)
    with tarfile.open(source, "r:gz") as archive:
        manifest = json.loads(member_bytes(archive, "manifest.json"))
        if manifest.get("format") != FORMAT:
            raise BackupError("this archive was not written by koers backup")
        if manifest["engine"] != engine:
            raise BackupError(
                f"this archive holds a {manifest['engine']} database; this installation uses {engine}"
            )
        media = [m for m in archive.getmembers() if m.isfile() and m.name.startswith("media/")]
        names = [m.name.removeprefix("media/") for m in media]
        if any(".." in Path(name).parts or name.startswith("/") for name in names):
            raise BackupError("the archive holds a file outside the upload folder")
        present = [name for name in names if storage.exists(name)]
        if present:
            raise BackupError(
                f"the file storage is not empty ({present[0]} exists): restore into an empty one"
            )
        ensure_empty(database)
        with tempfile.TemporaryDirectory(prefix="koers-restore-") as work:
            dump_name = "database.dump" if engine == "postgresql" else "database.sqlite3"
            dump = Path(work) / dump_name
            dump.write_bytes(member_bytes(archive, dump_name))
            if engine == "postgresql":
                run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--dbname",
                     str(database["NAME"]), str(dump)], database)  # fmt: skip
            else:
                if database is connections[alias].settings_dict:
                    connections[alias].close()
                target = Path(str(database["NAME"]))
                target.parent.mkdir(parents=True, exist_ok=True)
                with sqlite3.connect(dump) as copy, sqlite3.connect(target) as restored:
                    copy.backup(restored)
                copy.close()
                restored.close()
        for member, name in zip(media, names, strict=True):
            handle = archive.extractfile(member)
            assert handle is not None
            saved = storage.save(name, File(handle, name=name))
            if saved != name:
                raise BackupError(f"{name} was stored as {saved}")
    return Report(engine=engine, files=len(names), size=source.stat().st_size)


def member_bytes(archive: tarfile.TarFile, name: str) -> bytes:
    try:
        handle = archive.extractfile(name)
    except KeyError:
        raise BackupError(f"the archive has no {name}") from None
    if handle is None:
        raise BackupError(f"{name} in the archive is not a file")
    return handle.read()


def ensure_empty(database: dict[str, Any]) -> None:
    if engine_of(database) == "sqlite":
        path = Path(str(database["NAME"]))
        if path.exists() and path.stat().st_size > 0:
            with sqlite3.connect(path) as check:
                tables = check.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[
                    0
                ]
            check.close()
            if tables:
                raise BackupError(f"the database {path} is not empty: restore into a new one")
        return
    import psycopg  # noqa: PLC0415 - only PostgreSQL installs have the driver

    env = pg_environment(database)
    with psycopg.connect(
        host=env.get("PGHOST"),
        port=env.get("PGPORT"),
        user=env.get("PGUSER"),
        password=env.get("PGPASSWORD"),
        dbname=env["PGDATABASE"],
    ) as pg:
        row = pg.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
    if row and row[0]:
        raise BackupError(f"the database {env['PGDATABASE']} is not empty: restore into a new, empty one")
