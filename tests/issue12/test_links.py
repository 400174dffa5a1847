"""Issue 12, item 4: pages that worked but that nothing linked to are reachable from where people look."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from tests import factories as f
from tests.link_check import dead_links


def closed_conversation(world, *, shared: bool):
    with scopes_disabled():
        return f.ConversationFactory(
            student=world.student,
            mentor=world.users["mentor"],
            scheduled_at=timezone.now() - dt.timedelta(days=2),
            status="closed",
            closed_at=timezone.now() - dt.timedelta(days=2),
            shared_with_guardians=shared,
            summary="Wil graag iets met techniek.",
        )


def test_guardian_finds_the_report_of_a_shared_conversation(login, world):
    conversation = closed_conversation(world, shared=True)
    client = login("guardian")

    html = client.get(reverse("conversations:detail", args=[conversation.pk])).content.decode()

    assert reverse("conversations:report_pdf", args=[conversation.pk]) in html
    assert dead_links(client, html, within="/gesprekken/") == []


def test_guardian_gets_no_report_link_for_a_conversation_not_shared(login, world):
    conversation = closed_conversation(world, shared=False)
    with scopes_disabled():
        conversation.guardians.add(world.users["guardian"])

    html = login("guardian").get(reverse("conversations:detail", args=[conversation.pk])).content.decode()

    assert reverse("conversations:report_pdf", args=[conversation.pk]) not in html


def test_mentor_finds_the_printable_card_on_the_conversation_and_counsellor_on_the_types(login, world):
    conversation = closed_conversation(world, shared=False)
    card = reverse("conversations:card_pdf", args=[conversation.type_id])

    assert (
        card in login("mentor").get(reverse("conversations:detail", args=[conversation.pk])).content.decode()
    )
    assert card in login("counsellor").get(reverse("conversations:types")).content.decode()


def test_counsellor_finds_a_students_access_log_csv_on_the_dossier(login, world):
    url = reverse("transfer:access_log_csv", args=[world.student.pk])
    dossier = reverse("dossier:student", args=[world.student.pk])

    assert url in login("counsellor").get(dossier).content.decode()
    assert url not in login("mentor").get(dossier).content.decode()


def test_counsellor_and_admin_find_reading_in_a_transfer_dossier(login, world):
    url = reverse("transfer:read_in")

    assert url in login("counsellor").get(reverse("home:counsellor")).content.decode()
    assert url in login("admin").get(reverse("transfer:privacy")).content.decode()
