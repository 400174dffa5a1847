"""Import keys and the upload endpoint: the admin makes a key that is shown once and stored as a hash, the
school's script posts its export with it (multipart or the raw body), the same safety rules as ``koers
import`` hold, every upload is a run "by key NAME", and a revoked or unknown key gets a 401."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.schooladmin.importing import tokens
from koers.schools.models import ImportRun, ImportToken, ImportVia, Role, RoleKind, Student
from tests import factories as f

HEADER = "Stamnr;Roepnaam;Achternaam;Klas\n"
TOKEN_PAGE_QUERIES = 3  # session, user+roles, the keys with who made them


def export(numbers: range) -> bytes:
    return (HEADER + "".join(f"{n};Naam{n};Achter{n};2K1\n" for n in numbers)).encode()


def make_key(client: Client, name: str = "Magister-script") -> str:
    page = client.post(reverse("schooladmin:import_tokens"), {"name": name, "preset": "magister"})
    assert page.status_code == 200
    found = re.search(r'value="(koers_imp_[^"]+)"', page.content.decode())
    assert found, "the new key is on the page"
    return found.group(1)


def script() -> Client:
    """The school's export script: no session, and Django's CSRF check switched on as in production."""
    return Client(enforce_csrf_checks=True)


def post_file(key: str, data: bytes, **params: str):
    return script().post(
        reverse("schooladmin:import_upload"),
        {"file": SimpleUploadedFile("leerlingen.csv", data), **params},
        headers={"Authorization": f"Bearer {key}"},
    )


def test_new_key_is_shown_once_and_stored_only_as_its_hash(login):
    client = login("admin")

    key = make_key(client)

    with scopes_disabled():
        token = ImportToken.objects.get()
    assert token.digest == hashlib.sha256(key.encode()).hexdigest()
    assert key not in (token.digest, token.hint, token.name)
    again = client.get(reverse("schooladmin:import_tokens")).content.decode()
    assert "Magister-script" in again and key not in again
    assert "nog nooit" in again  # never used yet


def test_new_key_without_name_is_refused_next_to_the_field_and_nothing_is_made(login):
    client = login("admin")

    page = client.post(reverse("schooladmin:import_tokens"), {"name": "  ", "preset": "somtoday"})

    assert page.status_code == 400
    assert "Geef de sleutel een naam" in page.content.decode()
    assert re.search(r'value="somtoday"[^>]*checked', page.content.decode())  # the choice is kept
    with scopes_disabled():
        assert not ImportToken.objects.exists()


def test_script_uploads_and_applies_end_to_end_recorded_as_run_by_key(world, login):
    admin = login("admin")
    key = make_key(admin)

    response = post_file(key, export(range(400001, 400004)), apply="1")

    assert response.status_code == 200
    body = response.json()
    assert body["applied"] is True and body["counts"]["students_new"] == 3
    with scopes_disabled():
        assert Student.objects.filter(number__startswith="40000").count() == 3
        run = ImportRun.objects.get()
        token = ImportToken.objects.get()
    assert (run.via, run.token_id, run.by_id, run.content) == (ImportVia.UPLOAD, token.pk, None, "")
    assert token.last_used_at is not None
    runs_page = admin.get(reverse("schooladmin:import_runs")).content.decode()
    assert "sleutel Magister-script" in runs_page


def test_script_sends_the_raw_body_without_apply_and_only_gets_the_preview(world, login):
    key = make_key(login("admin"))

    response = script().post(
        reverse("schooladmin:import_upload") + "?filename=week.csv",
        export(range(400001, 400003)),
        content_type="application/x-www-form-urlencoded",  # what curl --data-binary sends by default
        headers={"Authorization": f"Bearer {key}"},
    )

    assert response.status_code == 200
    assert response.json()["applied"] is False and response.json()["counts"]["students_new"] == 2
    with scopes_disabled():
        assert not Student.objects.filter(number__startswith="40000").exists()
        assert ImportRun.objects.get().filename == "week.csv"


def test_upload_past_a_safety_threshold_is_refused_with_409_and_the_reason(world, login):
    key = make_key(login("admin"))
    post_file(key, export(range(400001, 400041)), apply="1")

    # Next week's file names only 10 of the 40 students: 30 would leave.
    response = post_file(key, export(range(400001, 400011)), apply="1")

    assert response.status_code == 409
    assert response.json()["applied"] is False and response.json()["confirm"] == 30
    assert "Niet toegepast" in response.json()["refused"]
    with scopes_disabled():
        assert Student.objects.filter(number__startswith="4000", left_on__isnull=True).count() == 40


def test_unreadable_file_is_a_400_with_the_reason_and_recorded(world, login):
    key = make_key(login("admin"))

    response = post_file(key, b"Stamnr;Klas\n", apply="1")

    assert response.status_code == 400
    assert "alleen een kopregel" in response.json()["refused"]
    with scopes_disabled():
        assert ImportRun.objects.get().refused


@pytest.mark.parametrize(
    "header", ["", "Bearer", "Bearer koers_imp_unknown", "Basic abc", "Token koers_imp_x"]
)
def test_upload_without_a_valid_key_is_401_and_records_nothing(world, header):
    response = script().post(
        reverse("schooladmin:import_upload"),
        {"file": SimpleUploadedFile("x.csv", export(range(1, 3)))},
        headers={"Authorization": header} if header else {},
    )

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    with scopes_disabled():
        assert not ImportRun.objects.exists()


def test_revoked_key_is_refused_with_401(world, login):
    admin = login("admin")
    key = make_key(admin)
    with scopes_disabled():
        token = ImportToken.objects.get()

    revoked = admin.post(reverse("schooladmin:import_token_revoke", args=[token.pk]))

    assert revoked.status_code == 302
    assert post_file(key, export(range(400001, 400003)), apply="1").status_code == 401
    page = admin.get(reverse("schooladmin:import_tokens")).content.decode()
    assert "ingetrokken op" in page


def test_uploads_above_the_limit_per_key_get_429_and_are_not_recorded(world, login):
    key = make_key(login("admin"))
    other_key = make_key(login("admin"), name="Somtoday-script")
    for _n in range(tokens.UPLOADS.limit):
        assert post_file(key, export(range(400001, 400003))).status_code == 200

    refused = post_file(key, export(range(400001, 400003)))

    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert post_file(other_key, export(range(400001, 400003))).status_code == 200  # per key
    with scopes_disabled():
        assert ImportRun.objects.count() == tokens.UPLOADS.limit + 1


def test_admin_of_another_school_cannot_revoke_the_key(world, client):
    with scopes_disabled():
        token = f.ImportTokenFactory(school=world.school)
        other_admin = f.RoleFactory(school=world.other_school, kind=RoleKind.ADMIN).user
    client.force_login(other_admin)

    response = client.post(reverse("schooladmin:import_token_revoke", args=[token.pk]))

    assert response.status_code == 404
    with scopes_disabled():
        token.refresh_from_db()
        assert token.revoked_at is None


@pytest.mark.parametrize("count", [1, 6])
def test_token_page_costs_a_fixed_number_of_queries(world, login, django_assert_num_queries, count):
    client = login("admin")
    with scopes_disabled():
        admin = Role.objects.get(school=world.school, kind=RoleKind.ADMIN).user
        f.ImportTokenFactory.create_batch(count, school=world.school, created_by=admin)
    client.get(reverse("schooladmin:import_tokens"))

    with django_assert_num_queries(TOKEN_PAGE_QUERIES):
        page = client.get(reverse("schooladmin:import_tokens"))

    assert page.content.decode().count("abcd…") == count


def test_many_unknown_keys_from_one_address_pause_that_address(world, login):
    key = make_key(login("admin"))
    for n in range(tokens.WRONG_KEYS.limit):
        assert post_file(f"koers_imp_guess{n}", export(range(1, 2))).status_code == 401

    refused = post_file(key, export(range(400001, 400003)))

    assert refused.status_code == 429  # even the right key, from this address, for the rest of the window
    with scopes_disabled():
        assert not ImportRun.objects.exists()
