"""The corpus of messy exports written for issue 18: one file per case of the issue text in
``import_files/cases/``, each previewed against the same small school (``cases/school.csv``, with 3K1 and its
two mentors, 3K2, 2B1 and a guardian per student), and compared with the preview stored beside it
(``<file>.expected.json``: the non-zero counts, the non-empty lists, every problem line with its reason).

After a deliberate change of the preview, rewrite the expected files with ``KOERS_WRITE_EXPECTED=1`` and read
the diff: each file says what a school admin should see for that case.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from koers.access.tenancy import school_scope
from koers.schooladmin.importing.apply import apply_plan
from koers.schooladmin.importing.decode import decode
from koers.schooladmin.importing.plan import make_plan
from koers.schooladmin.importing.presets import PRESETS, mapping_for
from koers.schools.models import Membership, RoleKind, School, Student
from tests import factories as f
from tests.schooladmin.import_support import FILES, import_file

CASES_DIR = FILES / "cases"
# The case file and what the admin chose on the mapping page (a partial file unless said otherwise).
CASES: dict[str, dict[str, Any]] = {
    "partial_one_stray_row.csv": {},
    "wrong_number_column.csv": {"full_export": True},
    "group_typo.csv": {},
    "implausible_birth_dates.csv": {},
    "over_long_name.csv": {},
    "number_conflict.csv": {},
    "several_problems_one_line.csv": {},
    "guardians_without_email.csv": {},
    "unknown_authority.csv": {},
    "guardian_email_other_name.csv": {},
    "utf16_without_bom.csv": {},
    "utf16_with_bom.csv": {},
    "windows_1252.csv": {},
    "title_row_merged_serial_dates.xlsx": {},
}
STAFF = {"JAN": ("Jan", "Jansen"), "PIE": ("Pieter", "Pietersen"), "KEE": ("Kees", "Keessen")}


@pytest.fixture
def corpus_school(db) -> School:
    """The school every case is previewed against, as it was after last week's full export."""
    with scopes_disabled():
        school = f.SchoolFactory(name="Corpuscollege", slug="corpus")
        f.RoleFactory(school=school, kind=RoleKind.ADMIN)
        for code, (first, last) in STAFF.items():
            f.RoleFactory(
                school=school,
                kind=RoleKind.TEACHER,
                staff_code=code,
                user__username=f"corpus-{code.lower()}",
                user__first_name=first,
                user__last_name=last,
            )
    import_file(school, (CASES_DIR / "school.csv").read_bytes())
    with scopes_disabled():
        Membership.objects.filter(school=school).update(starts_on=timezone.localdate() - dt.timedelta(days=7))
    return school


def preview_of(school: School, name: str, **choices: Any) -> dict[str, Any]:
    """What the preview shows for a case: the parts that say something (no zero counts, no empty lists)."""
    table = decode((CASES_DIR / name).read_bytes(), name)
    mapping = {**mapping_for(PRESETS["magister"], table.columns), "full_export": False, **choices}
    with school_scope(school):
        summary = make_plan(school=school, table=table, mapping=mapping).summary()
    return {
        "counts": {key: count for key, count in summary["counts"].items() if count},
        "lists": {key: items for key, items in summary["lists"].items() if items},
        "unchanged": summary["unchanged"],
        "problems": summary["problems"],
        "warnings": summary["warnings"],
        "confirm": summary["confirm"],
        "ignored_columns": summary["ignored_columns"],
    }


@pytest.mark.parametrize("name", sorted(CASES))
def test_messy_export_gives_its_expected_preview(corpus_school, name):
    preview = preview_of(corpus_school, name, **CASES[name])

    expected_path = CASES_DIR / f"{name}.expected.json"
    if os.environ.get("KOERS_WRITE_EXPECTED"):
        expected_path.write_text(json.dumps(preview, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert preview == json.loads(expected_path.read_text(encoding="utf-8"))


def test_every_case_file_has_an_expected_preview_and_a_place_in_the_list():
    files = {p.name for p in CASES_DIR.iterdir() if p.suffix in (".csv", ".xlsx")} - {"school.csv"}
    expected = {p.name.removesuffix(".expected.json") for p in CASES_DIR.glob("*.expected.json")}

    assert files == set(CASES) == expected


def test_excel_case_reads_real_dates_serial_numbers_and_the_merged_group_cell(corpus_school):
    name = "title_row_merged_serial_dates.xlsx"
    table = decode((CASES_DIR / name).read_bytes(), name)
    mapping = {**mapping_for(PRESETS["magister"], table.columns), "full_export": False}
    with school_scope(corpus_school):
        apply_plan(make_plan(school=corpus_school, table=table, mapping=mapping))

    with scopes_disabled():
        students = {
            s.number: (
                s.date_of_birth,
                [m.group.name for m in Membership.objects.current().filter(student=s)],
            )
            for s in Student.objects.filter(school=corpus_school, number__in=["500080", "500081", "500082"])
        }
    assert students == {
        "500080": (dt.date(2011, 3, 11), ["3K2"]),
        "500081": (dt.date(2011, 3, 11), ["3K2"]),  # serial 40613, and the Klas cell merged with Sara's
        "500082": (dt.date(2011, 9, 14), ["2B1"]),
    }
