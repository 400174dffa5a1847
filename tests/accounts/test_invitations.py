"""Inviting guardians: e-mail links, printed letters with a code, adding by hand, and activating access."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.accounts.domain import invitations as domain
from koers.accounts.models import GuardianInvitation
from koers.accounts.printing import letters_html
from koers.schools.models import Guardianship, Role, RoleKind, User
from tests import factories as f
from tests.background.jobs import download
from tests.pictogram_helpers import draws_pictogram, pdf_pages
from tests.refusals import assert_not_found, nothing_written

PASSWORD = "een-lang-wachtwoord-2024"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _role(world, persona: str) -> Role:
    with scopes_disabled():
        return Role.objects.get(user=world.users[persona], school=world.school)


@pytest.fixture
def new_guardian(world) -> Guardianship:
    """An imported guardian without a password, linked to the world's student."""
    with scopes_disabled():
        user = f.UserFactory(username="imported.parent", email="", preferred_language="ar")
        user.set_unusable_password()
        user.save()
        f.RoleFactory(school=world.school, kind=RoleKind.GUARDIAN, user=user)
        return f.GuardianshipFactory(student=world.student, guardian=user)


def _letter(world, guardianship, persona="counsellor") -> domain.IssuedInvitation:
    with scopes_disabled():
        return domain.invite(guardianships=[guardianship], kind="letter", by=_role(world, persona))[0]


def _activate(client: Client, code: str, **extra) -> object:
    data = {
        "code": code,
        "language": "nl",
        "username": "ouder.nieuw",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }
    return client.post(reverse("accounts:activate"), data)


def test_letter_code_has_no_ambiguous_characters():
    for _ in range(50):
        code = domain.new_code()
        assert code.startswith("KRS-") and len(code) == 13
        assert not set(code.replace("KRS-", "").replace("-", "")) & set("01OIL")


def test_invitation_stores_only_hashes(world, new_guardian):
    issued = _letter(world, new_guardian)
    with scopes_disabled():
        row = GuardianInvitation.objects.get()
    assert issued.code not in (row.code_hash, row.token_hash)
    assert row.code_hash == domain.hash_secret(domain.normalise_code(issued.code))


def test_activate_with_letter_code_logs_guardian_in(client, world, new_guardian):
    issued = _letter(world, new_guardian)
    response = _activate(client, issued.code.lower().replace("-", " "), language="ar")
    assert response.status_code == 302
    assert response["Location"] == reverse("home:guardian")
    with scopes_disabled():
        user = User.objects.get(pk=new_guardian.guardian_id)
        assert GuardianInvitation.objects.get().used_at is not None
    assert user.username == "ouder.nieuw" and user.check_password(PASSWORD)
    assert user.preferred_language == "ar"
    assert client.get(reverse("home:guardian")).status_code == 200


def test_activate_reused_code_is_refused_and_input_kept(client, world, new_guardian):
    issued = _letter(world, new_guardian)
    _activate(client, issued.code)
    client.logout()
    response = _activate(client, issued.code, username="iemand.anders")
    assert response.status_code == 400
    assert "al gebruikt" in response.content.decode()
    assert 'value="iemand.anders"' in response.content.decode()


def test_activate_expired_code_is_refused(client, world, new_guardian):
    issued = _letter(world, new_guardian)
    with scopes_disabled():
        GuardianInvitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = _activate(client, issued.code)
    assert response.status_code == 400
    assert "verlopen" in response.content.decode()
    assert issued.code in response.content.decode()
    with scopes_disabled():
        assert not User.objects.get(pk=new_guardian.guardian_id).has_usable_password()


def test_activate_revoked_code_after_new_invitation_is_refused(client, world, new_guardian):
    old = _letter(world, new_guardian)
    _letter(world, new_guardian)
    response = _activate(client, old.code)
    assert response.status_code == 400
    assert "werkt niet meer" in response.content.decode()


def test_activate_refusal_in_visitor_language(client, world, new_guardian):
    response = _activate(client, "KRS-AAAA-BBBB", language="en")
    assert response.status_code == 400
    assert response["Content-Language"] == "en" or 'lang="en"' in response.content.decode()


