"""A young student logs in on a school tablet by opening the URL in their card's QR code, and lands on their
dossier; a card the mentor revoked shows a clear refusal."""

import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from koers.accounts.domain import logins as domain
from tests.e2e.conftest import assert_fits_the_screen

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_student_opens_the_qr_card_url_and_lands_on_their_dossier(world, phone: Page, finish):
    with scopes_disabled():
        card = domain.issue_card(student=world.student, by=world.role("mentor"))

    phone.goto(reverse("accounts:card_login", kwargs={"token": card.token}))

    expect(phone).to_have_url(re.compile(re.escape(reverse("dossier:home")) + "$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Mijn loopbaandossier")
    assert_fits_the_screen(phone)
    finish(phone, "login-card-student")


def test_student_with_a_revoked_card_sees_why_it_does_not_work(world, phone: Page, finish):
    with scopes_disabled():
        card = domain.issue_card(student=world.student, by=world.role("mentor"))
        domain.revoke_card(card=card.card, by=world.role("mentor"))

    phone.goto(reverse("accounts:card_login", kwargs={"token": card.token}))

    expect(phone.get_by_role("alert")).to_contain_text("ingetrokken")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Inlogkaart werkt niet")
    finish(phone, "login-card-revoked")
