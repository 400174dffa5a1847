"""The demo is believable: what a mentor wrote about a student uses that student's pronouns and names that
student's own programme (issue 12, item 22)."""

from __future__ import annotations

import re

import pytest
from django_scopes import scopes_disabled

from koers.choices.models import Choice, MomentKind
from koers.conversations.models import Conversation, PhaseNote
from koers.demo import names
from koers.demo.about import HAVO_PROFILES, ISK_ROUTES, PROGRAMMES, VMBO_PROFILES
from koers.demo.builder import build_demo
from koers.schools.models import Membership, Track

HE_WORDS = {"hij", "hem", "zijn"}
SHE_WORDS = {"ze", "zij", "haar"}


@pytest.fixture
def notes(db, settings):
    """(student, first name, track, profile chosen, text) for every note and goal about one student."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    demo = build_demo(students=30, seed=3)
    with scopes_disabled():
        track_of = dict(
            Membership.objects.current()
            .filter(student__school=demo.school)
            .values_list("student_id", "group__track")
        )
        chosen = dict(
            Choice.objects.filter(moment__kind=MomentKind.PROFILE).values_list("student_id", "chosen")
        )
        notes_of: dict[int, list[str]] = {}
        for conversation_id, text in PhaseNote.objects.values_list("conversation_id", "text"):
            notes_of.setdefault(conversation_id, []).append(text)
        found = []
        conversations = Conversation.objects.filter(school=demo.school, student__isnull=False)
        for conversation in conversations.select_related("student__user"):
            student = conversation.student
            about = (student.pk, student.user.first_name, track_of.get(student.pk), chosen.get(student.pk))
            for text in [conversation.goal, *notes_of.get(conversation.pk, [])]:
                if text:
                    found.append((*about, text))
    return found


def _words(text: str) -> set[str]:
    # An experience's title is the student's own words, quoted: not about the student.
    return set(re.findall(r"\w+", re.sub(r"„[^”]*”", "", text).lower()))


def test_every_note_uses_the_students_pronouns(notes):
    checked = 0
    for _pk, first_name, _track, _chosen, text in notes:
        words = _words(text)
        wrong = HE_WORDS if first_name in names.GIRL_NAMES else SHE_WORDS
        assert not words & wrong, f"{first_name}: {text}"
        checked += bool(words & (HE_WORDS | SHE_WORDS))

    assert checked >= 5


def test_every_note_names_the_students_own_programme(notes):
    family = {Track.ISK: ISK_ROUTES, Track.HAVO: HAVO_PROFILES, Track.VWO: HAVO_PROFILES}
    named_per_student: dict[int, set[str]] = {}
    for pk, first_name, track, chosen, text in notes:
        named = {p for p in PROGRAMMES if p in text}
        assert named <= set(family.get(track, VMBO_PROFILES)), f"{first_name} ({track}): {text}"
        if chosen:
            assert named <= {chosen}, f"{first_name} chose {chosen}: {text}"
        named_per_student.setdefault(pk, set()).update(named)

    assert all(len(named) <= 1 for named in named_per_student.values())
    assert sum(bool(named) for named in named_per_student.values()) >= 3
