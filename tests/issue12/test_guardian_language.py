"""Issue 12, item 5: a guardian's first screen is in the language the school recorded for them."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from koers.accounts.domain import invitations as domain
from koers.accounts.printing import invitation_link, letter_entry, letters_html
from koers.schools.models import Role, RoleKind
from tests import factories as f


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def arabic_guardian(world):
    with scopes_disabled():
        user = f.UserFactory(username="ouder.ar", email="ouder@example.org", preferred_language="ar")
        user.set_unusable_password()
        user.save()
        f.RoleFactory(school=world.school, kind=RoleKind.GUARDIAN, user=user)
        return f.GuardianshipFactory(student=world.student, guardian=user)


def issue(world, guardianship, kind: str) -> domain.IssuedInvitation:
    with scopes_disabled():
        by = Role.objects.get(user=world.users["counsellor"], school=world.school)
        return domain.invite(guardianships=[guardianship], kind=kind, by=by)[0]


def local(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def test_the_letters_qr_code_opens_the_page_in_the_guardians_language(client, world, arabic_guardian):
    issued = issue(world, arabic_guardian, "letter")
    with scopes_disabled():
        entry = letter_entry(issued)

    page = client.get(local(entry["qr_url"]))

    html = page.content.decode()
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in html
    assert f'value="{issued.code}"' in html
    assert '<option value="ar" selected>' in html
    # the language buttons, each a link to this page in that language that keeps the code
    assert f"?code={issued.code}&amp;taal=uk" in html


def test_the_email_link_opens_the_page_in_the_guardians_language(client, world, arabic_guardian):
    issued = issue(world, arabic_guardian, "letter")

    with scopes_disabled():
        link = invitation_link(issued)
    assert "taal=ar" in link
    assert '<html lang="ar"' in client.get(local(link)).content.decode()
    # an older link without the language still opens in the recorded language
    bare = reverse("accounts:activate_link", kwargs={"token": issued.token})
    assert '<html lang="ar"' in client.get(bare).content.decode()


def test_the_code_box_on_the_letter_speaks_the_guardians_language_too(world, arabic_guardian):
    issued = issue(world, arabic_guardian, "letter")
    with scopes_disabled():
        html = letters_html([issued])
    with translation.override("ar"):
        arabic_label = translation.gettext("Uw code")

    assert arabic_label != "Uw code"
    box = html.split('class="access"')[1]
    assert "Uw code" in box and arabic_label in box
