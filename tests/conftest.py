"""Personas: one per role at the first school, plus an outsider (a counsellor) at a second school.

Tests that read school-owned rows outside a request must activate a scope (``in_school``) or explicitly
disable scopes; an unscoped query raises, exactly as in production.
"""

import itertools
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.core.management import call_command
from django.core.management.commands import flush
from django.db import connection
from django.db.backends.postgresql.operations import DatabaseOperations
from django.test import Client, override_settings
from django_scopes import scopes_disabled

from koers.access.tenancy import school_scope
from koers.accounts.signals import SEEN_AT
from koers.common.ratelimit import STORE
from koers.schools.models import Group, Role, RoleKind, School, Student, User
from tests import factories as f
from tests.fast_flush import delete_instead_of_truncate, keep_model_catalogues
from tests.shared_rows import SHARED

LOCAL_FILES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Personas are created in every test; the production hasher's deliberate slowness is no use here.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook; a run without xdist has no such hook
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto`` starts one worker more than there are cores: a worker waits much of its time for
    PostgreSQL, Chromium or a server it started, and with one worker per core a quarter of the CPU stood
    idle."""
    return len(os.sched_getaffinity(0)) + 1


@pytest.fixture(scope="session", autouse=True)
def _flush_by_delete_on_postgresql() -> Iterator[None]:
    """A test that commits is followed by a flush of every table; on PostgreSQL by DELETE, not TRUNCATE, and
    without re-creating the content types and permissions it keeps (seconds per test faster, the same
    tables: tests/fast_flush.py)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            DatabaseOperations, "sql_flush", delete_instead_of_truncate(DatabaseOperations.sql_flush)
        )
        operations = type(connection.ops)
        patch.setattr(operations, "sql_flush", keep_model_catalogues(operations.sql_flush))
        patch.setattr(flush, "emit_post_migrate_signal", lambda *args, **kwargs: None)
        yield


IMMEDIATE_TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}
}


@pytest.fixture(scope="session", autouse=True)
def _test_settings(tmp_path_factory) -> Iterator[Path]:
    """The settings every test starts from, set once for the session (a test changes them with ``settings``):

    - files on the local disk;
    - jobs run as soon as their transaction commits (with ``django_capture_on_commit_callbacks``), so a test
      of a page sees the e-mail it sends; tests of the queue itself use the database backend and a worker
      (tests/background);
    - a fast password hasher: personas are created in every test, and the production hasher is slow on
      purpose;
    - a verb marked @leaves_trace that writes no audit row fails the test that called it (access/audit.py).

    Set per test, each was one more layer of settings that every lookup went through, and two signals.
    Yields the folder that holds each test's media folder."""
    with override_settings(
        STORAGES=LOCAL_FILES,
        TASKS=IMMEDIATE_TASKS,
        PASSWORD_HASHERS=FAST_HASHERS,
        KOERS_STRICT_TRACE=True,
    ):
        yield tmp_path_factory.mktemp("media")


MEDIA_FOLDERS = itertools.count()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, _test_settings: Path) -> None:
    """A media folder of its own per test, made only when the test stores a file. (pytest's ``tmp_path`` for
    each of the thousands of tests cost more as the session went on: it lists the folder to number the next
    one.)"""
    settings.MEDIA_ROOT = _test_settings / str(next(MEDIA_FOLDERS))


