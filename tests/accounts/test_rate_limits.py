"""Rate limits that hold: letter codes counted per address (with a ceiling one school's network does not
reach) and per code prefix across addresses; failed logins counted per address across usernames (password
spraying); the counters kept where every process sees them (the database, or Redis when configured)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.accounts.domain import invitations as domain
from koers.common.ratelimit import client_address
from koers.schools.models import Guardianship, RoleKind
from tests import factories as f
from tests.factories import PASSWORD

CODE = "KRS-AAQX-YZ23"
NEW_PASSWORD = "een-lang-wachtwoord-2024"


@pytest.fixture(autouse=True)
def _one_moment():
    # Counters belong to fixed windows of time; the whole test happens inside one of them.
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 1, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def letter(world) -> Guardianship:
    """A printed letter with the code CODE for a guardian without an account."""
    with scopes_disabled():
        user = f.UserFactory(username="imported.parent", email="", preferred_language="nl")
        user.set_unusable_password()
        user.save()
        f.RoleFactory(school=world.school, kind=RoleKind.GUARDIAN, user=user)
        guardianship = f.GuardianshipFactory(student=world.student, guardian=user)
        counsellor = world.role("counsellor")
        issued = domain.invite(guardianships=[guardianship], kind="letter", by=counsellor)[0]
        issued.invitation.code_hash = domain.hash_secret(domain.normalise_code(CODE))
        issued.invitation.save(update_fields=["code_hash"])
    return guardianship


def activate(code: str, *, address: str, username: str = "ouder.nieuw"):
    data = {
        "code": code,
        "language": "nl",
        "username": username,
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
    }
    return Client(REMOTE_ADDR=address).post(reverse("accounts:activate"), data)


def wrong_codes(count: int, *, first_letters: str = ""):
    """``count`` made-up codes, each with other first letters unless ``first_letters`` is given."""
    alphabet = domain.CODE_ALPHABET
    for n in range(count):
        start = first_letters or alphabet[n % len(alphabet)] + alphabet[(n // len(alphabet)) % len(alphabet)]
        yield f"KRS-{start}{alphabet[n % len(alphabet)]}B-CDEF"


def is_paused(response) -> bool:
    return response.status_code == 400 and "te vaak een verkeerde code" in response.content.decode()


# --- letter codes ------------------------------------------------------------------------------------------


def test_guessing_one_prefix_from_many_addresses_pauses_that_prefix(world, letter):
    for n, code in enumerate(wrong_codes(domain.WRONG_CODES_PER_PREFIX.limit, first_letters="AA")):
        assert not is_paused(activate(code, address=f"198.51.100.{n + 1}"))

    # A new address, the right code: codes starting with these letters wait, whoever types them.
    response = activate(CODE, address="203.0.113.7")

    assert is_paused(response)
    with scopes_disabled():
        assert not letter.guardian.__class__.objects.get(pk=letter.guardian_id).has_usable_password()


def test_a_paused_prefix_leaves_other_codes_working(world, letter):
    for n, code in enumerate(wrong_codes(domain.WRONG_CODES_PER_PREFIX.limit, first_letters="ZZ")):
        activate(code, address=f"198.51.100.{n + 1}")

    response = activate(CODE, address="203.0.113.7")

    assert response.status_code == 302
    assert response.headers["Location"] == reverse("home:guardian")


def test_parents_behind_one_school_address_who_mistype_do_not_lock_each_other_out(world, letter):
    # A parents' evening: fifteen parents on the school's network each mistype their own code once.
    for code in wrong_codes(15):
        assert not is_paused(activate(code, address="192.0.2.10"))

    response = activate(CODE, address="192.0.2.10")

    assert response.status_code == 302


def test_one_address_past_the_ceiling_is_paused_for_every_code(world, letter):
    for code in wrong_codes(domain.WRONG_CODES_PER_ADDRESS.limit):
        activate(code, address="192.0.2.66")

    assert is_paused(activate(CODE, address="192.0.2.66"))
    assert activate(CODE, address="192.0.2.67").status_code == 302


def test_the_pause_message_is_in_the_visitors_language(world, letter):
    for code in wrong_codes(domain.WRONG_CODES_PER_ADDRESS.limit):
        activate(code, address="192.0.2.66")

    data = {"code": CODE, "language": "en", "username": "x", "password1": "y", "password2": "y"}
    response = Client(REMOTE_ADDR="192.0.2.66").post(reverse("accounts:activate"), data)

    assert response.status_code == 400
    assert "te vaak" not in response.content.decode()
    assert 'lang="en"' in response.content.decode()


def test_wrong_codes_are_counted_in_the_database_every_process_shares(world, letter):
    activate("KRS-AAAA-BBBB", address="192.0.2.1")

    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM koers_rate_limits")
        (rows,) = cursor.fetchone()

    assert rows == 2  # this address, and this prefix


# --- password spraying -------------------------------------------------------------------------------------


def post_login(username: str, password: str, *, address: str):
    return Client(REMOTE_ADDR=address).post(reverse("login"), {"username": username, "password": password})


def test_one_password_tried_on_many_usernames_pauses_that_address(world, settings):
    settings.KOERS_LOGIN_ADDRESS_LIMIT = 5
    for username in ["student", "classmate", "mentor", "teacher", "leader"]:
        assert post_login(username, "Welkom2026!", address="198.51.100.9").status_code == 200

    refused = post_login("counsellor", PASSWORD, address="198.51.100.9")

    assert refused.status_code == 429
    assert "Vanaf dit netwerk is te vaak een verkeerd wachtwoord ingevuld" in refused.content.decode()
    assert 'value="counsellor"' in refused.content.decode()
    assert post_login("counsellor", PASSWORD, address="198.51.100.10").status_code == 302


def test_successful_logins_behind_one_address_are_not_counted(world, settings):
    settings.KOERS_LOGIN_ADDRESS_LIMIT = 2
    for _ in range(3):
        assert post_login("student", PASSWORD, address="192.0.2.10").status_code == 302

    assert post_login("mentor", PASSWORD, address="192.0.2.10").status_code == 302


# --- the address behind a proxy ----------------------------------------------------------------------------


def test_behind_a_trusted_proxy_the_address_it_saw_counts_not_one_made_up(rf, settings):
    settings.KOERS_TRUSTED_PROXIES = 1
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9")

    assert client_address(request) == "198.51.100.9"


def test_without_a_trusted_proxy_forwarded_addresses_are_ignored(rf, settings):
    settings.KOERS_TRUSTED_PROXIES = 0
    request = rf.get("/", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="1.2.3.4")

    assert client_address(request) == "198.51.100.9"
