"""The permission matrix: every URL of Koers, called as every persona, gives exactly the answer in TABLE.

Every URL pattern needs a row here; a new page without one fails ``test_every_url_has_a_row_in_the_matrix``.
A row says how to build the URL's arguments from objects of ``world.student`` (first school) and what each
persona gets for a GET: a page (200), a redirect to the login page (anonymous), a redirect elsewhere, a 404
(never a 403: no hint that something exists) or a 405 for POST-only URLs. POST-only URLs also state what an
empty POST answers, so refused personas are proven to get a 404 there too.
The outsider is a counsellor at another school: every object of the first school must be a 404 for them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone
from django_scopes import scopes_disabled

import koers
from koers.conversations.models import Conversation
from koers.language.family import is_family_source
from koers.schools.models import Guardianship, Role
from tests import factories as f
from tests.accounts.matrix_rows import ROWS as ACCOUNTS_ROWS
from tests.background.matrix_rows import ROWS as BACKGROUND_ROWS
from tests.careers.matrix_rows import ROWS as CAREERS_ROWS
from tests.choices.matrix_rows import ROWS as CHOICES_ROWS
from tests.conftest import World, build_world, log_in_once
from tests.conversations.matrix_rows import ROWS as CONVERSATIONS_ROWS
from tests.dossier.matrix_rows import ROWS as DOSSIER_ROWS
from tests.matrix import (
    ALLOWED,
    ANONYMOUS,
    LOGIN,
    PERSONAS,
    POST_ONLY,
    Allowed,
    Expect,
    Objects,
    Redirect,
    Row,
    answers,
    only,
)
from tests.notifications.matrix_rows import ROWS as NOTIFICATIONS_ROWS
from tests.once import built_once
from tests.partners.matrix_rows import ROWS as PARTNERS_ROWS
from tests.programme.matrix_rows_assignments import ROWS as PROGRAMME_ASSIGNMENTS_ROWS
from tests.programme.matrix_rows_lobline import ROWS as PROGRAMME_LOBLINE_ROWS
from tests.programme.matrix_rows_planning import ROWS as PROGRAMME_PLANNING_ROWS
from tests.quality.matrix_rows import ROWS as QUALITY_ROWS
from tests.schooladmin.matrix_rows import ROWS as SCHOOLS_IMPORT_ROWS
from tests.transfer.matrix_rows_moving import ROWS as TRANSFER_MOVING_ROWS
from tests.transfer.matrix_rows_privacy import ROWS as TRANSFER_PRIVACY_ROWS

TABLE: dict[str, Row | list[Row]] = {
    # --- project-level URLs ---
    "home": Row(
        get=answers(
            ALLOWED,
            student=Redirect("dossier:home"),
            classmate=Redirect("dossier:home"),
            mentor=Redirect("home:mentor"),
            counsellor=Redirect("home:counsellor"),
            teacher=Redirect("home:teacher"),
            guardian=Redirect("home:guardian"),
            leader=Redirect("home:leader"),
            admin=Redirect("home:admin"),
            outsider=Redirect("home:counsellor"),
        )
    ),
    "login": Row(get=answers(Redirect("home"), anonymous=200)),
    # Django's LogoutView accepts only POST.
    "logout": Row(get=answers(405, anonymous=405), post=answers(LOGIN, anonymous=LOGIN)),
    # Switching to the student's role works only for the student; for everyone else it is not theirs.
    "switch_role": Row(
        get=POST_ONLY,
        post=only(student=Redirect("home")),
        post_data=lambda o: {"role": o.student_role.pk},
    ),
    # Choosing a language is POST-only and open to everyone; a refused or missing choice goes back home.
    "language": Row(
        get=answers(405, anonymous=405), post=answers(Redirect("home"), anonymous=Redirect("home"))
    ),
    # Simple language is a logged-in person's choice, saved on them: POST only, then back (home by default).
    "simple_language": Row(get=POST_ONLY, post=answers(Redirect("home"))),
    # Read-aloud audio: only for a text a page signed, for anyone (the login page reads aloud too); without
    # a token a 404.
    "read_aloud": Row(get=answers(404, anonymous=404)),
    # The accessibility statement is public.
    "accessibility": Row(get=answers(200, anonymous=200)),
    # --- landing pages of the roles: another role's page is a 404 ---
    "home:mentor": Row(get=only(mentor=200)),
    "home:counsellor": Row(get=only(counsellor=200, outsider=200)),
    "home:guardian": Row(get=only(guardian=200)),
    "home:teacher": Row(get=only(teacher=200)),
    "home:leader": Row(get=only(leader=200)),
    "home:admin": Row(get=only(admin=200)),
    "schooladmin:settings": Row(get=only(admin=200)),
    **DOSSIER_ROWS,
    **CONVERSATIONS_ROWS,
    # --- areas that keep their rows next to their tests ---
    **ACCOUNTS_ROWS,
    **SCHOOLS_IMPORT_ROWS,
    **PROGRAMME_PLANNING_ROWS,
    **PROGRAMME_LOBLINE_ROWS,
    **PROGRAMME_ASSIGNMENTS_ROWS,
    **TRANSFER_MOVING_ROWS,
    **TRANSFER_PRIVACY_ROWS,
    **BACKGROUND_ROWS,
    **NOTIFICATIONS_ROWS,
    **PARTNERS_ROWS,
    **CHOICES_ROWS,
    **CAREERS_ROWS,
    **QUALITY_ROWS,
}


# --- walking the URL configuration ---


def walk(resolver: URLResolver, namespace: str = "", prefix: str = "") -> Iterator[tuple[str | None, str]]:
    """(full name or None, route) for every pattern, through every include."""
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else None), prefix + str(entry.pattern)


def url_routes() -> dict[str | None, list[str]]:
    routes: dict[str | None, list[str]] = {}
    for name, route in walk(get_resolver("koers.urls")):
        routes.setdefault(name, []).append(route)
    return routes


def rows_of(name: str) -> list[Row]:
    row = TABLE[name]
    return row if isinstance(row, list) else [row]


def _label(name: str, row: Row) -> str:
    return f"{name}[{row.variant}]" if row.variant else name


def cases(method: str) -> list[Any]:
    """One test per row; it asks every persona (``ask_each``)."""
    return [
        pytest.param(name, row, id=_label(name, row))
        for name in TABLE
        for row in rows_of(name)
        if method == "get" or row.post is not None
    ]


def test_every_url_has_a_row_in_the_matrix():
    routes = url_routes()

    unnamed = routes.get(None, [])
    missing = sorted(name for name in routes if name is not None and name not in TABLE)

    assert not unnamed, f"give these URL patterns a name: {unnamed}"
    assert not missing, f"add rows to TABLE in tests/test_permission_matrix.py for: {missing}"


def test_every_row_in_the_matrix_names_an_existing_url():
    routes = url_routes()

    stale = sorted(name for name in TABLE if name not in routes)

    assert not stale, f"these URL names no longer exist; remove their rows: {stale}"


def test_matrix_covers_the_walked_url_configuration():
    # The walk itself must find the included namespaces, or the two tests above prove nothing.
    names = set(url_routes())

    assert {"login", "home", "home:mentor", "dossier:home"} <= names


def test_outsider_gets_404_for_every_first_school_object_in_the_matrix():
    # A row may not quietly let the other school in: GET is a 404, or a 405 with a POST that is a 404.
    wrong = []
    for name in TABLE:
        for row in rows_of(name):
            # A row that answers everyone alike, logged in or not, is public (a link that carries its own
            # secret, such as an invitation): it tells the outsider nothing a visitor would not learn.
            if not row.points_at_objects or len(set(map(str, row.get.values()))) == 1:
                continue
            refused = row.get["outsider"] == 404 or (
                row.get["outsider"] == 405 and row.post is not None and row.post["outsider"] == 404
            )
            if not refused:
                wrong.append(f"{name}[{row.variant}]" if row.variant else name)

    assert not wrong, f"the outsider must get 404 for: {wrong}"


# --- the objects URLs point at ---


# The world and its objects are built once per module (per test worker, tests/once.py). Each row is one test
# that asks every persona in turn; each persona's request runs in a savepoint of its own with an empty cache,
# as if it were a test of its own, so what a request (or building its objects) writes is gone for the next.
# Building the objects per cell cost two schools and fifteen objects for each of the ~2,000 cells, and a
# pytest test per persona cost more than the request it made.


@pytest.fixture(scope="module")
def _matrix(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[tuple[Path, Objects]]:
    media = tmp_path_factory.mktemp("matrix-media")
    with built_once(django_db_blocker, media):
        call_command("load_content", verbosity=0)
        objects = build_objects(build_world())
        objects.sessions.update(log_in_once(objects.world))
        yield media, objects


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, _matrix) -> None:
    """The module's files (voice notes, evidence) stay where the module's objects put them."""
    settings.MEDIA_ROOT = _matrix[0]


@pytest.fixture
def world(db, _matrix) -> World:
    return _matrix[1].world


@pytest.fixture
def module_objects(db, _matrix) -> Objects:
    """The module's objects, for a test that hands each persona a copy (``ask_each``)."""
    return _matrix[1]


