"""E-mails go out in the recipient's language, whatever language the sender reads Koers in."""

from __future__ import annotations

from django.conf import settings
from django.core import mail
from django.urls import reverse


def test_password_reset_email_in_recipients_language(world, client, django_capture_on_commit_callbacks):
    guardian = world.users["guardian"]
    guardian.email = "ouder@example.org"
    guardian.preferred_language = "pl"
    guardian.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"  # whoever asks reads Dutch

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "ouder@example.org"})

    assert [m.subject.strip() for m in mail.outbox] == ["Nowe hasło do Koers"]


def test_password_reset_email_dutch_by_default(world, client, django_capture_on_commit_callbacks):
    guardian = world.users["guardian"]
    guardian.email = "ouder@example.org"
    guardian.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": "ouder@example.org"})

    assert [m.subject.strip() for m in mail.outbox] == ["Een nieuw wachtwoord voor Koers"]
