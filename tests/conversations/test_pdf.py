"""The printable conversation card and the conversation report (PDF)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from PIL import ImageFile

from koers.access.models import AuditAction, AuditEntry
from koers.conversations.models import ConversationStatus
from koers.conversations.queries.mirror import card_of, report_of
from koers.conversations.views.mirror import render_card_html, render_report_html
from koers.schools.models import Role, RoleKind
from tests import factories as f
from tests.refusals import assert_not_found, nothing_written

GUIDE = {
    "phases": {
        "goal": {"questions": ["Wat wil jij vandaag bespreken?"], "deeper": ["Waarom juist dat?"]},
        "qualities": {"questions": ["Waar ben je trots op?"], "deeper": ["Wie zag dat ook?"]},
    },
    "reminders": ["Vat samen voordat je verder vraagt."],
}
PRIVATE = "Let op thuissituatie, niet delen."


def pdf_text(content: bytes, tmp_path) -> str | None:
    if shutil.which("pdftotext") is None:
        return None
    path = tmp_path / "out.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())  # table cells wrap lines


@pytest.fixture
def conversation_type(world):
    with scopes_disabled():
        return f.ConversationTypeFactory(school=world.school, name="Profielkeuze", guide=GUIDE)


@pytest.fixture
def talk(world):
    """A closed conversation of the student, with a preparation, an agreement and a private note."""
    with scopes_disabled():
        when = timezone.now() - dt.timedelta(days=3)
        conversation = f.ConversationFactory(
            student=world.student,
            mentor=world.users["mentor"],
            status=ConversationStatus.CLOSED,
            scheduled_at=when,
            closed_at=when,
            goal="Kiezen tussen techniek en zorg",
            summary="Samira merkt dat ze graag met haar handen werkt.",
            next_topics="Resultaat van de meeloopdag",
        )
        f.PreparationFactory(conversation=conversation, talk_about="Mijn meeloopdag in de garage")
        f.AgreementFactory(
            conversation=conversation,
            action=f.ActionFactory(student=world.student, what="Meeloopdag bij het ROC aanvragen"),
        )
        f.PrivateNoteFactory(conversation=conversation, text=PRIVATE)
        return conversation


def test_card_pdf_is_an_attachment(login, conversation_type, tmp_path):
    response = login("mentor").get(reverse("conversations:card_pdf", args=[conversation_type.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content, tmp_path)
    if text is not None:
        assert "Waar ben je trots op?" in text


def test_printing_keeps_pillow_refusing_truncated_images(login, conversation_type):

    login("mentor").get(reverse("conversations:card_pdf", args=[conversation_type.pk]))

    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_card_html_holds_questions_reminders_and_note_boxes(conversation_type):
    html = render_card_html(conversation_type)

    assert "Wat wil jij vandaag bespreken?" in html
    assert "Wie zag dat ook?" in html
    assert "Vat samen voordat je verder vraagt." in html
    assert html.count('class="notes-box"') == 8  # one per phase


def test_card_of_keeps_phase_order_and_reads_language_maps():
    conversation_type = f.ConversationTypeFactory.build(
        guide={
            "phases": {"closing": {"questions": [{"nl": "Wat spreken we af?", "en": "What do we agree?"}]}}
        }
    )

    card = card_of(conversation_type)

    assert card["phases"][0]["key"] == "goal"
    assert card["phases"][-1]["questions"] == ["Wat spreken we af?"]


def test_report_pdf_for_the_student_writes_no_audit_row(login, talk, tmp_path):
    response = login("student").get(reverse("conversations:report_pdf", args=[talk.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF")
    with scopes_disabled():
        assert not AuditEntry.objects.exists()
    text = pdf_text(response.content, tmp_path)
    if text is not None:
        assert "Meeloopdag bij het ROC aanvragen" in text
        assert PRIVATE not in text


def test_report_pdf_printed_by_mentor_writes_one_print_audit_row(world, login, talk):
    login("mentor").get(reverse("conversations:report_pdf", args=[talk.pk]))

    with scopes_disabled():
        entries = list(AuditEntry.objects.all())
    assert len(entries) == 1
    assert entries[0].action == AuditAction.PRINT
    assert entries[0].actor == world.users["mentor"]
    assert entries[0].student == world.student


def role_of(world, persona: str) -> Role:
    with scopes_disabled():
        return Role.objects.get(user=world.users[persona], school=world.school)


def test_report_html_has_the_conversation_but_never_the_private_note(world, talk):
    with scopes_disabled():
        html = render_report_html(report_of(talk, role_of(world, "mentor")))

    assert "Kiezen tussen techniek en zorg" in html
    assert "graag met haar handen werkt" in html
    assert "Meeloopdag bij het ROC aanvragen" in html
    assert "Mijn meeloopdag in de garage" in html
    assert "Resultaat van de meeloopdag" in html
    assert PRIVATE not in html


def test_report_html_for_guardian_leaves_out_the_preparation(world, talk):
    with scopes_disabled():
        html = render_report_html(report_of(talk, role_of(world, "guardian")))

    assert "Meeloopdag bij het ROC aanvragen" in html
    assert "Mijn meeloopdag in de garage" not in html


def test_report_pdf_for_guardian_when_shared(login, talk):
    with scopes_disabled():
        talk.shared_with_guardians = True
        talk.save(update_fields=["shared_with_guardians"])

    response = login("guardian").get(reverse("conversations:report_pdf", args=[talk.pk]))

    assert response.status_code == 200


def test_report_pdf_of_a_group_conversation_is_404(world, login):
    with scopes_disabled():
        group_talk = f.ConversationFactory(
            student=None, group=world.group, school=world.school, mentor=world.users["mentor"]
        )

    with nothing_written():  # no "printed" row either
        response = login("mentor").get(reverse("conversations:report_pdf", args=[group_talk.pk]))

    assert_not_found(response)


def test_report_pdf_by_counsellor_is_allowed(world, login, talk):
    with scopes_disabled():
        assert Role.objects.filter(user=world.users["counsellor"], kind=RoleKind.COUNSELLOR).exists()

    response = login("counsellor").get(reverse("conversations:report_pdf", args=[talk.pk]))

    assert response.status_code == 200
