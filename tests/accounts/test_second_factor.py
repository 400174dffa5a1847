"""A school can require a second factor (TOTP) for staff; then nothing opens before the code is entered."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_scopes import scopes_disabled

from koers.accounts.models import SchoolLoginPolicy
from tests import factories as f
from tests.factories import PASSWORD
from tests.refusals import assert_not_found, nothing_written


def code_for(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


@pytest.fixture
def required(world):
    with scopes_disabled():
        return f.SchoolLoginPolicyFactory(school=world.school, staff_second_factor=True)


def password_login(client, username):
    return client.post(reverse("login"), {"username": username, "password": PASSWORD})


def test_second_factor_off_lets_staff_in_with_only_a_password(world, client):
    password_login(client, "mentor")

    assert client.get(reverse("home:mentor")).status_code == 200


def test_second_factor_required_sends_staff_to_the_code_before_any_page(world, client, required):
    password_login(client, "mentor")

    response = client.get(reverse("home:mentor"))

    assert response.headers["Location"] == reverse("accounts:otp_verify")


def test_second_factor_without_a_device_goes_to_setting_one_up_with_a_qr_code(world, client, required):
    password_login(client, "mentor")

    response = client.get(reverse("accounts:otp_verify"), follow=True)

    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("accounts:otp_setup")
    assert "<svg" in page
    assert "Scan deze QR-code" in page


def test_second_factor_setup_with_the_right_code_opens_the_pages(world, client, required):
    password_login(client, "mentor")
    client.get(reverse("accounts:otp_setup"))
    device = TOTPDevice.objects.get(user=world.users["mentor"])

    response = client.post(reverse("accounts:otp_setup"), {"code": code_for(device)})

    assert response.headers["Location"] == reverse("home")
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("home:mentor")).status_code == 200


def test_second_factor_wrong_code_gives_a_dutch_message_next_to_the_field(world, client, required):
    TOTPDevice.objects.create(user=world.users["mentor"], name="Koers", confirmed=True)
    password_login(client, "mentor")

    response = client.post(reverse("accounts:otp_verify"), {"code": "000000"})

    page = response.content.decode()
    assert response.status_code == 400
    assert "Deze code klopt niet" in page
    assert 'aria-invalid="true"' in page
    assert client.get(reverse("home:mentor")).status_code == 302


def test_second_factor_right_code_at_login_opens_the_pages(world, client, required):
    device = TOTPDevice.objects.create(user=world.users["mentor"], name="Koers", confirmed=True)
    password_login(client, "mentor")

    client.post(reverse("accounts:otp_verify"), {"code": code_for(device)})

    assert client.get(reverse("home:mentor")).status_code == 200


def test_second_factor_cannot_be_replaced_by_someone_with_only_the_password(world, client, required):
    TOTPDevice.objects.create(user=world.users["mentor"], name="Koers", confirmed=True)
    password_login(client, "mentor")

    response = client.get(reverse("accounts:otp_setup"))

    assert response.headers["Location"] == reverse("accounts:otp_verify")


def test_second_factor_is_not_asked_of_students(world, client, required):
    password_login(client, "student")

    assert client.get(reverse("dossier:home")).status_code == 200


def test_second_factor_policy_of_another_school_does_not_apply(world, client):
    with scopes_disabled():
        f.SchoolLoginPolicyFactory(school=world.other_school, staff_second_factor=True)
    password_login(client, "mentor")

    assert client.get(reverse("home:mentor")).status_code == 200


def test_second_factor_policy_is_set_by_the_admin(world, login):
    client = login("admin")

    response = client.post(reverse("accounts:policy"), {"staff_second_factor": "on"}, follow=True)

    assert "Het inlogbeleid is bewaard" in response.content.decode()
    with scopes_disabled():
        assert SchoolLoginPolicy.objects.get(school=world.school).staff_second_factor


def test_second_factor_policy_page_is_a_404_for_a_mentor(world, login):
    with nothing_written(SchoolLoginPolicy):
        response = login("mentor").post(reverse("accounts:policy"), {"staff_second_factor": "on"})

    assert_not_found(response)
