"""The shipped careers catalogue (careers/content/), read straight from its files: big enough, consistent,
every reference resolves, every name translated, and nothing said about prospects that it cannot source.

All but the last test need no database: they guard the files themselves, so a broken catalogue fails here
with a clear message; the last one loads the files with the area's loader as they ship.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings
from django_scopes import scopes_disabled

from koers.careers.content_loader import load_content, overlay_problems
from koers.careers.models import InterestItem, Occupation, Programme
from koers.pictograms.catalogue import exists as pictogram_exists

PACKAGE = Path(settings.PACKAGE_DIR)
CONTENT = PACKAGE / "careers" / "content"
LOB_CONTENT = PACKAGE / "lob" / "content"
LANGUAGES = ("ar", "fa", "pl", "tr", "uk")
SECTIONS = ("sectors", "occupations", "programmes", "interest_fields", "interest_items")
FILES = {
    "sectors": "sectors.yaml",
    "occupations": "occupations.yaml",
    "programmes": "programmes.yaml",
    "interest_fields": "interest_fields.yaml",
    "interest_items": "interest_items.yaml",
}
# What each overlay entry must give, per section.
OVERLAY_FIELDS = {
    "sectors": ("name", "simple"),
    "occupations": ("name",),
    "programmes": ("name",),
    "interest_fields": ("name", "simple"),
    "interest_items": ("text",),
}
# Labour-market claims: the catalogue may not make them; a school records prospects with a source and date.
PROSPECT_CLAIMS = re.compile(
    r"kansberoep|kans op (een )?(baan|werk)|veel vacatures|baangarantie|werkgarantie|tekort aan"
    r"|zeker (een )?(baan|werk)|altijd werk|good (job )?prospects|shortage|in demand|guaranteed job",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@functools.cache  # read-only; the per-entry tests read the same files hundreds of times
def load(name: str) -> Any:
    return yaml.safe_load((CONTENT / name).read_text(encoding="utf-8"))


def keys(section: str) -> list[str]:
    return [entry["key"] for entry in load(FILES[section])]


@functools.cache
def lob_keys(name: str) -> frozenset[str]:
    return frozenset(
        entry["key"] for entry in yaml.safe_load((LOB_CONTENT / name).read_text(encoding="utf-8"))
    )


def isco_unit_groups() -> dict[str, str]:
    lines = (CONTENT / "isco08_unit_groups.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert rows[0] == ["code", "title"]
    return {code: title for code, title in rows[1:]}


OCCUPATIONS = load("occupations.yaml")
PROGRAMMES = load("programmes.yaml")
SECTORS = load("sectors.yaml")
FIELDS = load("interest_fields.yaml")
ITEMS = load("interest_items.yaml")


def by_key(entries: list[dict[str, Any]]) -> Any:
    return pytest.mark.parametrize("entry", entries, ids=lambda entry: entry["key"])


# --- size and shape -------------------------------------------------------------------------------------


def test_at_least_150_occupations():
    assert len(OCCUPATIONS) >= 150


def test_about_fourteen_sectors_each_with_several_occupations():
    used = Counter(entry["sector"] for entry in OCCUPATIONS)

    assert 12 <= len(SECTORS) <= 16
    assert {sector["key"]: used[sector["key"]] >= 5 for sector in SECTORS} == {
        s["key"]: True for s in SECTORS
    }


def test_eight_interest_fields_with_four_to_six_items_each():
    per_field = Counter(item["field"] for item in ITEMS)

    assert len(FIELDS) == 8
    assert 35 <= len(ITEMS) <= 45
    assert {field["key"]: 4 <= per_field[field["key"]] <= 6 for field in FIELDS} == {
        f["key"]: True for f in FIELDS
    }


@pytest.mark.parametrize("section", SECTIONS)
def test_keys_are_unique_slugs(section):
    found = keys(section)

    assert [key for key, count in Counter(found).items() if count > 1] == []
    assert [key for key in found if not re.fullmatch(r"[a-z0-9]+(?:[-_][a-z0-9]+)*", key)] == []


def test_occupation_names_are_unique():
    names = Counter(entry["nl"].lower() for entry in OCCUPATIONS)

    assert [name for name, count in names.items() if count > 1] == []


def test_mbo_domain_keys_are_unique():
    found = [entry["key"] for entry in load("mbo_domains.yaml")]

    assert len(found) == len(set(found))


# --- every reference resolves ---------------------------------------------------------------------------


@by_key(OCCUPATIONS)
def test_occupation_is_complete_and_its_references_resolve(entry):
    sectors = set(keys("sectors"))
    domains = {domain["key"] for domain in load("mbo_domains.yaml")}
    programmes = set(keys("programmes"))

    for field in ("nl", "nl_simple", "en", "description", "description_en"):
        assert str(entry.get(field) or "").strip(), field
    assert entry["sector"] in sectors
    assert entry["mbo_domain"] == "" or entry["mbo_domain"] in domains
    assert pictogram_exists(entry["icon"]), entry["icon"]
    assert 3 <= len(entry["tasks"]) <= 5
    assert all(task.strip() for task in entry["tasks"])
    assert 1 <= len(entry["workplaces"]) <= 3
    assert 2 <= len(entry["qualities"]) <= 5
    assert set(entry["qualities"]) <= lob_keys("qualities.yaml")
    assert 2 <= len(entry["motives"]) <= 5
    assert set(entry["motives"]) <= lob_keys("motives.yaml")
    assert set(entry["programmes"]) <= programmes


def test_an_occupation_with_an_mbo_domain_names_a_programme_of_it_or_the_entree():
    programmes = {entry["key"]: entry for entry in PROGRAMMES}
    odd = [
        entry["key"]
        for entry in OCCUPATIONS
        if entry["mbo_domain"]
        and not any(
            programmes[key]["mbo_domain"] in (entry["mbo_domain"], "entree") for key in entry["programmes"]
        )
    ]

    assert odd == []


@by_key(PROGRAMMES)
def test_programme_is_complete_and_consistent(entry):
    domains = {domain["key"] for domain in load("mbo_domains.yaml")}

    for field in ("nl", "en", "description", "description_en"):
        assert str(entry.get(field) or "").strip(), field
    assert entry["kind"] in ("mbo", "hbo", "wo")
    assert isinstance(entry["years"], int) and 1 <= entry["years"] <= 6
    assert entry["crebo"] == "" or re.fullmatch(r"\d{5}", str(entry["crebo"]))
    if entry["kind"] == "mbo":
        assert entry["level"] in (1, 2, 3, 4)
        assert entry["mbo_domain"] in domains
        assert (entry["level"] == 1) == (entry["mbo_domain"] == "entree")
        assert entry["routes"] and set(entry["routes"]) <= {"bol", "bbl"}
    else:
        assert entry["level"] in (None, "")
        assert entry["mbo_domain"] == ""
        assert entry["routes"] == []


def test_every_level_of_mbo_is_offered_including_the_entree():
    levels = {entry["level"] for entry in PROGRAMMES if entry["kind"] == "mbo"}

    assert levels == {1, 2, 3, 4}
    assert {entry["kind"] for entry in PROGRAMMES} == {"mbo", "hbo", "wo"}


def test_every_programme_leads_to_an_occupation():
    named = {key for entry in OCCUPATIONS for key in entry["programmes"]}

    assert [entry["key"] for entry in PROGRAMMES if entry["key"] not in named] == []


@pytest.mark.parametrize("entry", SECTORS + FIELDS + ITEMS, ids=lambda entry: entry["key"])
def test_sector_field_and_item_have_texts_and_a_pictogram(entry):
    for field in ("nl", "nl_simple", "en"):
        assert str(entry.get(field) or "").strip(), field
    assert pictogram_exists(entry["icon"]), entry["icon"]


@pytest.mark.parametrize("entry", SECTORS + FIELDS, ids=lambda entry: entry["key"])
def test_sector_and_field_are_described_in_dutch_and_english(entry):
    assert str(entry.get("description") or "").strip()
    assert str(entry.get("description_en") or "").strip()


def test_sectors_use_their_own_pictograms():
    assert [entry["key"] for entry in SECTORS if entry["icon"] != f"sector.{entry['key']}"] == []


def test_interest_fields_lead_to_sectors_and_items_to_fields():
    sectors = set(keys("sectors"))
    fields = set(keys("interest_fields"))

    assert all(field["sectors"] and set(field["sectors"]) <= sectors for field in FIELDS)
    assert {sector for field in FIELDS for sector in field["sectors"]} == sectors
    assert all(item["field"] in fields for item in ITEMS)


# --- ISCO-08 ----------------------------------------------------------------------------------------------


def test_reference_list_holds_the_436_isco08_unit_groups():
    groups = isco_unit_groups()

    assert len(groups) == 436
    assert all(re.fullmatch(r"\d{4}", code) for code in groups)
    assert groups["5223"] == "Shop Sales Assistants"


def test_every_isco_code_is_an_isco08_unit_group_or_left_empty():
    groups = isco_unit_groups()

    assert [(e["key"], e["isco"]) for e in OCCUPATIONS if e["isco"] != "" and e["isco"] not in groups] == []


def test_most_occupations_carry_a_checked_isco_code():
    assert sum(1 for entry in OCCUPATIONS if entry["isco"]) >= 0.9 * len(OCCUPATIONS)


# --- languages ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_overlay_names_every_entry_and_nothing_else(language):
    overlay = load(f"i18n/{language}.yaml")

    assert set(overlay) == set(SECTIONS)
    for section in SECTIONS:
        assert set(overlay[section]) == set(keys(section)), section
        for key, texts in overlay[section].items():
            for field in OVERLAY_FIELDS[section]:
                assert str(texts.get(field) or "").strip(), f"{section}/{key}/{field}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_overlay_is_written_in_its_own_script(language):
    overlay = load(f"i18n/{language}.yaml")
    texts = [text for section in SECTIONS for entry in overlay[section].values() for text in entry.values()]
    arabic, cyrillic, latin = r"[\u0600-\u06FF]", r"[\u0400-\u04FF]", r"[A-Za-z]"
    own, foreign = {
        "ar": (arabic, cyrillic),
        "fa": (arabic, cyrillic),
        "uk": (cyrillic, arabic),
        "pl": (latin, f"{arabic}|{cyrillic}"),
        "tr": (latin, f"{arabic}|{cyrillic}"),
    }[language]

    assert [text for text in texts if not re.search(own, text) or re.search(foreign, text)] == []


def test_simple_dutch_sentences_stay_short():
    texts = [entry["description"] for entry in OCCUPATIONS + PROGRAMMES + SECTORS + FIELDS]
    texts += [task for entry in OCCUPATIONS for task in entry["tasks"]]
    long_sentences = [
        sentence
        for text in texts
        for sentence in SENTENCE_END.split(text.strip())
        if len(sentence.split()) > 20
    ]

    assert long_sentences == []
    assert all(len(item["nl"].split()) <= 10 for item in ITEMS)


def test_tasks_speak_to_the_student_as_je():
    assert [task for entry in OCCUPATIONS for task in entry["tasks"] if not task.startswith("je ")] == []


# --- no prospect claims ----------------------------------------------------------------------------------


def test_no_file_says_anything_about_prospects():
    files = sorted(CONTENT.glob("*.yaml")) + sorted((CONTENT / "i18n").glob("*.yaml"))
    claims = [
        f"{path.name}:{number}: {line.strip()}"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PROSPECT_CLAIMS.search(line)
    ]

    assert len(files) >= 10
    assert claims == []
    assert not any(key in entry for entry in OCCUPATIONS for key in ("prospects", "kansberoep", "prospect"))


def test_sources_record_where_facts_come_from_and_that_texts_are_our_own():
    sources = (CONTENT / "SOURCES.md").read_text(encoding="utf-8")

    assert "ISCO-08" in sources and "isco08_unit_groups.tsv" in sources
    assert "crebo" in sources.lower()
    assert "own words" in sources.lower()


def test_the_check_for_prospect_claims_would_find_one():
    assert PROSPECT_CLAIMS.search("Dit is een kansberoep in de regio.")
    assert PROSPECT_CLAIMS.search("There is a shortage of nurses.")
    assert not PROSPECT_CLAIMS.search("Je helpt mensen die ziek zijn.")


# --- the area's loader takes the shipped files as they are ------------------------------------------------


def test_the_shipped_catalogue_loads_completely_and_twice_changes_nothing(content):
    first = load_content()
    again = load_content()

    with scopes_disabled():
        assert Occupation.objects.filter(school__isnull=True).count() == len(OCCUPATIONS)
        assert Programme.objects.filter(school__isnull=True).count() == len(PROGRAMMES)
        assert InterestItem.objects.count() == len(ITEMS)
    assert first.created > 0
    assert (again.created, again.updated) == (0, 0)
    assert overlay_problems() == []
