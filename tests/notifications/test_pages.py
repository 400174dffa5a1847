"""The notifications page, the unread count in the header, opening a notification, the choice of e-mail and
the weekly digest."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.access.tenancy import school_scope
from koers.notifications import domain
from koers.notifications.models import Notification
from koers.notifications.registry import New
from koers.schools.models import Role
from tests import factories as f


def student_role(world) -> Role:
    with scopes_disabled():
        return Role.objects.get(user=world.users["student"], school=world.school)


def overdue(world, count: int = 1) -> list[Notification]:
    """``count`` overdue-action notifications for the student (made through the verb, as reminders do)."""
    with scopes_disabled():
        actions = [
            f.ActionFactory(student=world.student, due_on=timezone.localdate() - dt.timedelta(days=1))
            for _ in range(count)
        ]
    items = [
        New(
            role_id=student_role(world).pk,
            kind="action_overdue",
            params={"action": a.pk, "what": a.what, "due": a.due_on.isoformat()},
            key=f"action-overdue:{a.pk}",
        )
        for a in actions
    ]
    with school_scope(world.school):
        domain.notify(school_id=world.school.pk, items=items)
    with scopes_disabled():
        return list(Notification.objects.filter(role=student_role(world)).order_by("pk"))


def test_header_shows_the_unread_count_with_words_for_screen_readers(world, login):
    overdue(world, 3)

    page = login("student").get(reverse("dossier:home")).content.decode()

    assert '<span class="count" aria-hidden="true">3</span>' in page
    assert '<span class="visually-hidden">(3 ongelezen)</span>' in page


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(world, login):
    (notification,) = overdue(world)
    client = login("student")

    response = client.get(reverse("notifications:open", kwargs={"pk": notification.pk}))

    assert response.status_code == 302
    assert response.url == reverse("dossier:action", kwargs={"pk": notification.params["action"]})
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert 'class="count"' not in client.get(reverse("dossier:home")).content.decode()


def test_someone_elses_notification_is_a_404(world, login):
    (notification,) = overdue(world)

    response = login("classmate").get(reverse("notifications:open", kwargs={"pk": notification.pk}))

    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_empties_the_count(world, login):
    overdue(world, 2)
    client = login("student")

    client.post(reverse("notifications:mark_all_read"))

    page = client.get(reverse("notifications:list")).content.decode()
    assert "Je hebt 0 ongelezen meldingen." in page
    student = student_role(world)
    student.refresh_from_db()
    assert student.unread_notifications == 0


def test_choice_of_email_is_kept_and_a_wrong_value_is_refused_next_to_the_field(world, login):
    client = login("student")

    refused = client.post(reverse("notifications:settings"), {"delivery": "hourly"})
    saved = client.post(reverse("notifications:settings"), {"delivery": "digest"})

    assert refused.status_code == 400
    assert 'class="error"' in refused.content.decode()
    assert saved.status_code == 302
    world.users["student"].refresh_from_db()
    assert world.users["student"].notification_delivery == "digest"


@pytest.mark.parametrize(
    ("delivery", "at_once", "in_digest"), [("now", 2, 0), ("digest", 0, 1), ("none", 0, 0)]
)
def test_email_follows_the_persons_choice(
    world, settings, django_capture_on_commit_callbacks, delivery, at_once, in_digest
):
    settings.KOERS_PUBLIC_URL = "https://koers.example.nl"
    with scopes_disabled():
        user = world.users["student"]
        user.notification_delivery = delivery
        user.save()

    with django_capture_on_commit_callbacks(execute=True):
        overdue(world, 2)
    mailed_at_once = len(mail.outbox)
    with school_scope(world.school):
        domain.send_digests(school_id=world.school.pk)
        domain.send_digests(school_id=world.school.pk)  # twice: nothing twice

    assert mailed_at_once == at_once
    assert len(mail.outbox) - mailed_at_once == in_digest
    for message in mail.outbox:
        assert "https://koers.example.nl/meldingen/" in message.body
        assert "localhost" not in message.body and "127.0.0.1" not in message.body


@pytest.mark.parametrize("size", [2, 20])
def test_notification_list_costs_the_same_queries_at_any_size(world, login, django_assert_num_queries, size):
    overdue(world, size)
    client = login("student")
    client.get(reverse("notifications:list"))  # warm up the session

    # session, user+roles, savepoint pair of the session middleware aside: the list itself is one query
    with django_assert_num_queries(3):
        response = client.get(reverse("notifications:list"))

    assert response.content.decode().count('class="card unread"') == size


@pytest.mark.parametrize("size", [0, 15])
def test_the_unread_count_costs_no_query_on_other_pages(world, login, django_assert_num_queries, size):
    if size:
        overdue(world, size)
    client = login("student")
    client.get(reverse("accounts:security"))

    with django_assert_num_queries(3):
        client.get(reverse("accounts:security"))
