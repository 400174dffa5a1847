"""E-mail goes through the queue: the page answers at once, the worker delivers; with the mail server
refusing, the jobs are tried again and the school admin sees them; when it comes back, everything arrives."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.accounts.models import GuardianInvitation
from koers.background.models import Job, JobStatus
from tests import factories as f
from tests.background.conftest import run_worker, text_of
from tests.conversations.planning_setup import plan_as_mentor


def thirty_guardians(world) -> list[int]:
    with scopes_disabled():
        ids = []
        for number in range(30):
            student = f.StudentFactory(school=world.school)
            guardian = f.UserFactory(email=f"ouder{number}@example.org", preferred_language="nl")
            ids.append(f.GuardianshipFactory(student=student, guardian=guardian).pk)
        return ids


def test_thirty_invitations_return_the_page_at_once_and_the_worker_delivers_them(queue, smtp, world, client):
    guardianships = thirty_guardians(world)
    client.force_login(world.users["admin"])

    response = client.post(
        reverse("accounts:invitations_send"), {"guardianship": guardianships, "kind": "email"}
    )

    assert response.status_code == 302
    assert smtp.received == []  # nothing was sent while the admin waited
    with scopes_disabled():
        assert Job.objects.filter(kind="accounts.guardian_email", status=JobStatus.WAITING).count() == 30

    run_worker()

    assert smtp.to() == sorted(f"ouder{n}@example.org" for n in range(30))
    assert all("https://koers.example.nl/inloggen/toegang/" in text_of(m) for m in smtp.received)
    with scopes_disabled():
        assert set(Job.objects.values_list("status", flat=True)) == {JobStatus.DONE}


def test_mail_server_refusing_retries_shows_the_admin_and_delivers_when_back(queue, smtp, world, client):
    guardianships = thirty_guardians(world)[:3]
    client.force_login(world.users["admin"])
    client.post(reverse("accounts:invitations_send"), {"guardianship": guardianships, "kind": "email"})
    smtp.refusing = True

    run_worker()

    assert smtp.received == []
    with scopes_disabled():
        jobs = list(Job.objects.filter(kind="accounts.guardian_email"))
        # Nothing the admin did is lost: the invitations stand, the jobs wait for another try.
        assert GuardianInvitation.objects.filter(used_at__isnull=True, revoked_at__isnull=True).count() == 3
    assert {(j.status, j.attempts) for j in jobs} == {(JobStatus.RETRYING, 1)}
    assert all("451" in j.last_error for j in jobs)
    page = client.get(reverse("background:failures")).content.decode()
    assert page.count("Uitnodiging voor een ouder/verzorger (e-mail)") == 3
    assert "Mail server busy" in page

    smtp.refusing = False
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2), tick=False):
        run_worker()

    assert smtp.to() == sorted(f"ouder{n}@example.org" for n in range(3))
    with scopes_disabled():
        assert {(j.status, j.attempts) for j in Job.objects.filter(kind="accounts.guardian_email")} == {
            (JobStatus.DONE, 2)
        }
    assert "Er is niets mislukt." in client.get(reverse("background:failures")).content.decode()


def test_a_job_that_keeps_failing_ends_as_failed_for_the_admin(queue, smtp, world, client, settings):
    settings.KOERS_TASK_ATTEMPTS = 2
    guardianship = thirty_guardians(world)[0]
    client.force_login(world.users["admin"])
    client.post(reverse("accounts:invitations_send"), {"guardianship": [guardianship], "kind": "email"})
    smtp.refusing = True

    run_worker()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2), tick=False):
        run_worker()

    with scopes_disabled():
        job = Job.objects.get(kind="accounts.guardian_email")
    assert (job.status, job.attempts) == (JobStatus.FAILED, 2)
    page = client.get(reverse("background:failures")).content.decode()
    assert "mislukt" in page and "Nu opnieuw proberen" in page

    smtp.refusing = False
    client.post(reverse("background:retry", kwargs={"pk": job.pk}))
    run_worker()

    assert smtp.to() == ["ouder0@example.org"]


def test_conversation_invitations_are_delivered_by_the_worker_after_a_refusal(queue, smtp, world, client):
    smtp.refusing = True
    conversation = plan_as_mentor(world)

    run_worker()
    assert smtp.received == []
    with scopes_disabled():
        assert Job.objects.get(kind="conversations.invitation").status == JobStatus.RETRYING

    smtp.refusing = False
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2), tick=False):
        run_worker()

    (message,) = smtp.received
    assert message["To"] == world.student.user.email
    assert f"https://koers.example.nl/gesprekken/{conversation.pk}/" in text_of(message)


def test_another_schools_admin_never_sees_these_failures(queue, smtp, world, client):
    guardianship = thirty_guardians(world)[0]
    client.force_login(world.users["admin"])
    client.post(reverse("accounts:invitations_send"), {"guardianship": [guardianship], "kind": "email"})
    smtp.refusing = True
    run_worker()
    with scopes_disabled():
        job = Job.objects.get()
        outsider = f.RoleFactory(school=world.other_school, kind="admin").user

    client.force_login(outsider)
    assert "Er is niets mislukt." in client.get(reverse("background:failures")).content.decode()
    assert client.post(reverse("background:retry", kwargs={"pk": job.pk})).status_code == 404


@pytest.mark.parametrize("size", [2, 25])
def test_failures_page_costs_the_same_queries_at_any_size(world, login, django_assert_num_queries, size):
    with scopes_disabled():
        for _ in range(size):
            Job.objects.create(
                school=world.school,
                kind="accounts.guardian_email",
                status=JobStatus.FAILED,
                attempts=6,
                last_error="SMTPDataError: 451",
                finished_at=timezone.now(),
                requested_by=world.users["admin"],
            )
    client = login("admin")
    client.get(reverse("background:failures"))

    # session, user+roles; the failed jobs and the counts per status
    with django_assert_num_queries(4):
        page = client.get(reverse("background:failures")).content.decode()

    assert page.count("Nu opnieuw proberen") == size