def test_activate_too_many_wrong_codes_is_refused(client, world, new_guardian):
    issued = _letter(world, new_guardian)
    letters = domain.CODE_ALPHABET
    # Counts belong to windows of time: the whole attempt happens inside one.
    with time_machine.travel(timezone.now().replace(minute=1), tick=False):
        for n in range(domain.WRONG_CODES_PER_ADDRESS.limit):
            _activate(client, f"KRS-{letters[n % 31]}{letters[n // 31]}AA-BBBB")
        response = _activate(client, issued.code)
    assert response.status_code == 400
    assert "te vaak" in response.content.decode()


def test_activate_password_mismatch_keeps_code(client, world, new_guardian):
    issued = _letter(world, new_guardian)
    response = _activate(client, issued.code, password2="iets-anders-2024")
    assert response.status_code == 400
    assert issued.code in response.content.decode()
    with scopes_disabled():
        assert GuardianInvitation.objects.get().used_at is None


def test_activate_taken_username_is_refused(client, world, new_guardian):
    issued = _letter(world, new_guardian)
    response = _activate(client, issued.code, username="mentor")
    assert response.status_code == 400
    assert "bezet" in response.content.decode()
    with scopes_disabled():
        assert GuardianInvitation.objects.get().used_at is None


def test_email_invitation_is_sent_in_guardian_language(login, world, django_capture_on_commit_callbacks):
    with scopes_disabled():
        guardian = world.users["guardian"]
        guardian.email = "ouder@example.org"
        guardian.preferred_language = "en"
        guardian.save()
        guardianship = Guardianship.objects.get(guardian=guardian)
    with django_capture_on_commit_callbacks(execute=True):
        response = login("counsellor").post(
            reverse("accounts:invitations_send"), {"guardianship": [guardianship.pk], "kind": "email"}
        )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ouder@example.org"]
    assert "/inloggen/toegang/" in mail.outbox[0].body


def test_email_link_activates(client, world, new_guardian):
    with scopes_disabled():
        issued = domain.invite(guardianships=[new_guardian], kind="letter", by=_role(world, "admin"))[0]
    url = reverse("accounts:activate_link", kwargs={"token": issued.token})
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"language": "nl", "username": "ouder.link", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302


def test_email_invitation_without_address_is_refused(login, world, new_guardian):
    response = login("admin").post(
        reverse("accounts:invitations_send"),
        {"guardianship": [new_guardian.pk], "kind": "email"},
        follow=True,
    )
    assert "geen e-mailadres" in response.content.decode()
    with scopes_disabled():
        assert not GuardianInvitation.objects.exists()


def test_letters_pdf_for_chosen_guardians(login, world, new_guardian, django_capture_on_commit_callbacks):
    client = login("mentor")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invitations_send"), {"guardianship": [new_guardian.pk], "kind": "letter"}
        )
    assert download(client, response).startswith(b"%PDF")
    with scopes_disabled():
        assert GuardianInvitation.objects.filter(kind="letter").count() == 1


@pytest.mark.parametrize("step", ["thing.phone", "action.type", "thing.language", "thing.password"])
def test_letter_draws_a_pictogram_for_every_step(
    login, world, new_guardian, tmp_path, step, django_capture_on_commit_callbacks
):
    client = login("mentor")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invitations_send"), {"guardianship": [new_guardian.pk], "kind": "letter"}
        )

    page = pdf_pages(download(client, response), tmp_path, dpi=150)[0]
    assert draws_pictogram(page, step)


def test_letter_html_has_both_languages_and_code(world, new_guardian):

    issued = _letter(world, new_guardian)
    with scopes_disabled():
        html = letters_html([issued])
    assert issued.code in html
    assert 'lang="ar"' in html and 'dir="rtl"' in html
    assert "<svg" in html


def test_mentor_cannot_invite_guardian_of_other_students(login, world):
    with scopes_disabled():
        outside = f.StudentFactory(school=world.school)
        guardianship = f.GuardianshipFactory(student=outside)
    login("mentor").post(
        reverse("accounts:invitations_send"), {"guardianship": [guardianship.pk], "kind": "letter"}
    )
    with scopes_disabled():
        assert not GuardianInvitation.objects.exists()


def test_revoke_other_school_invitation_is_404(login, world):
    with scopes_disabled():
        theirs = f.GuardianInvitationFactory(student=world.other_student)
    with nothing_written(GuardianInvitation):
        response = login("counsellor").post(reverse("accounts:invitations_revoke", kwargs={"pk": theirs.pk}))

    assert_not_found(response, world.other_student.user.get_full_name())


