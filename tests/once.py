"""Rows built once per test module (per worker) and shared by its tests: the permission matrix's world and
the demo school. Building them per test cost most of those tests' time (a demo is hundreds of rows).

The rows are written inside a transaction that is rolled back when the module ends; each test still runs in
a savepoint of its own (pytest-django's ``db``), so whatever a test changes is gone for the next one. Files
the rows write (demo photos, voice notes) go to a folder of the module, which its tests read through
``module_media``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from koers.demo.builder import DemoReport, build_demo
from tests.shared_rows import SHARED


@contextmanager
def built_once(django_db_blocker: Any, media: Path) -> Iterator[None]:
    """Database access for a module-scoped fixture, in a transaction rolled back at the module's end; the
    rows shared by other tests (tests/shared_rows.py) are taken away first."""
    SHARED.close(django_db_blocker)
    SHARED.held_by_module = True
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        try:
            yield
        finally:
            transaction.set_rollback(True)
            SHARED.held_by_module = False


def demo_once(
    *, students: int, seed: int, content: bool = False
) -> Callable[..., Iterator[tuple[Path, DemoReport]]]:
    """A module-scoped fixture yielding ``(media folder, build_demo(students=..., seed=...))``; with
    ``content`` every shipped catalogue is loaded first (``koers load-content``), as on a deployed server.

    Give a module one such fixture only, used by every test in it: a second would be built on top of the
    first (a demo rebuild replaces the previous demo), and a test that did not ask for it would still see it.
    """

    @pytest.fixture(scope="module")
    def _demo(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[tuple[Path, DemoReport]]:
        media = tmp_path_factory.mktemp("demo-media")
        with built_once(django_db_blocker, media):
            if content:
                call_command("load_content", verbosity=0)
            yield media, build_demo(students=students, seed=seed)

    return _demo