@pytest.fixture(scope="session")
def _shared_rows_session(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[None]:
    SHARED.media = tmp_path_factory.mktemp("shared-media")
    yield
    SHARED.close(django_db_blocker)


@pytest.fixture
def _shared_rows(request, _shared_rows_session, django_db_blocker) -> None:
    """The content and the world written once per worker (tests/shared_rows.py): in place for a test that
    asks for them (``content``, ``world`` or a fixture built on them) and rolls back; gone for any other test
    that uses the database, which starts from an empty one as before."""
    commits = _commits(request)
    if SHARED.held_by_module:
        if not commits:
            SHARED.settle(django_db_blocker)
    elif "content" in request.fixturenames and not commits:
        SHARED.open(django_db_blocker)
    else:
        SHARED.close(django_db_blocker)


@pytest.fixture
def _django_db_helper(_shared_rows, _django_db_helper) -> None:
    """pytest-django's database access for a test, with the shared rows set up (or taken away) first: the
    shared transaction must be the outer one around the test's own."""


@pytest.fixture
def content(db) -> None:
    """The shipped LOB content (qualities, motives, reflection prompts); the careers catalogue is loaded only
    by the tests that use it (tests/careers), which keeps every other test fast."""
    if not SHARED.is_open:
        call_command("load_content", "--area", "lob", verbosity=0)


@dataclass
class World:
    school: School
    other_school: School
    group: Group
    student: Student
    classmate: Student
    other_student: Student
    users: dict[str, User]

    def role(self, persona: str) -> Role:
        """The persona's role at the first school (the outsider's at the other school)."""
        with scopes_disabled():
            return Role.objects.select_related("school").get(user=self.users[persona])


PERSONAS = [
    "student",
    "classmate",
    "mentor",
    "counsellor",
    "teacher",
    "guardian",
    "leader",
    "admin",
    "outsider",
]


@pytest.fixture
def world(db, content) -> World:
    return SHARED.world() if SHARED.is_open else build_world()


def build_world() -> World:
    """Two schools and the personas; the permission matrix builds it once per module (see its fixtures)."""
    with scopes_disabled():
        school = f.SchoolFactory(name="Het Baken", slug="het-baken")
        other_school = f.SchoolFactory(name="De Overkant", slug="de-overkant")
        group = f.GroupFactory(school=school, name="3K1")
        student = f.StudentFactory(school=school, user__username="student", user__first_name="Samira")
        classmate = f.StudentFactory(school=school, user__username="classmate")
        f.MembershipFactory(student=student, group=group)
        f.MembershipFactory(student=classmate, group=group)
        mentor = f.RoleFactory(school=school, kind=RoleKind.MENTOR, user__username="mentor").user
        f.MentorshipFactory(group=group, mentor=mentor)
        guardian = f.RoleFactory(school=school, kind=RoleKind.GUARDIAN, user__username="guardian").user
        f.GuardianshipFactory(student=student, guardian=guardian)
        users = {
            "student": student.user,
            "classmate": classmate.user,
            "mentor": mentor,
            "guardian": guardian,
        }
        for name, kind in [
            ("counsellor", RoleKind.COUNSELLOR),
            ("teacher", RoleKind.TEACHER),
            ("leader", RoleKind.LEADER),
            ("admin", RoleKind.ADMIN),
        ]:
            users[name] = f.RoleFactory(school=school, kind=kind, user__username=name).user
        other_group = f.GroupFactory(school=other_school, name="2H1", track="havo", year_level=2)
        other_student = f.StudentFactory(school=other_school, user__username="other_student")
        f.MembershipFactory(student=other_student, group=other_group)
        users["outsider"] = f.RoleFactory(
            school=other_school, kind=RoleKind.COUNSELLOR, user__username="outsider"
        ).user
    return World(school, other_school, group, student, classmate, other_student, users)


def log_in_once(world: World) -> dict[str, str]:
    """A session per persona, made the way a log-in makes it, for many tests to reuse (each test's changes to
    it are rolled back): a log-in writes half a dozen rows (the session, the open-session record, axes' access
    log, the last login) and cost more than many a test's own work."""
    sessions = {}
    for persona, user in world.users.items():
        client = Client()
        client.force_login(user)
        sessions[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return sessions


@pytest.fixture
def login(client: Client, world: World) -> Callable[[str], Client]:
    """``login("mentor")`` returns the test client logged in as that persona: in the session logged in once
    with the shared rows when the test runs on them (tests/shared_rows.py), else logged in now."""

    def _login(persona: str) -> Client:
        session = SHARED.session(persona)
        if session:
            client.cookies[settings.SESSION_COOKIE_NAME] = session
            # Seen just now, as after a log-in: a stamp older than a minute is rewritten by the test's first
            # request, a session save that a query-count guard would count.
            stored = client.session
            stored[SEEN_AT] = int(time.time())
            stored.save()
        else:
            client.force_login(world.users[persona])
        return client

    return _login


@pytest.fixture
def in_school(world: World) -> Iterator[School]:
    """Activate the first school's scope for code that runs outside a request."""
    with school_scope(world.school):
        yield world.school


def _commits(request: pytest.FixtureRequest) -> bool:
    """Whether pytest-django runs the test without a transaction around it (and flushes afterwards)."""
    marker = request.node.get_closest_marker("django_db")
    fixtures = {"transactional_db", "live_server", "django_db_reset_sequences"}
    return bool(fixtures & set(request.fixturenames)) or bool(
        marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    )


@pytest.fixture(autouse=True)
def _empty_cache(request, django_db_blocker):
    """Counters kept in the cache must not carry over between tests. The rate limits live in a database table
    that a test's rollback empties; a test that commits (and so is flushed, which leaves that table alone)
    empties it afterwards."""
    cache.clear()
    yield
    cache.clear()
    if _commits(request):
        with django_db_blocker.unblock():
            caches[STORE].clear()
