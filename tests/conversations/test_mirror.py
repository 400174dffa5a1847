"""The conversation mirror: each mark derived from what was recorded, and the mirror pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.conversations.mirror import MARK_KEYS, mirror_items, mirror_of, refresh_mirror
from koers.conversations.models import Conversation, ConversationStatus
from koers.schools.models import RoleKind
from tests import factories as f


def closed(world, *, days_ago: int = 2, **kwargs) -> Conversation:
    when = timezone.now() - dt.timedelta(days=days_ago)
    values = {
        "student": world.student,
        "mentor": world.users["mentor"],
        "status": ConversationStatus.CLOSED,
        "scheduled_at": when,
        "closed_at": when,
        **kwargs,
    }
    return f.ConversationFactory(**values)


ALL = dict.fromkeys(MARK_KEYS, True)
NONE = dict.fromkeys(MARK_KEYS, False)
TAG = "{% load conversation_mirror %}{% conversation_mirror conversation %}"


@pytest.fixture
def conversation(world, in_school):
    return closed(world)


def test_mirror_of_planned_conversation_is_empty(world, in_school):
    planned = f.ConversationFactory(student=world.student, mentor=world.users["mentor"])

    assert mirror_of(planned) == {}


def test_mirror_of_group_conversation_is_empty(world, in_school):
    group_talk = closed(world, student=None, group=world.group, school=world.school)

    assert mirror_of(group_talk) == {}


def test_mirror_of_closed_conversation_has_every_mark(conversation):
    assert set(mirror_of(conversation)) == set(MARK_KEYS)


def test_mirror_of_bare_conversation_has_no_content_marks(conversation):
    mirror = mirror_of(conversation)

    assert not any(mirror[key] for key in ("from_experience", "qualities", "motives", "work"))
    assert mirror["smart_agreements"] is False
    assert mirror["positive_evaluation"] is False


def test_from_experience_when_student_brings_an_experience(world, conversation):
    experience = f.ExperienceFactory(student=world.student)
    f.PreparationFactory(conversation=conversation, experience=experience)

    assert mirror_of(conversation)["from_experience"] is True


def test_from_experience_not_when_preparation_has_no_experience(conversation):
    f.PreparationFactory(conversation=conversation, experience=None)

    assert mirror_of(conversation)["from_experience"] is False


def test_from_experience_when_experience_phase_has_a_note(conversation):
    f.PhaseNoteFactory(conversation=conversation, phase="experience", text="Vertelde over de garage.")

    assert mirror_of(conversation)["from_experience"] is True


def test_from_experience_not_when_experience_note_is_blank(conversation):
    f.PhaseNoteFactory(conversation=conversation, phase="experience", text="   ")

    assert mirror_of(conversation)["from_experience"] is False


@pytest.mark.parametrize(
    ("mark", "tag_kind"), [("qualities", "quality"), ("motives", "motive"), ("work", "occupation")]
)
def test_mark_present_when_tagged(conversation, mark, tag_kind):
    f.ConversationTagFactory(conversation=conversation, kind=tag_kind, text="iets")

    assert mirror_of(conversation)[mark] is True


@pytest.mark.parametrize(
    ("mark", "phase"), [("qualities", "qualities"), ("motives", "motives"), ("work", "work_exploration")]
)
def test_mark_present_when_its_phase_has_a_note(conversation, mark, phase):
    f.PhaseNoteFactory(conversation=conversation, phase=phase, text="Hier hebben we lang over gepraat.")

    assert mirror_of(conversation)[mark] is True


@pytest.mark.parametrize(("mark", "phase"), [("qualities", "qualities"), ("motives", "motives")])
def test_a_word_or_two_of_notes_does_not_count_as_discussed(conversation, mark, phase):
    # Issue 12, item 17: one word in a phase is a heading, not a discussion.
    f.PhaseNoteFactory(conversation=conversation, phase=phase, text="Goed gesprek.")

    assert mirror_of(conversation)[mark] is False


def test_the_student_set_the_agenda_when_their_preparation_brought_their_own_topic(world, conversation):
    assert mirror_of(conversation)["student_agenda"] is False
    f.PreparationFactory(
        conversation=conversation, author=world.student.user, author_role="student", talk_about="Mijn stage"
    )

    assert mirror_of(conversation)["student_agenda"] is True


@pytest.mark.parametrize("mark", ["qualities", "motives", "work"])
def test_mark_absent_when_only_another_phase_has_notes(conversation, mark):
    f.PhaseNoteFactory(conversation=conversation, phase="networking", text="Oom werkt bij de bank.")
    f.ConversationTagFactory(
        conversation=conversation, kind="occupation" if mark != "work" else "quality", text="x"
    )

    assert mirror_of(conversation)[mark] is False


def test_smart_agreements_with_what_date_and_done_when(conversation):
    f.AgreementFactory(conversation=conversation)

    assert mirror_of(conversation)["smart_agreements"] is True


def test_smart_agreements_not_without_done_when(world, conversation):
    action = f.ActionFactory(student=world.student, done_when=" ")
    f.AgreementFactory(conversation=conversation, action=action)

    assert mirror_of(conversation)["smart_agreements"] is False


def test_smart_agreements_not_for_a_mentor_agreement_only(conversation):
    f.AgreementFactory(conversation=conversation, party="mentor")

    assert mirror_of(conversation)["smart_agreements"] is False


def test_revisited_does_not_apply_to_a_first_conversation(conversation):
    # Issue 12, item 17: a first conversation had nothing to revisit; it is not counted as done.
    assert mirror_of(conversation)["revisited"] is None


def test_revisited_does_not_apply_when_previous_conversation_had_no_agreements(world, conversation):
    closed(world, days_ago=40)

    assert mirror_of(conversation)["revisited"] is None


def test_revisited_not_when_previous_agreements_were_ignored(world, conversation):
    earlier = closed(world, days_ago=40)
    f.AgreementFactory(conversation=earlier)

    assert mirror_of(conversation)["revisited"] is False


def test_revisited_when_a_previous_agreement_was_looked_at_here(world, conversation):
    earlier = closed(world, days_ago=40)
    f.AgreementFactory(conversation=earlier)
    f.AgreementFactory(conversation=earlier, revisited_in=conversation)

    assert mirror_of(conversation)["revisited"] is True


def test_revisited_looks_only_at_the_last_closed_conversation(world, conversation):
    oldest = closed(world, days_ago=80)
    f.AgreementFactory(conversation=oldest)
    closed(world, days_ago=40)
    f.ConversationFactory(
        student=world.student,
        mentor=world.users["mentor"],
        status=ConversationStatus.CANCELLED,
        scheduled_at=timezone.now() - dt.timedelta(days=10),
    )

    assert mirror_of(conversation)["revisited"] is None


@pytest.mark.parametrize(
    ("useful", "room", "expected"),
    [(2, 2, True), (3, 3, True), (1, 3, False), (3, 1, False), (None, 3, False)],
)
def test_positive_evaluation_needs_both_at_least_a_bit(world, in_school, useful, room, expected):
    conversation = closed(world, evaluation_useful=useful, evaluation_room=room)

    assert mirror_of(conversation)["positive_evaluation"] is expected


def test_refresh_mirror_stores_the_marks(world, conversation):
    f.PhaseNoteFactory(conversation=conversation, phase="motives", text="Wil later graag mensen helpen.")

    refresh_mirror(conversation)

    conversation.refresh_from_db()
    assert conversation.mirror["motives"] is True
    assert conversation.mirror["qualities"] is False


def test_mirror_partial_shows_marks_as_text_not_only_colour(conversation):
    f.PhaseNoteFactory(
        conversation=conversation, phase="qualities", text="Kan heel goed plannen en organiseren."
    )
    refresh_mirror(conversation)

    html = render_to_string("conversations/_mirror.html", {"mirror_items": mirror_items(conversation.mirror)})

    assert "Gepraat over waar de leerling goed in is" in html
    # Qualities; "revisited" does not apply, as there was nothing earlier to look back on.
    assert html.count(">gelukt<") == 1
    assert html.count(">niet van toepassing<") == 1
    assert html.count(">nog niet<") == len(MARK_KEYS) - 2


def test_mirror_tag_waits_for_a_planned_conversation(world, in_school):
    planned = f.ConversationFactory(student=world.student, mentor=world.users["mentor"], mirror=ALL)

    html = Template(TAG).render(Context({"conversation": planned}))

    assert "zodra het gesprek is afgerond" in html
    assert ">gelukt<" not in html


def test_mirror_tag_shows_the_marks_of_a_closed_conversation(conversation):
    refresh_mirror(conversation)

    html = Template(TAG).render(Context({"conversation": conversation}))

    assert html.count(">gelukt<") == 0  # "revisited" does not apply: there was nothing to look back on
    assert html.count(">niet van toepassing<") == 1


def stored(world, mirror: dict[str, bool], **kwargs) -> Conversation:
    with scopes_disabled():
        return closed(world, mirror=mirror, **kwargs)


# --- the mentor's own mirror and the school's mirror ---


def test_own_mirror_shows_the_share_per_mark(world, login):
    stored(world, ALL)
    stored(world, {**NONE, "qualities": True})

    response = login("mentor").get(reverse("conversations:mirror"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "100%" in page  # qualities in both
    assert "50%" in page  # the other marks in one of two
    assert 'role="img"' in page
    assert "<title" in page


def test_own_mirror_counts_only_own_conversations(world, login):
    other_mentor = f.RoleFactory(school=world.school, kind=RoleKind.MENTOR).user
    stored(world, ALL, mentor=other_mentor)

    response = login("mentor").get(reverse("conversations:mirror"))

    assert "Nog geen afgeronde gesprekken" in response.content.decode()


def test_own_mirror_per_round_names_the_round(world, login):
    with scopes_disabled():
        round_ = f.ConversationRoundFactory(school_year=world.group.school_year, name="Najaarsronde")
    stored(world, ALL, round=round_)

    response = login("mentor").get(reverse("conversations:mirror") + "?per=round")

    assert "Najaarsronde" in response.content.decode()


def test_school_mirror_never_names_mentors(world, login):
    with scopes_disabled():
        mentor = world.users["mentor"]
        mentor.first_name, mentor.last_name = "Marieke", "Mentorsma"
        mentor.save()
        round_ = f.ConversationRoundFactory(school_year=world.group.school_year, name="Voorjaarsronde")
    stored(world, ALL, round=round_)
    stored(world, NONE, round=round_)

    response = login("counsellor").get(reverse("conversations:mirror_school"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Voorjaarsronde" in page
    assert "50%" in page
    assert "Mentorsma" not in page
    assert "Marieke" not in page


def test_school_mirror_uses_current_year_level_outside_a_round(world, login):
    stored(world, ALL)

    response = login("counsellor").get(reverse("conversations:mirror_school"))

    assert "Leerjaar 3" in response.content.decode()


def test_school_mirror_ignores_other_schools(world, login):
    with scopes_disabled():
        f.ConversationFactory(
            student=world.other_student,
            status=ConversationStatus.CLOSED,
            mirror=ALL,
            scheduled_at=timezone.now() - dt.timedelta(days=1),
        )

    response = login("counsellor").get(reverse("conversations:mirror_school"))

    assert "nog geen afgeronde gesprekken" in response.content.decode().lower()


@pytest.mark.parametrize("size", [1, 12])
def test_own_mirror_costs_a_fixed_number_of_queries(world, login, django_assert_num_queries, size):
    for index in range(size):
        stored(world, ALL if index % 2 else NONE, days_ago=2 + 31 * (index % 4))
    client = login("mentor")
    client.get(reverse("conversations:mirror"))  # warm up sessions and caches

    with django_assert_num_queries(3):
        client.get(reverse("conversations:mirror"))


@pytest.mark.parametrize("size", [1, 12])
def test_school_mirror_costs_a_fixed_number_of_queries(world, login, django_assert_num_queries, size):
    with scopes_disabled():
        rounds = [
            f.ConversationRoundFactory(school_year=world.group.school_year, year_level=level)
            for level in (2, 3)
        ]
    for index in range(size):
        stored(world, ALL, round=rounds[index % 2] if index % 3 else None)
    client = login("counsellor")
    client.get(reverse("conversations:mirror_school"))

    with django_assert_num_queries(3):
        client.get(reverse("conversations:mirror_school"))
