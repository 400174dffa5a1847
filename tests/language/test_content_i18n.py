"""Shipped content in the reader's language: overlays merged into translations, refreshed on the school's
copies, and a Dutch fallback marked when the school changed the Dutch text."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation
from django_scopes import scopes_disabled

from koers.conversations import content as conversation_content
from koers.conversations.models import ConversationType
from koers.language.content import build_translations, localised, read_yaml_file
from koers.programme import assignment_content
from koers.programme import content as programme_content
from koers.programme.models import ActivityType, Assignment
from tests import factories as f

OVERLAYS = {
    "ar": {"activity_types": {"visit": {"name": "AR-visit", "description": "AR-desc"}}},
    "fa": {"activity_types": {"visit": "not a mapping"}},
}


def translations_of_visit() -> dict:
    return build_translations(
        dutch={"name": "Bezoek", "description": "Op bezoek"},
        inline={"en": {"name": "Visit"}},
        overlays=OVERLAYS,
        section="activity_types",
        key="visit",
    )


def test_build_translations_keeps_dutch_source_and_every_language():
    made = translations_of_visit()

    assert made["nl"] == {"name": "Bezoek", "description": "Op bezoek"}
    assert made["en"] == {"name": "Visit"}
    assert made["ar"] == {"name": "AR-visit", "description": "AR-desc"}
    assert "fa" not in made


def test_localised_gives_translation_of_unchanged_dutch():
    text = localised("Bezoek", translations_of_visit(), "name", "ar")

    assert text == "AR-visit"
    assert not text.only_dutch


def test_localised_school_changed_dutch_falls_back_with_mark():
    text = localised("Bezoek aan de haven", translations_of_visit(), "name", "ar")

    assert text == "Bezoek aan de haven"
    assert text.only_dutch


def test_localised_dutch_reader_sees_no_mark():
    assert not localised("Eigen tekst", {}, "name", "nl").only_dutch


def test_localised_list_falls_back_whole():
    steps = localised(["Stap een"], {"nl": {"steps": ["Stap 1"]}, "ar": {"steps": ["A"]}}, "steps", "ar")

    assert list(steps) == ["Stap een"]
    assert steps.only_dutch


def test_local_text_tag_marks_dutch_and_adds_note():
    template = Template("{% load koers_i18n %}{% local_text value %}")

    with translation.override("ar"):
        html = template.render(Context({"value": localised("Eigen soort", {}, "name")}))

    assert '<span lang="nl">Eigen soort</span>' in html
    assert 'class="only-dutch"' in html


def test_local_text_tag_translated_text_has_no_note():
    template = Template("{% load koers_i18n %}{% local_text value %}")

    with translation.override("ar"):
        html = template.render(Context({"value": localised("Bezoek", translations_of_visit(), "name")}))

    assert html == "AR-visit"


@pytest.fixture
def shipped_overlays(monkeypatch):
    """Pretend an Arabic overlay names the first shipped activity type, assignment and conversation type."""
    first_type = programme_content._raw()["types"][0]["key"]
    first_assignment = assignment_content._raw()[0]["key"]
    first_conversation = conversation_content._raw()["types"][0]["key"]
    steps = [f"AR-{n}" for n in range(len(assignment_content._raw()[0]["steps"]))]
    overlays = {
        "ar": {
            "activity_types": {first_type: {"name": "AR-type"}},
            "assignments": {first_assignment: {"title": "AR-title", "steps": steps}},
            "types": {first_conversation: {"name": "AR-conversation"}},
        }
    }
    for module in (programme_content, assignment_content, conversation_content):
        monkeypatch.setattr(module, "_overlays", lambda: overlays)
    clear_shipped()
    yield first_type, first_assignment, first_conversation
    monkeypatch.undo()
    clear_shipped()


def clear_shipped():
    """The shipped entries are built once per process; after changing the overlays, build them again."""
    programme_content.shipped_activity_types.cache_clear()
    assignment_content.shipped_assignments.cache_clear()
    conversation_content.shipped_types.cache_clear()


def test_ensure_copies_translations_from_overlays(db, shipped_overlays):
    type_key, assignment_key, conversation_key = shipped_overlays
    school = f.SchoolFactory()

    programme_content.ensure_activity_types(school)
    assignment_content.ensure_assignments(school)
    conversation_content.ensure_conversation_types(school)

    with scopes_disabled(), translation.override("ar"):
        assert ActivityType.objects.get(key=type_key).local_name == "AR-type"
        assignment = Assignment.objects.get(key=assignment_key)
        assert assignment.local_title == "AR-title"
        assert list(assignment.local_steps) == [f"AR-{n}" for n in range(len(assignment.steps))]
        assert ConversationType.objects.get(key=conversation_key).local_name == "AR-conversation"


def test_ensure_refreshes_translations_of_copied_items(db, monkeypatch, shipped_overlays):
    type_key, _assignment_key, _conversation_key = shipped_overlays
    school = f.SchoolFactory()
    programme_content.ensure_activity_types(school)
    monkeypatch.setattr(
        programme_content, "_overlays", lambda: {"ar": {"activity_types": {type_key: {"name": "AR-new"}}}}
    )
    clear_shipped()

    programme_content.ensure_activity_types(school)

    with scopes_disabled(), translation.override("ar"):
        assert ActivityType.objects.get(key=type_key).local_name == "AR-new"


def test_ensure_keeps_school_text_and_marks_it(db, shipped_overlays):
    type_key, _assignment_key, _conversation_key = shipped_overlays
    school = f.SchoolFactory()
    programme_content.ensure_activity_types(school)
    with scopes_disabled():
        ActivityType.objects.filter(key=type_key).update(name="Onze eigen naam")

    programme_content.ensure_activity_types(school)

    with scopes_disabled(), translation.override("ar"):
        name = ActivityType.objects.get(key=type_key).local_name
    assert (name, name.only_dutch) == ("Onze eigen naam", True)


@pytest.mark.parametrize(
    "ensure",
    [
        programme_content.ensure_activity_types,
        assignment_content.ensure_assignments,
        conversation_content.ensure_conversation_types,
    ],
)
def test_ensure_up_to_date_costs_one_query(db, shipped_overlays, django_assert_num_queries, ensure):
    school = f.SchoolFactory()
    ensure(school)

    with django_assert_num_queries(1):
        ensure(school)


def test_a_yaml_file_read_again_is_a_fresh_copy_and_follows_the_file(tmp_path):
    path = tmp_path / "types.yaml"
    path.write_text("types:\n  - key: intake\n    nl: Intake\n", encoding="utf-8")

    first = read_yaml_file(path)
    first["types"][0]["nl"] = "Veranderd in het geheugen"

    assert read_yaml_file(path) == {"types": [{"key": "intake", "nl": "Intake"}]}
    path.write_text("types:\n  - key: intake\n    nl: Kennismaking\n", encoding="utf-8")
    assert read_yaml_file(path)["types"][0]["nl"] == "Kennismaking"
