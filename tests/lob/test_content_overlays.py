"""Translation overlays of the LOB catalogues: lob/content/i18n/<lang>.yaml fills in the other languages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.utils import translation

from koers.language import simple as simple_language
from koers.lob.content_loader import CONTENT_DIR, ContentError, load_content, overlay_problems
from koers.lob.models import ReflectionPrompt, Trait

TINY_OVERLAY = """\
qualities:
  helpful: {name: "TR-helpful", simple: "TR-I like to help"}
  no-such-quality: {name: "x"}
motives:
  helping-people: {name: "TR-helping"}
reflection_prompts:
  qualities:
    good-at: {text: "TR-what went well", simple: "TR-what was good"}
"""


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target, ignore=shutil.ignore_patterns("i18n"))
    (target / "i18n").mkdir()
    (target / "i18n" / "tr.yaml").write_text(TINY_OVERLAY, encoding="utf-8")
    return target


def test_overlay_fills_trait_name_and_simple_text(db, content_dir):
    load_content(content_dir)

    helpful = Trait.objects.get(key="helpful")
    assert helpful.texts["tr"] == "TR-helpful"
    assert helpful.texts["tr_simple"] == "TR-I like to help"


def test_overlay_fills_reflection_prompt(db, content_dir):
    load_content(content_dir)

    prompt = ReflectionPrompt.objects.get(competence="qualities", key="good-at")
    with translation.override("tr"):
        assert prompt.question == "TR-what went well"
        with simple_language.override(True):
            assert prompt.question == "TR-what was good"


def test_overlay_load_twice_changes_nothing(db, content_dir):
    load_content(content_dir)

    again = load_content(content_dir)

    assert (again.created, again.updated) == (0, 0)


def test_overlay_does_not_replace_text_of_main_file(db, content_dir):
    (content_dir / "i18n" / "en.yaml").write_text("qualities:\n  helpful: {name: other}\n", encoding="utf-8")

    load_content(content_dir)

    assert Trait.objects.get(key="helpful").texts["en"] == "helpful"


def test_overlay_missing_language_falls_back_to_dutch_with_mark(db, content_dir):
    load_content(content_dir)

    with translation.override("pl"):
        name = Trait.objects.get(key="helpful").name
    assert name == "behulpzaam"
    assert name.only_dutch


def test_overlay_broken_yaml_writes_nothing(db, content_dir):
    (content_dir / "i18n" / "ar.yaml").write_text("qualities: [unclosed", encoding="utf-8")

    with pytest.raises(ContentError, match=r"ar\.yaml"):
        load_content(content_dir)
    assert not Trait.objects.exists()


def test_overlay_problems_names_unknown_key(content_dir):
    assert overlay_problems(content_dir) == ["tr.yaml, qualities: onbekende sleutel 'no-such-quality'"]


def test_overlay_problems_none_in_shipped_overlays():
    assert overlay_problems() == []
