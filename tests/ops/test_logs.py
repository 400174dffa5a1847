"""Log lines carry a request id and no personal data.

A journey (failed and good logins, a student's pages, a mentor opening a dossier, a password reset whose mail
server refuses the address, a page that does not exist) runs with every logger at DEBUG through Koers's own
log format; the output must name none of the people and no e-mail address, and every line must carry an id.
"""

from __future__ import annotations

import io
import logging
import re
import smtplib
from collections.abc import Iterator

import pytest
from django.urls import reverse

from koers.common.logs import RequestIdFilter
from tests.factories import PASSWORD

# Fixed names, so no random name happens to be a word that a log line holds anyway.
NAMES = [
    ("Samira", "Bakkali"),
    ("Oksana", "Shevchenko"),
    ("Bartek", "Kowalczyk"),
    ("Zeynep", "Yildirim"),
    ("Dariush", "Tehrani"),
    ("Femke", "Hoogendijk"),
    ("Jurre", "Wijnberg"),
    ("Noor", "Haddouchi"),
    ("Lieke", "Verschuren"),
]
FORMAT = "%(levelname)s [%(request_id)s] %(name)s: %(message)s"


@pytest.fixture
def log_output() -> Iterator[io.StringIO]:
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    previous = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    requests = logging.getLogger("koers.requests")
    requests_level = requests.level
    requests.setLevel(logging.INFO)  # on in production (KOERS_REQUEST_LOG), off by default in development
    quiet = [logging.getLogger(name) for name in ("faker", "factory", "PIL", "fontTools", "weasyprint")]
    for logger in quiet:
        logger.disabled = True
    try:
        yield output
    finally:
        root.removeHandler(handler)
        root.setLevel(previous)
        requests.setLevel(requests_level)
        for logger in quiet:
            logger.disabled = False


class RefusingMailServer:
    """An SMTP backend that refuses the address, as a real server does, naming it in the error."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        address = messages[0].to[0]
        raise smtplib.SMTPRecipientsRefused({address: (550, f"{address} unknown".encode())})


@pytest.mark.django_db
def test_a_journey_logs_request_ids_and_no_names_or_addresses(
    world, client, settings, log_output, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend", RefusingMailServer)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    people = list(world.users.values())
    for user, (first, last) in zip(people, NAMES, strict=True):
        user.first_name, user.last_name = first, last
        user.email = f"{first.lower()}.{last.lower()}@gezin.example.nl"
        user.save(update_fields=["first_name", "last_name", "email"])

    client.post(reverse("login"), {"username": "student", "password": "fout-wachtwoord"})
    client.post(reverse("login"), {"username": "student", "password": PASSWORD})
    for name in ("home", "dossier:home", "dossier:timeline"):
        client.get(reverse(name))
    client.get("/bestaat-niet/samira/")
    client.logout()
    client.force_login(world.users["mentor"])
    client.get(reverse("dossier:student", args=[world.student.pk]))
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password_reset"), {"email": world.users["mentor"].email})

    output = log_output.getvalue()
    lines = output.splitlines()
    assert any("koers.requests: POST /inloggen/ " in line for line in lines)
    assert any("[job-" in line and "SMTPRecipientsRefused" in line for line in lines)
    for user in people:
        for value in (user.first_name, user.last_name, user.email):
            if len(value) > 3:
                assert value.lower() not in output.lower(), f"{value!r} is in the log"
    assert "@" not in output
    assert "samira" not in output.lower()
    for line in lines:
        if line.startswith(("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")):
            assert re.search(r"\[[^\]]+\]", line), line
    not_found = [line for line in lines if "Not Found" in line]
    assert not_found and all(re.search(r"\[[0-9a-f]{16}\]", line) for line in not_found)
    request_lines = [line for line in lines if "koers.requests:" in line]
    assert all(re.search(r"\[[0-9a-f]{16}\]", line) for line in request_lines)


def test_a_well_formed_request_id_from_the_proxy_is_kept_and_returned(client, db):
    response = client.get(reverse("login"), HTTP_X_REQUEST_ID="proxy-1234abcd")

    assert response.headers["X-Request-ID"] == "proxy-1234abcd"


def test_a_malformed_request_id_is_replaced(client, db):
    response = client.get(reverse("login"), HTTP_X_REQUEST_ID="<script>alert(1)</script>")

    assert re.fullmatch(r"[0-9a-f]{16}", response.headers["X-Request-ID"])
