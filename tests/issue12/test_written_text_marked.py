"""Issue 12, item 10: what the school or a student wrote is marked Dutch inside a page in another language.

A screen reader then pronounces an activity title or an answer as Dutch, and ``dir="auto"`` on free text keeps
a Dutch sentence's punctuation where it belongs in a right-to-left page."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from koers.language.templatetags.koers_i18n import free_text, school_text
from tests import factories as f
from tests.programme.lobline_helpers import activity_for, days_from_today


@pytest.fixture
def arabic_guardian(world):
    with scopes_disabled():
        guardian = world.users["guardian"]
        guardian.preferred_language = "ar"
        guardian.save(update_fields=["preferred_language"])
    return world


def marked(html: str, text: str, *, free: bool) -> bool:
    """Is ``text`` inside an element marked lang="nl" (and dir="auto" when it is free text)?"""
    tag = re.compile(r"<(\w+)([^>]*)>([^<]*)" + re.escape(text))
    for _name, attributes, _before in tag.findall(html):
        if 'lang="nl"' in attributes and (not free or 'dir="auto"' in attributes):
            return True
    return False


def test_guardian_home_in_arabic_marks_titles_and_agreements(login, arabic_guardian):
    world = arabic_guardian
    activity_for(world.group, title="Bezoek aan de bakkerij", starts_on=days_from_today(10))
    with scopes_disabled():
        f.ExperienceFactory(student=world.student, title="Meelopen bij de kapper", shared_with_guardians=True)
        agreement = f.AgreementFactory(
            conversation__student=world.student,
            conversation__mentor=world.users["mentor"],
            party="guardian",
            action__what="Samen naar de open dag van het ROC gaan.",
        )
        agreement.action.shared_with_guardians = True
        agreement.action.save()

    html = login("guardian").get(reverse("home:guardian")).content.decode()

    assert marked(html, "Bezoek aan de bakkerij", free=False)
    assert marked(html, "Meelopen bij de kapper", free=False)
    assert marked(html, "Samen naar de open dag van het ROC gaan.", free=True)


def test_guardian_lob_line_in_arabic_marks_activity_titles(login, arabic_guardian):
    world = arabic_guardian
    activity_for(world.group, title="Gastles van een verpleegkundige", starts_on=days_from_today(12))

    html = login("guardian").get(reverse("programme:student_line", args=[world.student.pk])).content.decode()

    assert marked(html, "Gastles van een verpleegkundige", free=False)


def test_guardian_reads_a_shared_experience_with_the_answers_marked(login, arabic_guardian):
    world = arabic_guardian
    with scopes_disabled():
        experience = f.ExperienceFactory(
            student=world.student,
            title="Stage bij de garage",
            what_i_did="Ik heb banden gewisseld.",
            shared_with_guardians=True,
        )
        f.ReflectionAnswerFactory(
            reflection__experience=experience,
            reflection__shared_with_guardians=True,
            text="Ik kan goed uitleggen, zei de monteur.",
        )

    html = login("guardian").get(reverse("dossier:experience", args=[experience.pk])).content.decode()

    assert marked(html, "Stage bij de garage", free=False)
    assert marked(html, "Ik heb banden gewisseld.", free=True)
    assert marked(html, "Ik kan goed uitleggen, zei de monteur.", free=True)


def test_dutch_page_needs_no_language_mark_but_free_text_keeps_its_own_direction():
    with translation.override("nl"):
        assert str(school_text("Bezoek")) == "Bezoek"
        assert str(free_text("مرحبا")) == '<span dir="auto">مرحبا</span>'
    with translation.override("fa"):
        assert str(school_text("<b>")) == '<span lang="nl">&lt;b&gt;</span>'
        assert str(free_text("")) == ""
