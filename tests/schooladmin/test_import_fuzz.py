"""Fuzzed import input never raises an unhandled error, and a failing apply never half-applies."""

import contextlib
import datetime as dt
import io
import re
from unittest import mock

import pytest
from django.db import transaction
from django.db.models.query import QuerySet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from koers.access.tenancy import school_scope
from koers.schooladmin.importing import apply as apply_module
from koers.schooladmin.importing import runs
from koers.schooladmin.importing.decode import DecodeError, decode
from koers.schooladmin.importing.plan import make_plan
from koers.schooladmin.importing.presets import FIELD_KEYS, mapping_for
from tests.schooladmin.import_support import admin_role, import_file, read, snapshot

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

HEADER = [
    "Stamnr",
    "Roepnaam",
    "Achternaam",
    "Geb.datum",
    "Klas",
    "Studie",
    "Mentor",
    "E-mail ouder",
    "Gezag",
]
CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "1",
            "100001",
            "3K1",
            "ISK-A",
            "h4a",
            "Zonnebloem",
            "31-02-2010",
            "2011-01-01",
            "ja",
            "nee",
            "x@y.z",
            "@",
            "JAN",
            "a,b",
            '"',
            ";",
            "vmbo-k 3",
            "7",
            "0",
            "Özdemir",
            "\u200b",
            "=1+1",
        ]
    ),
    st.text(max_size=60),
)
ROWS = st.lists(st.lists(CELLS, min_size=0, max_size=len(HEADER) + 2), min_size=1, max_size=25)


def plan_of(world, data: bytes):
    try:
        table = decode(data)
    except DecodeError:
        return None
    with school_scope(world.school):
        return make_plan(school=world.school, table=table, mapping=mapping_for(None, table.columns)).summary()


@FUZZ
@given(data=st.binary(max_size=2000))
def test_fuzzed_bytes_decode_and_plan_without_unhandled_error(world, data):
    plan_of(world, data)


@FUZZ
@given(
    rows=ROWS, delimiter=st.sampled_from([";", ",", "\t"]), encoding=st.sampled_from(["utf-8-sig", "cp1252"])
)
def test_fuzzed_rows_plan_without_unhandled_error(world, rows, delimiter, encoding):
    text = "\n".join(delimiter.join(row) for row in [HEADER, *rows])

    summary = plan_of(world, text.encode(encoding, errors="replace"))

    if summary is not None:
        assert all(isinstance(p["line"], int) and p["reason"] for p in summary["problems"])


@FUZZ
@given(mapping=st.dictionaries(st.sampled_from(FIELD_KEYS), st.sampled_from(HEADER)), rows=ROWS)
def test_fuzzed_mapping_plans_without_unhandled_error(world, mapping, rows):
    try:
        table = decode(("\n".join(";".join(row) for row in [HEADER, *rows]) + "\n1;a").encode())
    except DecodeError:
        return

    with school_scope(world.school):
        make_plan(
            school=world.school, table=table, mapping={"columns": mapping, "full_export": True}
        ).summary()


STEPS = ["bulk_create", "bulk_update", "_end"]


@pytest.fixture
def week1_school(world):
    import_file(world.school, read("magister_week1.csv"))
    return world.school


@FUZZ
@given(step=st.sampled_from(STEPS), nth=st.integers(min_value=0, max_value=8))
def test_failing_apply_leaves_database_unchanged(week1_school, step, nth):
    before = snapshot(week1_school)
    calls = {"n": 0, "raised": False}

    def failing(original):
        def wrapper(*args, **kwargs):
            if calls["n"] == nth:
                calls["raised"] = True
                raise RuntimeError("disk full")
            calls["n"] += 1
            return original(*args, **kwargs)

        return wrapper

    run = import_file(week1_school, read("magister_week2.csv"), apply=False)
    if step == "_end":
        patcher = mock.patch.object(apply_module, "_end", failing(apply_module._end))
    else:
        patcher = mock.patch.object(QuerySet, step, failing(getattr(QuerySet, step)))

    # Each example starts from week 1: an import that went through is rolled back afterwards.
    with transaction.atomic():
        with patcher, school_scope(week1_school), contextlib.suppress(RuntimeError):
            runs.apply_import(run=run, by=admin_role(week1_school))

        if calls["raised"]:  # the failure happened: nothing of the import may remain
            assert snapshot(week1_school) == before
        transaction.set_rollback(True)


