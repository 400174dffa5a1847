"""Two people editing the same thing never silently lose work: closing is won by one request only, and a
phase note saved from two tabs keeps both texts (the second save is refused with the first one's text).

The thread tests run against PostgreSQL (DATABASE_URL=postgres://...); on SQLite they are skipped, and the
same rules are proven one request after the other."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.access.tenancy import school_scope
from koers.common.versions import EditConflict
from koers.conversations.domain.closing import AgreementInput, close_conversation
from koers.conversations.domain.holding import save_phase_note
from koers.conversations.models import Agreement, Conversation, PhaseNote
from koers.conversations.queries.holding import note_version
from tests import factories as f
from tests.conversations.closing_helpers import close_data, conversation_of, in_days, role_of


def _agreement(what: str) -> list[AgreementInput]:
    return [AgreementInput(party="student", what=what, due_on=in_days(14), done_when="Het staat in Koers.")]


def _counsellor_and_mentor(world):
    return role_of(world, "mentor"), role_of(world, "counsellor")


def _fresh(conversation: Conversation) -> Conversation:
    with scopes_disabled():
        return Conversation.objects.select_related("type", "student__user").get(pk=conversation.pk)


# --- one after the other (every database) ---


def test_closing_a_conversation_someone_else_just_closed_is_refused_and_adds_nothing(world):
    conversation = conversation_of(world)
    mentor, counsellor = _counsellor_and_mentor(world)
    mentors_copy, counsellors_copy = _fresh(conversation), _fresh(conversation)  # both opened the form

    with school_scope(world.school):
        close_conversation(by=mentor, conversation=mentors_copy, agreements=_agreement("Open dag bezoeken"))
        with pytest.raises(ValidationError) as refused:
            close_conversation(
                by=counsellor, conversation=counsellors_copy, agreements=_agreement("Stage zoeken")
            )

    assert "net afgerond" in " ".join(refused.value.messages)
    with scopes_disabled():
        assert [a.action.what for a in Agreement.objects.filter(conversation=conversation)] == [
            "Open dag bezoeken"
        ]


def test_closing_page_keeps_what_the_second_person_typed(login, world):
    conversation = conversation_of(world)
    rows = [
        {
            "party": "student",
            "what": "Mijn eigen afspraak",
            "due_on": in_days(9).isoformat(),
            "done_when": "x",
        }
    ]
    client = login("counsellor")
    client.get(reverse("conversations:close", args=[conversation.pk]))  # the counsellor opened the form
    with school_scope(world.school):  # then the mentor closed it
        close_conversation(
            by=role_of(world, "mentor"), conversation=_fresh(conversation), agreements=_agreement("Eerst")
        )

    response = client.post(reverse("conversations:close", args=[conversation.pk]), close_data(rows))

    assert response.status_code == 200
    html = response.content.decode()
    assert "net afgerond" in html
    assert "Mijn eigen afspraak" in html
    with scopes_disabled():
        assert [a.action.what for a in Agreement.objects.filter(conversation=conversation)] == ["Eerst"]


def test_phase_note_from_a_second_tab_does_not_overwrite_the_first(world):
    conversation = conversation_of(world)
    mentor = role_of(world, "mentor")
    start = note_version("")
    with school_scope(world.school):
        save_phase_note(
            by=mentor, conversation=conversation, phase="goal", text="Tab 1: wil naar de zorg", version=start
        )
        with pytest.raises(EditConflict) as conflict:
            save_phase_note(
                by=mentor, conversation=conversation, phase="goal", text="Tab 2: twijfelt nog", version=start
            )

    assert conflict.value.theirs == {"text": "Tab 1: wil naar de zorg"}
    with scopes_disabled():
        assert (
            PhaseNote.objects.get(conversation=conversation, phase="goal").text == "Tab 1: wil naar de zorg"
        )


def test_phase_note_saves_on_after_the_other_text_was_shown(world):
    conversation = conversation_of(world)
    mentor = role_of(world, "mentor")
    with school_scope(world.school):
        save_phase_note(
            by=mentor, conversation=conversation, phase="goal", text="Eerste", version=note_version("")
        )
        try:
            save_phase_note(
                by=mentor, conversation=conversation, phase="goal", text="Tweede", version=note_version("")
            )
        except EditConflict as conflict:
            merged = f"{(conflict.theirs or {})['text']}\nTweede"
            save_phase_note(
                by=mentor, conversation=conversation, phase="goal", text=merged, version=conflict.version
            )

    with scopes_disabled():
        assert PhaseNote.objects.get(conversation=conversation, phase="goal").text == "Eerste\nTweede"


def test_autosave_answers_a_conflict_with_both_texts_and_the_new_version(login, world):
    conversation = conversation_of(world)
    with scopes_disabled():
        f.PhaseNoteFactory(conversation=conversation, phase="goal", text="Van de counsellor")
    client = login("mentor")

    response = client.post(
        reverse("conversations:autosave", args=[conversation.pk]),
        {"phase": "goal", "text": "Van de mentor", "version": note_version("")},
        HTTP_HX_REQUEST="true",
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "Van de counsellor" in html
    assert f'value="{note_version("Van de counsellor")}"' in html
    with scopes_disabled():
        assert PhaseNote.objects.get(conversation=conversation, phase="goal").text == "Van de counsellor"


def test_guide_page_carries_the_version_of_each_note(login, world):
    conversation = conversation_of(world)
    with scopes_disabled():
        f.PhaseNoteFactory(conversation=conversation, phase="goal", text="Al iets")

    html = login("mentor").get(reverse("conversations:guide", args=[conversation.pk])).content.decode()

    assert f'id="version-goal" name="version" value="{note_version("Al iets")}"' in html


# --- at the same time, from two threads (PostgreSQL) ---

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL (set DATABASE_URL)"
)


def _at_once(*jobs: Any) -> list[Any]:
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def run(index: int, job: Any) -> None:

        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # the outcome is what the test looks at
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_sessions_closing_at_once_exactly_one_wins(world):
    conversation = conversation_of(world)
    mentor, counsellor = _counsellor_and_mentor(world)

    def close_as(role, what):
        def job():
            with school_scope(world.school):
                return close_conversation(
                    by=role, conversation=_fresh(conversation), agreements=_agreement(what)
                )

        return job

    results = _at_once(close_as(mentor, "Open dag bezoeken"), close_as(counsellor, "Stage zoeken"))

    won = [r for r in results if isinstance(r, Conversation)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(won) == 1 and len(refused) == 1, results
    with scopes_disabled():
        assert Agreement.objects.filter(conversation=conversation).count() == 1


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_one_note_from_two_tabs_at_once_loses_no_text(world):
    conversation = conversation_of(world)
    mentor = role_of(world, "mentor")
    with scopes_disabled():
        f.PhaseNoteFactory(conversation=conversation, phase="goal", text="Begin")
    texts = ["Begin, en tab 1", "Begin, en tab 2"]

    def save(text):
        def job():
            with school_scope(world.school):
                return save_phase_note(
                    by=mentor,
                    conversation=conversation,
                    phase="goal",
                    text=text,
                    version=note_version("Begin"),
                )

        return job

    results = _at_once(save(texts[0]), save(texts[1]))

    with scopes_disabled():
        stored = PhaseNote.objects.get(conversation=conversation, phase="goal").text
    conflicts = [r for r in results if isinstance(r, EditConflict)]
    assert len(conflicts) == 1, results
    assert stored in texts
    # The loser was told the winner's text, and still holds their own: both texts survive.
    assert conflicts[0].theirs == {"text": stored}