@pytest.fixture
def objects(db, _matrix) -> Objects:
    # A fresh copy per test: rows cache what they build on first use on it, and those rows are rolled back.
    return dataclasses.replace(_matrix[1])


def build_objects(world: World) -> Objects:
    with scopes_disabled():
        student = world.student
        mentor = world.users["mentor"]
        experience = f.ExperienceFactory(student=student, title="Stage bij de bakker")
        shared_experience = f.ExperienceFactory(
            student=student, title="Open dag ROC", shared_with_guardians=True
        )
        reflection = f.ReflectionFactory(experience=experience)
        voice_answer = f.ReflectionAnswerFactory(
            reflection=reflection,
            voice=ContentFile(b"OggS" + bytes(60), name="spraak.ogg"),
            voice_content_type="audio/ogg",
        )
        ambition = f.AmbitionFactory(student=student)
        return Objects(
            world=world,
            experience=experience,
            shared_experience=shared_experience,
            evidence=f.EvidenceFactory(experience=experience),
            shared_evidence=f.EvidenceFactory(experience=shared_experience),
            reflection=reflection,
            voice_answer=voice_answer,
            quality=f.StudentTraitFactory(student=student),
            compliment=f.ComplimentFactory(student=student, given_by=mentor),
            ambition=ambition,
            step=f.AmbitionStepFactory(ambition=ambition),
            contact=f.ContactFactory(student=student),
            action=f.ActionFactory(student=student),
            shared_action=f.ActionFactory(student=student, shared_with_guardians=True),
            remark=f.RemarkFactory(experience=experience, author=mentor),
            student_role=Role.objects.get(user=student.user, school=world.school),
        )