GUARDIAN_HEADER = [
    "Leerlingnummer",
    "Roepnaam",
    "Achternaam",
    "Stamgroep",
    "Verzorger 1 e-mailadres",
    "Verzorger 1 naam",
    "Verzorger 1 gezag",
    "Verzorger 2 naam",
    "Verzorger 2 gezag",
]
GUARDIAN_CELLS = st.one_of(
    st.sampled_from(["", "300001", "300002", "2K1", "Petra Vos", "Vos, Petra", "ja", "nee", "?", "onbekend"]),
    st.text(max_size=40),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.lists(GUARDIAN_CELLS, min_size=0, max_size=len(GUARDIAN_HEADER)), min_size=1, max_size=12
    )
)
def test_fuzzed_guardian_shapes_plan_and_apply_without_unhandled_error(world, rows):
    """Guardians without e-mail, unreadable authority, a second guardian by name only: never a crash, and
    an applied plan leaves nothing to do the second time."""
    text = "\n".join(";".join(row) for row in [GUARDIAN_HEADER, *rows])
    try:
        table = decode(text.encode())
    except DecodeError:
        return
    mapping = mapping_for(None, table.columns)
    with transaction.atomic(), school_scope(world.school):
        plan = make_plan(school=world.school, table=table, mapping=mapping)
        apply_module.apply_plan(plan)
        again = make_plan(school=world.school, table=table, mapping=mapping).summary()
        assert not again["counts"]["guardianships_new"] and not again["counts"]["guardians_without_email"]
        transaction.set_rollback(True)


# --- the new file shapes: workbooks with title rows, merged cells and dates; UTF-16 with and without BOM ---

XLSX_CELLS = st.one_of(
    CELLS,
    st.none(),
    st.integers(min_value=-10, max_value=10**7),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1899, 12, 31), max_value=dt.datetime(2100, 1, 1)),  # noqa: DTZ001 - Excel cells have no zone
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)
MERGES = st.lists(
    st.tuples(st.integers(1, 12), st.integers(1, 30), st.integers(0, 3), st.integers(0, 5)), max_size=4
)


def workbook(titles: list[str], rows: list[list[object]], merges: list[tuple[int, int, int, int]]) -> bytes:

    book = Workbook()
    sheet = book.active
    for title in titles:
        sheet.append([ILLEGAL_XML.sub("", title)])
    sheet.append(HEADER)
    for row in rows:
        sheet.append([ILLEGAL_XML.sub("", v) if isinstance(v, str) else v for v in row])
    for col, row, width, height in merges:
        sheet.merge_cells(f"{get_column_letter(col)}{row}:{get_column_letter(col + width)}{row + height}")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # openpyxl refuses these in a cell


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    titles=st.lists(st.text(max_size=30), max_size=3),
    rows=st.lists(st.lists(XLSX_CELLS, max_size=len(HEADER) + 1), min_size=1, max_size=12),
    merges=MERGES,
)
def test_fuzzed_workbooks_decode_plan_and_apply_completely(world, titles, rows, merges):
    """Title rows above the header, merged ranges anywhere, numbers, dates and booleans in any column: never
    an unhandled error, and an applied plan leaves no new student for the same file."""
    try:
        table = decode(workbook(titles, rows, merges), "export.xlsx")
    except DecodeError:
        return
    mapping = mapping_for(None, table.columns)
    with transaction.atomic(), school_scope(world.school):
        plan = make_plan(school=world.school, table=table, mapping=mapping)
        if "number" in mapping["columns"]:
            apply_module.apply_plan(plan)
            assert (
                make_plan(school=world.school, table=table, mapping=mapping).summary()["counts"][
                    "students_new"
                ]
                == 0
            )
        transaction.set_rollback(True)


TEXT_CELLS = st.one_of(
    CELLS.filter(lambda c: "\x00" not in c),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),
)


@FUZZ
@given(
    rows=st.lists(st.lists(TEXT_CELLS, max_size=len(HEADER)), min_size=1, max_size=15),
    encoding=st.sampled_from(["utf-16-le", "utf-16-be"]),
    delimiter=st.sampled_from([";", ",", "\t"]),
)
def test_fuzzed_utf16_with_bom_reads_like_utf8(world, rows, encoding, delimiter):
    text = "\n".join(delimiter.join(row) for row in [HEADER, *rows]) + "\n"
    bom = b"\xff\xfe" if encoding == "utf-16-le" else b"\xfe\xff"
    try:
        expected = decode(text.encode("utf-8"))
    except DecodeError:
        expected = None

    try:
        table = decode(bom + text.encode(encoding))
    except DecodeError:
        table = None

    if expected is not None:
        assert table is not None and (table.columns, table.lines) == (expected.columns, expected.lines)


@FUZZ
@given(
    rows=st.lists(st.lists(CELLS, max_size=len(HEADER)), min_size=1, max_size=15),
    encoding=st.sampled_from(["utf-16-le", "utf-16-be"]),
)
def test_fuzzed_utf16_without_bom_never_raises_and_plans(world, rows, encoding):
    text = "\n".join(";".join(row) for row in [HEADER, *rows]) + "\n"

    summary = plan_of(world, text.encode(encoding, errors="replace"))

    if summary is not None:
        assert all(isinstance(p["line"], int) and p["reason"] for p in summary["problems"])
