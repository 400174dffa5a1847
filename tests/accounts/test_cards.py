"""Login cards: issuing stores only a hash, scanning logs the student in, revoking and reissuing stop the old
card, and only the mentor of the group (or an admin) prints and revokes."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.access.tenancy import SESSION_KEY
from koers.accounts.domain import logins as domain
from koers.accounts.models import LoginCard
from koers.accounts.printing import card_entry, cards_html
from koers.schools.models import Role, RoleKind
from tests import factories as f
from tests.background.jobs import download, job_id_of
from tests.refusals import assert_not_found, nothing_written


def issue(world, student=None):
    with scopes_disabled():
        return domain.issue_card(student=student or world.student, by=world.role("mentor"))


def card_url(token: str) -> str:
    return reverse("accounts:card_login", kwargs={"token": token})


def pdf_text(content: bytes, tmp_path) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    path = tmp_path / "cards.pdf"
    path.write_bytes(content)
    return " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )


# --- the card itself ---


def test_card_stores_only_a_hash_of_the_token(world):
    issued = issue(world)

    with scopes_disabled():
        card = LoginCard.objects.get(pk=issued.card.pk)
    assert issued.token not in card.token_hash
    assert card.token_hash == domain.hash_token(issued.token)


def test_card_scan_logs_the_student_in_and_lands_on_the_dossier(world, client):
    issued = issue(world)

    response = client.get(card_url(issued.token))

    assert response.headers["Location"] == reverse("dossier:home")
    assert int(client.session["_auth_user_id"]) == world.student.user_id
    with scopes_disabled():
        assert client.session[SESSION_KEY] == Role.objects.get(user=world.student.user, kind="student").pk
    assert client.get(reverse("dossier:home")).status_code == 200


def test_card_scan_gives_a_new_session_and_replaces_whoever_was_logged_in(world, login):
    client = login("mentor")
    issued = issue(world)

    client.get(card_url(issued.token))

    assert int(client.session["_auth_user_id"]) == world.student.user_id


def test_card_revoked_gives_a_clear_dutch_refusal(world, client):
    issued = issue(world)
    with scopes_disabled():
        domain.revoke_card(card=issued.card, by=world.role("mentor"))

    response = client.get(card_url(issued.token))

    assert response.status_code == 410
    assert "ingetrokken" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_card_reissued_stops_the_old_card(world, client):
    old = issue(world)
    new = issue(world)

    assert client.get(card_url(old.token)).status_code == 410
    assert client.get(card_url(new.token)).status_code == 302


def test_card_of_a_student_who_left_does_not_log_in(world, client):
    issued = issue(world)
    with scopes_disabled():
        world.student.left_on = timezone.localdate() - dt.timedelta(days=1)
        world.student.save(update_fields=["left_on"])

    response = client.get(card_url(issued.token))

    assert response.status_code == 410
    assert "kun je niet meer inloggen" in response.content.decode()


def test_card_logs_in_students_only(world, client):
    issued = issue(world)
    with scopes_disabled():
        Role.objects.filter(user=world.student.user, kind=RoleKind.STUDENT).delete()

    assert client.get(card_url(issued.token)).status_code == 410


def test_card_for_a_student_who_left_cannot_be_issued(world):
    with scopes_disabled():
        world.student.left_on = timezone.localdate() - dt.timedelta(days=1)
        world.student.save(update_fields=["left_on"])

    with pytest.raises(Exception, match="niet meer ingeschreven"):
        issue(world)


# --- managing cards ---


def test_cards_mentor_sees_the_groups_they_mentor(world, login):
    page = login("mentor").get(reverse("accounts:cards")).content.decode()

    assert "3K1" in page


def test_cards_mentor_of_another_group_gets_404(world, client):
    with scopes_disabled():
        other_mentor = f.RoleFactory(school=world.school, kind=RoleKind.MENTOR).user
        other_group = f.GroupFactory(school=world.school, school_year=world.group.school_year, name="1B")
        f.MentorshipFactory(group=other_group, mentor=other_mentor)
    client.force_login(other_mentor)

    with nothing_written(LoginCard):
        page = client.get(reverse("accounts:cards_group", kwargs={"pk": world.group.pk}))
        card = client.post(reverse("accounts:cards_student_pdf", kwargs={"pk": world.student.pk}))

    assert_not_found(page, world.student.user.get_full_name(), world.classmate.user.get_full_name())
    assert_not_found(card, world.student.user.get_full_name())


def test_cards_outsider_cannot_touch_another_schools_student_or_card(world, client):
    issued = issue(world)
    with scopes_disabled():
        admin_elsewhere = f.RoleFactory(school=world.other_school, kind=RoleKind.ADMIN).user
    client.force_login(admin_elsewhere)

    assert client.get(reverse("accounts:cards_group", kwargs={"pk": world.group.pk})).status_code == 404
    assert (
        client.post(reverse("accounts:cards_student_pdf", kwargs={"pk": world.student.pk})).status_code == 404
    )
    assert client.post(reverse("accounts:cards_revoke", kwargs={"pk": issued.card.pk})).status_code == 404
    with scopes_disabled():
        assert LoginCard.objects.get(pk=issued.card.pk).revoked_at is None


def test_cards_group_pdf_has_a_card_for_each_student_with_name_and_group(
    world, login, tmp_path, django_capture_on_commit_callbacks
):
    client = login("mentor")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:cards_group_pdf", kwargs={"pk": world.group.pk}), {"which": "all"}
        )

    content = download(client, response)
    assert content.startswith(b"%PDF")
    with scopes_disabled():
        assert LoginCard.objects.filter(revoked_at__isnull=True).count() == 2
    text = pdf_text(content, tmp_path)
    if text is not None:
        assert "Samira" in text
        assert "Groep 3K1" in text
        assert "Open de camera" in text


def test_cards_group_download_is_only_for_whoever_asked(world, login, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = login("mentor").post(
            reverse("accounts:cards_group_pdf", kwargs={"pk": world.group.pk}), {"which": "all"}
        )
    job_id = job_id_of(response)

    other = login("admin")
    assert_not_found(other.get(reverse("background:job", kwargs={"pk": job_id})))
    assert_not_found(other.get(reverse("background:download", kwargs={"pk": job_id})))


def test_cards_group_html_holds_a_qr_code_pointing_at_a_working_card(world):
    issued = issue(world)

    html = cards_html([card_entry(issued, world.student, group_name="3K1", school_name=world.school.name)])

    assert "<svg" in html
    assert "Samira" in html


def test_cards_group_pdf_only_missing_leaves_existing_cards_working(
    world, login, client, django_capture_on_commit_callbacks
):
    existing = issue(world)

    with django_capture_on_commit_callbacks(execute=True):
        login("mentor").post(
            reverse("accounts:cards_group_pdf", kwargs={"pk": world.group.pk}), {"which": "missing"}
        )

    with scopes_disabled():
        assert LoginCard.objects.get(pk=existing.card.pk).revoked_at is None
        assert LoginCard.objects.filter(student=world.classmate, revoked_at__isnull=True).count() == 1


def test_cards_group_pdf_without_a_choice_keeps_the_page_with_a_message(world, login):
    response = login("mentor").post(reverse("accounts:cards_group_pdf", kwargs={"pk": world.group.pk}), {})

    assert response.status_code == 400
    assert "Dit veld is verplicht" in response.content.decode()


def test_cards_student_pdf_reissues_and_revokes_the_old_card(world, login):
    old = issue(world)

    response = login("admin").post(reverse("accounts:cards_student_pdf", kwargs={"pk": world.student.pk}))

    assert response["Content-Type"] == "application/pdf"
    with scopes_disabled():
        assert LoginCard.objects.get(pk=old.card.pk).revoked_at is not None
        assert LoginCard.objects.filter(student=world.student, revoked_at__isnull=True).count() == 1


def test_cards_revoke_by_the_mentor_stops_the_card(world, login):
    issued = issue(world)

    response = login("mentor").post(
        reverse("accounts:cards_revoke", kwargs={"pk": issued.card.pk}), follow=True
    )

    assert "werkt niet meer" in response.content.decode()
    with scopes_disabled():
        assert LoginCard.objects.get(pk=issued.card.pk).revoked_at is not None


@pytest.mark.parametrize("size", [2, 12])
def test_cards_group_page_query_count_does_not_grow(world, login, django_assert_num_queries, size):
    with scopes_disabled():
        for _ in range(size):
            student = f.StudentFactory(school=world.school)
            f.MembershipFactory(student=student, group=world.group)
            domain.issue_card(student=student, by=world.role("mentor"))
    client = login("mentor")
    url = reverse("accounts:cards_group", kwargs={"pk": world.group.pk})
    client.get(url)

    with django_assert_num_queries(5):
        response = client.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 6])
def test_cards_overview_query_count_does_not_grow(world, login, django_assert_num_queries, size):
    with scopes_disabled():
        for n in range(size):
            group = f.GroupFactory(school=world.school, school_year=world.group.school_year, name=f"2A{n}")
            f.MentorshipFactory(group=group, mentor=world.users["mentor"])
            f.MembershipFactory(student=f.StudentFactory(school=world.school), group=group)
    client = login("mentor")
    client.get(reverse("accounts:cards"))

    with django_assert_num_queries(4):
        response = client.get(reverse("accounts:cards"))

    assert response.status_code == 200
