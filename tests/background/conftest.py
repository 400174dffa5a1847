"""A real mail server (aiosmtpd on a free local port) that can refuse and come back, and the database task
queue with the worker run in this process until nothing is ready."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller

from koers.background.worker import run_worker as work

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


class MailServer:
    def __init__(self) -> None:
        self.refusing = False
        self.received: list[Message] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        if self.refusing:
            return "451 4.3.0 Mail server busy, try again later"
        self.received.append(message_from_bytes(envelope.original_content))
        return "250 Message accepted for delivery"

    def to(self) -> list[str]:
        return sorted(str(m["To"]) for m in self.received)


def text_of(message: Message) -> str:
    """The decoded text a reader sees: every text part, without the transfer encoding (quoted-printable
    breaks a long line, and with it a link, at a place that depends on the text before it)."""
    parts = (part for part in message.walk() if part.get_content_maintype() == "text")
    return "\n".join(
        part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8") for part in parts
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp(settings) -> Iterator[MailServer]:
    server = MailServer()
    controller = Controller(server, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_TIMEOUT = 5
    yield server
    controller.stop()


@pytest.fixture
def queue(settings, transactional_db) -> None:
    """Jobs wait in the database for the worker, as in production; transactions really commit."""
    settings.TASKS = DATABASE_TASKS
    settings.KOERS_PUBLIC_URL = "https://koers.example.nl"


def run_worker() -> None:

    work(batch=True, schedules=False, interval=0)
