"""Issue 12, item 7: where a shipped text has a translation, families read the translation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from koers.conversations.content import ensure_conversation_types
from koers.conversations.models import ConversationType
from koers.conversations.queries.mirror import report_of
from koers.conversations.views.mirror import render_report_html
from koers.schools.models import Role
from tests import factories as f


@pytest.fixture
def arabic(world):
    with scopes_disabled():
        for persona in ("student", "guardian"):
            user = world.users[persona]
            user.preferred_language = "ar"
            user.save(update_fields=["preferred_language"])
    return world


def shipped_type(world, key: str = "driegesprek") -> ConversationType:
    ensure_conversation_types(world.school)
    with scopes_disabled():
        return ConversationType.objects.get(school=world.school, key=key)


def invited_conversation(world, **kwargs):
    with scopes_disabled():
        conversation = f.ConversationFactory(
            student=world.student, type=shipped_type(world), mentor=world.users["mentor"], **kwargs
        )
        conversation.guardians.add(world.users["guardian"])
    return conversation


def arabic_name(conversation_type) -> str:

    with translation.override("ar"):
        return str(conversation_type.local_name)


def test_guardian_home_names_the_conversation_type_in_arabic(login, arabic):
    conversation = invited_conversation(arabic, scheduled_at=timezone.now() + dt.timedelta(days=3))
    name = arabic_name(conversation.type)
    assert name != conversation.type.name

    html = login("guardian").get(reverse("home:guardian")).content.decode()

    assert name in html and f">{conversation.type.name}<" not in html


def test_preparation_heading_uses_the_translated_type_name(login, arabic):
    conversation = invited_conversation(arabic, scheduled_at=timezone.now() + dt.timedelta(days=3))

    html = login("guardian").get(reverse("conversations:prepare", args=[conversation.pk])).content.decode()

    assert arabic_name(conversation.type) in html


def test_report_pdf_is_arabic_right_to_left_with_the_translated_name(arabic):

    conversation = invited_conversation(
        arabic,
        scheduled_at=timezone.now() - dt.timedelta(days=2),
        status="closed",
        shared_with_guardians=True,
    )
    with scopes_disabled(), translation.override("ar"):
        role = Role.objects.get(user=arabic.users["guardian"], school=arabic.school)
        html = render_report_html(report_of(conversation, role))

    assert '<html lang="ar" dir="rtl">' in html
    assert arabic_name(conversation.type) in html