def client_for(persona: str, objects: Objects) -> Client:
    """A client of the persona (logged in through the module's session) or of a visitor."""
    client = Client()
    if persona != ANONYMOUS:
        client.cookies[settings.SESSION_COOKIE_NAME] = objects.sessions[persona]
    return client


def check(response: Any, expected: Expect, url: str, serves: str = "") -> None:
    status = response.status_code
    if status == 200:
        kind = response.get("Content-Type", "")
        assert kind.startswith(serves), f"{url}: serves {kind}, the row says {serves}"
    location = response.headers.get("Location", "")
    where = urlsplit(location).path
    if isinstance(expected, Allowed):
        assert status in (200, 204, 302), f"{url}: {status}"
        if status == 302:
            assert where != reverse("login"), f"{url}: sent to the login page"
    elif isinstance(expected, Redirect):
        assert status == 302, f"{url}: expected a redirect, got {status}"
        if expected.to is None:
            assert where != reverse("login"), f"{url}: sent to the login page"
        else:
            assert resolve(where).view_name == expected.to, f"{url}: redirected to {location}"
    else:
        assert status == expected, f"{url}: expected {expected}, got {status} {location}"


def ask_each(base: Objects, cases: Iterable[str], ask: Callable[[str, Objects], None]) -> list[str]:
    """``ask(case, objects)`` for every case (a persona, or a guardian's situation), each in a savepoint with
    a fresh copy of the objects and an empty cache, as if it were a test of its own; returns what went wrong,
    case by case, so one run names every wrong cell."""
    wrong = []
    for case in cases:
        cache.clear()
        with transaction.atomic():
            try:
                ask(case, dataclasses.replace(base))
            except AssertionError as error:
                wrong.append(f"{case}: {error}")
            transaction.set_rollback(True)
    return wrong


@pytest.mark.parametrize(("name", "row"), cases("get"))
def test_get(name: str, row: Row, module_objects: Objects):
    def ask(persona: str, objects: Objects) -> None:
        url = row.url(name, objects)
        check(client_for(persona, objects).get(url), row.get[persona], url, row.serves)

    wrong = ask_each(module_objects, PERSONAS, ask)

    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(("name", "row"), cases("post"))
def test_post(name: str, row: Row, module_objects: Objects):
    assert row.post is not None
    expected = row.post

    def ask(persona: str, objects: Objects) -> None:
        url = row.url(name, objects)
        check(client_for(persona, objects).post(url, row.post_data(objects)), expected[persona], url)

    wrong = ask_each(module_objects, PERSONAS, ask)

    assert not wrong, "\n".join(wrong)