def test_add_guardian_by_hand_gives_letter(login, world, django_capture_on_commit_callbacks):
    client = login("counsellor")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invitations_add"),
            {
                "student": world.student.pk,
                "first_name": "Olena",
                "last_name": "Kovalenko",
                "email": "",
                "language": "uk",
                "has_authority": "on",
                "kind": "letter",
            },
        )
    assert download(client, response).startswith(b"%PDF")
    with scopes_disabled():
        user = User.objects.get(last_name="Kovalenko")
        assert not user.has_usable_password()
        assert Guardianship.objects.filter(guardian=user, student=world.student).exists()
        assert Role.objects.filter(user=user, kind=RoleKind.GUARDIAN, school=world.school).exists()


def test_add_guardian_by_email_without_address_keeps_input(login, world):
    response = login("counsellor").post(
        reverse("accounts:invitations_add"),
        {"student": world.student.pk, "last_name": "Kovalenko", "language": "uk", "kind": "email"},
    )
    assert response.status_code == 400
    assert 'value="Kovalenko"' in response.content.decode()
    with scopes_disabled():
        assert not User.objects.filter(last_name="Kovalenko").exists()


@pytest.mark.parametrize("size", [1, 6])
def test_overview_query_count_is_fixed(login, world, django_assert_num_queries, size):
    with scopes_disabled():
        for _ in range(size):
            student = f.StudentFactory(school=world.school)
            f.MembershipFactory(student=student, group=world.group)
            guardianship = f.GuardianshipFactory(student=student)
            f.GuardianInvitationFactory(student=student, guardian=guardianship.guardian)
    client = login("counsellor")
    client.get(reverse("accounts:invitations"))
    with django_assert_num_queries(3):
        response = client.get(reverse("accounts:invitations"))
    assert response.status_code == 200


# --- a letter for a guardian who already has an account never takes that account over ---


@pytest.fixture
def guardian_with_account(world) -> Guardianship:
    with scopes_disabled():
        user = world.users["guardian"]
        user.set_password("mijn-eigen-wachtwoord-77")
        user.save()
        return Guardianship.objects.get(guardian=user, student=world.student)


def test_letter_for_a_guardian_with_an_account_does_not_change_their_login(
    client, world, guardian_with_account
):
    issued = _letter(world, guardian_with_account)

    response = _activate(client, issued.code, username="overnemer")

    assert response.status_code == 400
    assert "al een account" in response.content.decode()
    with scopes_disabled():
        user = User.objects.get(pk=guardian_with_account.guardian_id)
        assert GuardianInvitation.objects.get().used_at is None
    assert user.username == "guardian"
    assert user.check_password("mijn-eigen-wachtwoord-77")
    assert not user.check_password(PASSWORD)
    assert "_auth_user_id" not in client.session


def test_the_domain_refuses_credentials_for_an_account_too(world, guardian_with_account):
    issued = _letter(world, guardian_with_account)
    invitation = domain.find_invitation(code=issued.code, address="192.0.2.1")

    with pytest.raises(domain.InvitationRefused):
        domain.activate(invitation=invitation, username="overnemer", password=PASSWORD, language="nl")


def test_guardian_with_an_account_links_the_code_after_logging_in(client, world, guardian_with_account):
    issued = _letter(world, guardian_with_account)
    client.force_login(world.users["guardian"])

    page = client.get(reverse("accounts:activate")).content.decode()
    response = client.post(reverse("accounts:activate"), {"code": issued.code})

    assert 'name="password1"' not in page and 'name="username"' not in page
    assert response.status_code == 302 and response["Location"] == reverse("home:guardian")
    with scopes_disabled():
        assert GuardianInvitation.objects.get().used_at is not None
        user = User.objects.get(pk=guardian_with_account.guardian_id)
    assert user.username == "guardian" and user.check_password("mijn-eigen-wachtwoord-77")


def test_someone_else_logged_in_cannot_use_the_code(client, world, guardian_with_account):
    issued = _letter(world, guardian_with_account)
    client.force_login(world.users["mentor"])

    response = client.post(reverse("accounts:activate"), {"code": issued.code})

    assert response.status_code == 400
    with scopes_disabled():
        assert GuardianInvitation.objects.get().used_at is None
