"""The careers catalogue loader: idempotent, complete, checked before it writes, skips missing files."""

import shutil
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import ScopeError, scopes_disabled

from koers.access.tenancy import school_scope
from koers.careers.content_loader import ContentError, load_content, overlay_problems
from koers.careers.models import InterestField, InterestItem, MboDomain, Occupation, Programme, Sector
from koers.lob import content_loader as lob_loader
from tests import factories as f
from tests.careers.factories import OccupationFactory, ProgrammeFactory

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def samples(tmp_path) -> Path:
    """A copy of the small sample catalogue that a test may change."""
    target = tmp_path / "content"
    shutil.copytree(SAMPLES, target)
    return target


def edit(folder: Path, name: str, change) -> None:
    path = folder / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_loads_every_file_with_links_and_translations(content):
    report = load_content(SAMPLES)

    with scopes_disabled():
        assert report.created == 2 + 2 + 3 + 3 + 2 + 4
        helper = Occupation.objects.get(key="care-helper")
        assert helper.school is None and helper.shipped
        assert helper.isco == "5322"
        assert helper.sector.key == "care"
        assert helper.mbo_domain.key == "care-welfare"
        assert helper.tasks[0] == "je helpt iemand met aankleden"
        assert helper.texts["nl_simple"] == "Helper in de zorg"
        assert helper.texts["ar"] == "مساعد رعاية"
        assert helper.descriptions["en"].startswith("You help")
        assert sorted(t.key for t in helper.traits.all()) == ["helpful", "helping-people", "patient"]
        assert [p.key for p in helper.programmes.all()] == ["mbo-care-helper"]
        programme = Programme.objects.get(key="mbo-care-helper")
        assert (programme.kind, programme.level, programme.routes) == ("mbo", 2, ["bol", "bbl"])
        assert programme.texts["ar"] == "مساعد رعاية ورفاه"
        assert Programme.objects.get(key="hbo-nursing").level is None
        assert Sector.objects.get(key="care").texts["ar_simple"] == "مساعدة الناس"
        people = InterestField.objects.get(key="people")
        assert [s.key for s in people.sectors.all()] == ["care"]
        assert InterestItem.objects.get(key="repair-bike").texts["ar"] == "أحب إصلاح الدراجة."
        assert MboDomain.objects.count() == 2


def test_loading_twice_changes_nothing(content):
    load_content(SAMPLES)
    with scopes_disabled():
        before = list(Occupation.objects.values_list("pk", "key", "texts").order_by("pk"))

    report = load_content(SAMPLES)

    with scopes_disabled():
        assert list(Occupation.objects.values_list("pk", "key", "texts").order_by("pk")) == before
        assert Occupation.traits.through.objects.count() == 7
    assert (report.created, report.updated, report.unchanged) == (0, 0, 16)


def test_a_change_in_the_files_updates_texts_and_links_and_keeps_rows(content, samples):
    load_content(samples)
    with scopes_disabled():
        pk = Occupation.objects.get(key="mechanic").pk

    def change(data):
        data[1]["nl"] = "Monteur werktuigbouw"
        data[1]["qualities"] = ["precise", "patient"]
        data[1]["programmes"] = []

    edit(samples, "occupations.yaml", change)
    report = load_content(samples)

    with scopes_disabled():
        mechanic = Occupation.objects.get(key="mechanic")
        assert mechanic.pk == pk
        assert mechanic.texts["nl"] == "Monteur werktuigbouw"
        assert sorted(t.key for t in mechanic.traits.all()) == ["patient", "precise", "working-with-hands"]
        assert not mechanic.programmes.exists()
    assert report.updated == 1


def test_an_entry_left_out_of_the_files_is_kept(content, samples):
    load_content(samples)
    edit(samples, "occupations.yaml", lambda data: data.pop())

    load_content(samples)

    with scopes_disabled():
        assert Occupation.objects.filter(key="nurse").exists()


def test_missing_files_are_skipped(content, tmp_path):
    folder = tmp_path / "content"
    folder.mkdir()
    shutil.copy(SAMPLES / "sectors.yaml", folder)

    report = load_content(folder)
    nothing = load_content(tmp_path / "nowhere")

    with scopes_disabled():
        assert Sector.objects.count() == 2
        assert not Occupation.objects.exists()
    assert report.created == 2
    assert (nothing.created, nothing.updated, nothing.unchanged) == (0, 0, 0)


def test_a_later_file_may_refer_to_rows_loaded_before(content, samples, tmp_path):
    load_content(samples)
    only_occupations = tmp_path / "later"
    only_occupations.mkdir()
    shutil.copy(samples / "occupations.yaml", only_occupations)
    shutil.copytree(samples / "i18n", only_occupations / "i18n")

    report = load_content(only_occupations)

    assert report.unchanged == 3


