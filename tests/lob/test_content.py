"""The shipped LOB content: complete, bilingual, with simple Dutch, and loaded idempotently."""

import shutil
from pathlib import Path

import pytest
import yaml

from koers.language import simple as simple_language
from koers.lob.content_loader import CONTENT_DIR, ContentError, load_content, read_yaml
from koers.lob.models import ReflectionPrompt, Trait
from koers.lob.vocabulary import Competence, TraitKind


def all_entries() -> list[tuple[str, dict]]:
    entries = [("qualities", e) for e in read_yaml("qualities.yaml")]
    entries += [("motives", e) for e in read_yaml("motives.yaml")]
    for competence, prompts in read_yaml("reflection_prompts.yaml").items():
        entries += [(competence, e) for e in prompts]
    return entries


def test_content_has_about_forty_qualities(content):
    assert 35 <= Trait.objects.filter(kind=TraitKind.QUALITY).count() <= 45


def test_content_has_about_thirty_motives(content):
    assert 25 <= Trait.objects.filter(kind=TraitKind.MOTIVE).count() <= 35


def test_content_every_competence_has_three_or_four_prompts(content):
    for competence in Competence.values:
        assert 3 <= ReflectionPrompt.objects.filter(competence=competence).count() <= 4, competence


@pytest.mark.parametrize(
    ("where", "entry"), all_entries(), ids=lambda v: v if isinstance(v, str) else v["key"]
)
def test_content_entry_has_dutch_simple_dutch_and_english(where, entry):
    for language in ("nl", "nl_simple", "en"):
        assert str(entry.get(language, "")).strip(), f"{where}/{entry['key']} has no {language}"


def test_content_qualities_and_motives_have_an_icon(content):
    assert not Trait.objects.filter(icon="").exists()


@pytest.mark.parametrize("filename", ["qualities.yaml", "motives.yaml"])
def test_content_trait_keys_are_unique(filename):
    keys = [entry["key"] for entry in read_yaml(filename)]
    assert len(keys) == len(set(keys))


def test_content_prompt_keys_are_unique_per_competence():
    for competence, prompts in read_yaml("reflection_prompts.yaml").items():
        keys = [entry["key"] for entry in prompts]
        assert len(keys) == len(set(keys)), competence


def test_content_expectation_prompts_touch_on_pressure_stereotypes_and_money():
    texts = " ".join(entry["nl"] for entry in read_yaml("reflection_prompts.yaml")["expectations"]).lower()
    for theme in ("druk", "niet voor jou", "geld", "behandelen"):
        assert theme in texts


def test_load_content_twice_keeps_counts_and_restores_texts(db):
    load_content()
    counts = (Trait.objects.count(), ReflectionPrompt.objects.count())
    Trait.objects.filter(key="helpful").update(texts={"nl": "verouderd"})

    report = load_content()

    assert (Trait.objects.count(), ReflectionPrompt.objects.count()) == counts
    assert report.created == 0
    assert Trait.objects.get(kind=TraitKind.QUALITY, key="helpful").texts["nl"] == "behulpzaam"


def test_load_content_shows_simple_dutch_while_simple_language_is_on(content):
    prompt = ReflectionPrompt.objects.get(competence=Competence.QUALITIES, key="good-at")
    motive = Trait.objects.get(kind=TraitKind.MOTIVE, key="helping-people")
    usual = (prompt.question, motive.name)
    with simple_language.override(True):
        assert prompt.question == "Wat kon jij goed?"
        assert motive.name == motive.texts["nl_simple"] != usual[1]
    assert (prompt.question, motive.name) == usual


def copy_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def rewrite(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_load_content_refuses_entry_without_dutch_text(db, tmp_path):
    folder = copy_content(tmp_path)
    rewrite(folder / "motives.yaml", lambda data: data[2].pop("nl"))

    with pytest.raises(
        ContentError, match=r"motives\.yaml, item 3 \(working-with-hands\).*Nederlandse tekst"
    ):
        load_content(folder)
    assert not Trait.objects.exists()


def test_load_content_refuses_duplicate_key(db, tmp_path):
    folder = copy_content(tmp_path)
    rewrite(folder / "qualities.yaml", lambda data: data[1].update(key="helpful"))

    with pytest.raises(ContentError, match="twee keer"):
        load_content(folder)


def test_load_content_refuses_unknown_competence(db, tmp_path):
    folder = copy_content(tmp_path)
    rewrite(folder / "reflection_prompts.yaml", lambda data: data.update(dreams=data["motives"]))

    with pytest.raises(ContentError, match="dreams"):
        load_content(folder)


def test_load_content_writes_nothing_when_a_later_file_is_wrong(db, tmp_path):
    folder = copy_content(tmp_path)
    rewrite(folder / "reflection_prompts.yaml", lambda data: data["networking"][0].pop("nl"))

    with pytest.raises(ContentError, match="networking"):
        load_content(folder)
    assert not Trait.objects.exists()
