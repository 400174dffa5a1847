"""Every absolute link Koers writes starts with KOERS_PUBLIC_URL, whatever host the request came in on.

The requests here arrive at http://localhost:8000 (as behind a proxy that passes its own address); each kind
of output (e-mails, .ics, letters and their QR codes, login cards, the PDFs, notification mails, the demo's
login list) must link to the public address and never to localhost."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.access.tenancy import school_scope
from koers.accounts import printing
from koers.accounts.models import InvitationKind
from koers.demo.management.commands.demo import format_logins
from koers.notifications.tasks import remind
from koers.schools.models import Guardianship
from tests import factories as f
from tests.background.jobs import download
from tests.conversations.planning_setup import plan_as_mentor
from tests.partners import factories as pf

PUBLIC = "https://koers.school.example"
LOCAL = ("localhost", "127.0.0.1", "testserver")
URL = re.compile(r"https?://[^\s\"'<>)]+")


@pytest.fixture
def public(settings):
    settings.KOERS_PUBLIC_URL = PUBLIC
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]


@pytest.fixture
def qr_links(monkeypatch) -> list[str]:
    """What every QR code printed during the test encodes."""
    seen: list[str] = []
    original = printing.qr_svg

    def recording(url: str) -> str:
        seen.append(url)
        return original(url)

    monkeypatch.setattr(printing, "qr_svg", recording)
    return seen


def links_in(text: str) -> list[str]:
    return [u for u in URL.findall(text) if "w3.org" not in u]


def assert_public(links: list[str]) -> None:
    assert links, "no link found"
    for link in links:
        assert link == PUBLIC or link.startswith(PUBLIC + "/"), link
        assert not any(host in link for host in LOCAL), link


def local_client(client, world, persona):
    client.force_login(world.users[persona])
    client.defaults["HTTP_HOST"] = "localhost:8000"
    return client


def pdf_text(content: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_conversation_invitation_mail_and_its_ics(public, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        plan_as_mentor(world)
    (message,) = mail.outbox
    calendar = message.attachments[0][1]
    calendar = calendar.decode() if isinstance(calendar, bytes) else calendar

    assert_public(links_in(message.body))
    assert_public(links_in(calendar.replace("\r\n ", "")))


def test_ics_download(public, world, client):
    with scopes_disabled():
        conversation = f.ConversationFactory(
            student=world.student, scheduled_at=timezone.now() + dt.timedelta(days=2)
        )
    response = local_client(client, world, "student").get(
        reverse("conversations:ics", kwargs={"pk": conversation.pk})
    )

    assert_public(links_in(response.content.decode().replace("\r\n ", "")))


def guardian_with_address(world) -> Guardianship:
    with scopes_disabled():
        guardian = world.users["guardian"]
        guardian.email = "ouder@example.org"
        guardian.save()
        return Guardianship.objects.get(guardian=guardian)


def test_guardian_invitation_mail(public, world, client, django_capture_on_commit_callbacks):
    guardianship = guardian_with_address(world)
    with django_capture_on_commit_callbacks(execute=True):
        local_client(client, world, "admin").post(
            reverse("accounts:invitations_send"),
            {"guardianship": [guardianship.pk], "kind": InvitationKind.EMAIL},
        )

    (message,) = mail.outbox
    assert_public(links_in(message.body))


def test_guardian_letters_pdf_and_qr(
    public, world, client, qr_links, tmp_path, django_capture_on_commit_callbacks
):
    guardianship = guardian_with_address(world)
    local = local_client(client, world, "admin")
    with django_capture_on_commit_callbacks(execute=True):
        response = local.post(
            reverse("accounts:invitations_send"),
            {"guardianship": [guardianship.pk], "kind": InvitationKind.LETTER},
        )

    text = pdf_text(download(local, response), tmp_path)
    assert_public(links_in(text))
    assert_public(qr_links)


def test_login_cards_of_a_group_and_of_one_student(
    public, world, client, qr_links, django_capture_on_commit_callbacks
):
    local = local_client(client, world, "mentor")
    with django_capture_on_commit_callbacks(execute=True):
        local.post(reverse("accounts:cards_group_pdf", kwargs={"pk": world.group.pk}), {"which": "all"})
    local.post(reverse("accounts:cards_student_pdf", kwargs={"pk": world.student.pk}))

    assert len(qr_links) == 3
    assert_public(qr_links)


def test_password_reset_mail(public, world, client, django_capture_on_commit_callbacks):
    client.defaults["HTTP_HOST"] = "localhost:8000"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": world.users["mentor"].email})

    (message,) = mail.outbox
    assert_public(links_in(message.body))


def test_notification_mail(public, world, django_capture_on_commit_callbacks):

    with scopes_disabled():
        f.ActionFactory(student=world.student, due_on=timezone.localdate() - dt.timedelta(days=1))
    with school_scope(world.school), django_capture_on_commit_callbacks(execute=True):
        remind(world.school, "daily", timezone.now())

    (message,) = mail.outbox
    assert_public(links_in(message.body))


def test_demo_login_list(public):

    assert_public(links_in(format_logins([])))


def test_mentors_own_calendar_feed(public, world, client):
    with scopes_disabled():
        f.ConversationFactory(
            student=world.student,
            mentor=world.users["mentor"],
            scheduled_at=timezone.now() + dt.timedelta(days=3),
        )
    response = local_client(client, world, "mentor").get(reverse("conversations:mentor_ics"))
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode()

    assert_public(links_in(text.replace("\r\n ", "")))


def test_supervisor_link_shown_to_the_mentor(public, world, client):

    with scopes_disabled():
        internship = pf.InternshipFactory(place__partner__school=world.school, student=world.student)
    page = local_client(client, world, "mentor").post(
        reverse("partners:make_link", kwargs={"pk": internship.pk}), {"days": 14, "language": "nl"}
    )

    assert page.status_code == 200
    assert_public([u for u in links_in(page.content.decode()) if "/praktijk/" in u])


def test_oidc_redirect_address_is_the_public_one(public, world, client, settings):

    settings.OIDC_RP_CLIENT_ID = "koers"
    settings.OIDC_RP_CLIENT_SECRET = "geheim"
    settings.KOERS_OIDC_ISSUER = "https://id.example"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://id.example/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://id.example/token"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://id.example/jwks"
    settings.OIDC_OP_USER_ENDPOINT = "https://id.example/userinfo"
    client.defaults["HTTP_HOST"] = "localhost:8000"

    start = client.get(reverse("accounts:oidc_start"))

    (redirect_uri,) = parse_qs(urlsplit(start.headers["Location"]).query)["redirect_uri"]
    assert redirect_uri == PUBLIC + reverse("accounts:oidc_callback")


def test_saml_metadata_names_the_public_address(public, world, client, settings, tmp_path):
    from tests.accounts.saml_idp import LocalIdP  # noqa: PLC0415 - pysaml2 is optional

    if shutil.which("xmlsec1") is None:
        pytest.skip("xmlsec1 is not installed")
    settings.KOERS_SAML_IDP_METADATA = str(LocalIdP(tmp_path).metadata_path)
    settings.KOERS_SAML_SP_ENTITY_ID = "https://koers.school.example/saml/sp"
    client.defaults["HTTP_HOST"] = "localhost:8000"

    metadata = client.get(reverse("accounts:saml_metadata")).content.decode()

    assert f'Location="{PUBLIC}{reverse("accounts:saml_acs")}"' in metadata
    assert "localhost" not in metadata


def test_no_absolute_link_is_built_from_the_request():
    """Every absolute link goes through koers.common.public_url; a request's host is for comparisons only."""
    source = Path(__file__).resolve().parents[2] / "src" / "koers"
    offenders = [
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if path.name != "public_url.py" and "build_absolute_uri(" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