@pytest.mark.parametrize(
    ("name", "change", "message"),
    [
        ("occupations.yaml", lambda d: d[0].update(sector="space"), "onbekende sector 'space'"),
        ("occupations.yaml", lambda d: d[0].update(qualities=["flying"]), "onbekende kwaliteit 'flying'"),
        ("occupations.yaml", lambda d: d[0].update(motives=["helpful"]), "onbekende motief 'helpful'"),
        ("occupations.yaml", lambda d: d[0].update(programmes=["mbo-nope"]), "onbekende opleiding"),
        ("occupations.yaml", lambda d: d[0].update(isco="12"), "ISCO-08"),
        ("occupations.yaml", lambda d: d[0].update(icon="sector.moon"), "geen pictogram"),
        ("occupations.yaml", lambda d: d[1].update(key="care-helper"), "komt twee keer voor"),
        ("occupations.yaml", lambda d: d[0].pop("nl"), "Nederlandse naam"),
        ("programmes.yaml", lambda d: d[0].update(level=5), "niveau 1 tot en met 4"),
        ("programmes.yaml", lambda d: d[0].update(kind="mavo"), "mbo, hbo of wo"),
        ("programmes.yaml", lambda d: d[0].update(routes=["evening"]), "bol en/of bbl"),
        ("programmes.yaml", lambda d: d[0].update(mbo_domain="nope"), "onbekende mbo-domein"),
        ("interest_items.yaml", lambda d: d[0].update(field="cooking"), "onbekende interessegebied"),
        ("interest_fields.yaml", lambda d: d[0].update(sectors=["space"]), "onbekende sector"),
    ],
)
def test_a_mistake_names_the_entry_and_writes_nothing(content, samples, name, change, message):
    edit(samples, name, change)

    with pytest.raises(ContentError, match=message):
        load_content(samples)

    with scopes_disabled():
        assert not Sector.objects.exists()
        assert not Occupation.objects.exists()


def test_not_yaml_is_a_content_error(content, samples):
    (samples / "sectors.yaml").write_text("- key: [unclosed", encoding="utf-8")

    with pytest.raises(ContentError, match=r"sectors\.yaml"):
        load_content(samples)


def test_overlay_problems_names_unknown_keys(content, samples):
    (samples / "i18n" / "tr.yaml").write_text(
        "occupations:\n  astronaut: {name: Astronot}\nplanets:\n  mars: {name: Mars}\n", encoding="utf-8"
    )

    assert overlay_problems(samples) == [
        "tr.yaml: onbekend onderdeel 'planets'",
        "tr.yaml, occupations: onbekende sleutel 'astronaut'",
    ]
    assert overlay_problems(SAMPLES) == []


def test_the_loader_leaves_a_schools_own_entries_alone(content):
    with scopes_disabled():
        school = f.SchoolFactory()
        own = OccupationFactory(school=school, key="care-helper", texts={"nl": "Onze eigen helpende"})

    load_content(SAMPLES)

    with scopes_disabled():
        own.refresh_from_db()
        assert own.texts == {"nl": "Onze eigen helpende"}
        assert Occupation.objects.filter(key="care-helper").count() == 2


LOAD_QUERIES = 30  # reads, one bulk insert per table and link table, savepoints


@pytest.mark.parametrize("extra", [0, 30])
def test_queries_do_not_grow_with_the_catalogue(content, samples, extra):
    def more(data):
        for n in range(extra):
            data.append({**data[1], "key": f"mechanic-{n}", "nl": f"Monteur {n}"})

    edit(samples, "occupations.yaml", more)
    with CaptureQueriesContext(connection) as queries:
        load_content(samples)

    assert len(queries) == LOAD_QUERIES


def test_the_command_loads_lob_first_then_careers(db, monkeypatch):
    calls = []
    monkeypatch.setitem(lob_loader.LOADERS, "lob", lambda: calls.append("lob") or lob_loader.LoadReport())
    monkeypatch.setitem(
        lob_loader.LOADERS, "careers", lambda: calls.append("careers") or lob_loader.LoadReport()
    )

    call_command("load_content", verbosity=0)
    call_command("load_content", "--area", "careers", verbosity=0)

    assert calls == ["lob", "careers", "careers"]
    with pytest.raises(CommandError, match="geen inhoud voor moon"):
        call_command("load_content", "--area", "moon", verbosity=0)


def test_shipped_rows_show_in_every_school_and_own_rows_only_in_their_school(db):
    with scopes_disabled():
        mine, theirs = f.SchoolFactory(), f.SchoolFactory()
        shipped = OccupationFactory(school=None)
        own = OccupationFactory(school=mine)
        other = OccupationFactory(school=theirs)
        programme = ProgrammeFactory(school=theirs)

    with school_scope(mine):
        visible = set(Occupation.objects.values_list("pk", flat=True))
        assert not Programme.objects.filter(pk=programme.pk).exists()
    assert visible == {shipped.pk, own.pk}
    assert other.pk not in visible
    with pytest.raises(ScopeError):
        list(Occupation.objects.all())
    with pytest.raises(ScopeError):
        Programme.objects.count()