# --- guardians and conversations: the law and the invitation, for every conversation URL ---
# The guardian persona in TABLE has parental authority of a child under 16 and is invited to the
# driegesprekken. Here the same URLs are called by that guardian in the situations the law cares about:
# without parental authority, as guardian of a 16+ student who hid the dossier, not invited, and not invited
# without authority. Only the URLs in GUARDIAN_REACHES answer a guardian at all; every other conversation URL
# must refuse them in every situation (its TABLE answer for the guardian is 404 or 405, and stays so).
GUARDIAN_SITUATIONS = ("without_authority", "hidden_at_16", "not_invited", "not_invited_without_authority")
GUARDIAN_REACHES: dict[str, dict[str, Expect]] = {
    # Invited: time and place (the goal only with authority, see tests/conversations/test_guardian_access.py).
    "conversations:detail": {
        "without_authority": 200,
        "hidden_at_16": 200,
        "not_invited": 404,
        "not_invited_without_authority": 404,
    },
    # Preparing is for invited guardians only.
    "conversations:prepare": {
        "without_authority": 200,
        "hidden_at_16": 200,
        "not_invited": 404,
        "not_invited_without_authority": 404,
    },
    "conversations:ics": {
        "without_authority": 200,
        "hidden_at_16": 200,
        "not_invited": 404,
        "not_invited_without_authority": 404,
    },
    # The list itself is always there (it may be empty).
    "conversations:mine": dict.fromkeys(GUARDIAN_SITUATIONS, 200),
    # The shared report: only with authority and a dossier the guardian may see.
    "conversations:report_pdf[shared]": {
        "without_authority": 404,
        "hidden_at_16": 404,
        "not_invited": 200,
        "not_invited_without_authority": 404,
    },
}


def _conversation_rows() -> list[tuple[str, Row]]:
    return [(name, row) for name in TABLE if name.startswith("conversations:") for row in rows_of(name)]


def test_every_conversation_url_is_judged_for_guardians(db):
    routes = {name for name in url_routes() if name and name.startswith("conversations:")}
    labels = {_label(name, row) for name, row in _conversation_rows()}

    assert {name for name, _row in _conversation_rows()} == routes
    assert set(GUARDIAN_REACHES) <= labels
    for name, row in _conversation_rows():
        if _label(name, row) not in GUARDIAN_REACHES:
            assert row.get["guardian"] in (404, 405), f"{_label(name, row)}: say what a guardian gets"
            assert row.post is None or row.post["guardian"] == 404, _label(name, row)


def _put_guardian_in(situation: str, world: World) -> None:

    guardian = world.users["guardian"]
    with scopes_disabled():
        if "without_authority" in situation:
            Guardianship.objects.filter(guardian=guardian).update(has_authority=False)
        if situation == "hidden_at_16":
            student = world.student
            today = timezone.localdate()
            student.date_of_birth = today.replace(year=today.year - 17)
            student.dossier_hidden_from_guardians = True
            student.save(update_fields=["date_of_birth", "dossier_hidden_from_guardians"])
        if situation.startswith("not_invited"):
            Conversation.guardians.through.objects.filter(user_id=guardian.pk).delete()


@pytest.mark.parametrize(
    ("name", "row"), [pytest.param(n, r, id=_label(n, r)) for n, r in _conversation_rows()]
)
def test_guardian_situations_for_every_conversation_url(name: str, row: Row, module_objects: Objects):
    reaches = GUARDIAN_REACHES.get(_label(name, row))

    def ask(situation: str, objects: Objects) -> None:
        url = row.url(name, objects)  # builds the objects first
        _put_guardian_in(situation, objects.world)
        client = client_for("guardian", objects)
        check(client.get(url), reaches[situation] if reaches else row.get["guardian"], url, row.serves)
        if row.post is not None:
            check(client.post(url, row.post_data(objects)), 404, url)

    wrong = ask_each(module_objects, GUARDIAN_SITUATIONS, ask)

    assert not wrong, "\n".join(wrong)


# --- every page a student or guardian opens is in the family translation set ---

FAMILY_PERSONAS = [ANONYMOUS, "student", "guardian"]


def test_every_template_a_family_page_renders_is_translated_into_the_family_languages(objects: Objects):
    """A page that a student, a guardian or a visitor opens may only use templates named in
    ``language/family.py:FAMILY_SOURCES``, so the translation test demands every text on it in the family
    languages. Found by opening every URL of the matrix that answers them with a page."""
    root = Path(koers.__file__).resolve().parent
    missing: dict[str, set[str]] = {}
    for name in TABLE:
        for row in rows_of(name):
            for persona in FAMILY_PERSONAS:
                if row.get[persona] != 200:
                    continue
                url = row.url(name, objects)
                response = client_for(persona, objects).get(url)
                for template in response.templates:
                    origin = Path(template.origin.name).resolve()
                    if not origin.is_relative_to(root):
                        continue  # Django's own widgets, translated by Django
                    source = str(origin.relative_to(root))
                    if not is_family_source(source):
                        missing.setdefault(source, set()).add(f"{name} ({persona})")

    assert not missing, "add to FAMILY_SOURCES (and translate): " + "; ".join(
        f"{source} <- {', '.join(sorted(pages))}" for source, pages in sorted(missing.items())
    )
