"""Helpers the import tests share: reading the hand-made files and importing them as the school's admin."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django_scopes import scopes_disabled
from openpyxl import Workbook

from koers.access.tenancy import school_scope
from koers.schooladmin.importing import runs
from koers.schools.models import (
    Group,
    Guardianship,
    ImportRun,
    Membership,
    Mentorship,
    Role,
    RoleKind,
    School,
    SchoolYear,
    Student,
    User,
)

FILES = Path(__file__).parent / "import_files"


def read(name: str) -> bytes:
    return (FILES / name).read_bytes()


def admin_role(school: School) -> Role:
    with scopes_disabled():
        return Role.objects.get(school=school, kind=RoleKind.ADMIN)


def import_file(school: School, data: bytes, *, preset: str = "magister", apply: bool = True) -> ImportRun:
    """Read ``data`` with ``preset`` as the school's admin and (by default) apply it."""
    role = admin_role(school)
    with school_scope(school):
        run = runs.start_import(by=role, filename="export.csv", data=data, preset=preset)
        if apply:
            previewed = run.summary
            run = runs.apply_import(run=run, by=role)
            # The stored name lists are removed on apply; tests look at what the preview showed.
            run.summary = previewed
    return run


def snapshot(school: School) -> dict[str, Any]:
    """Everything an import can change at ``school``, comparable between two moments."""
    with scopes_disabled():
        students = Student.objects.filter(school=school)
        return {
            "years": sorted(SchoolYear.objects.filter(school=school).values_list("name", "starts_on")),
            "groups": sorted(Group.objects.filter(school=school).values_list("name", "year_level", "track")),
            "students": sorted(
                students.values_list(
                    "number", "user__first_name", "user__last_name", "date_of_birth", "left_on"
                )
            ),
            "memberships": sorted(
                Membership.objects.filter(school=school).values_list(
                    "student__number", "group__name", "starts_on", "ends_on"
                )
            ),
            "mentorships": sorted(
                Mentorship.objects.filter(school=school).values_list("mentor__username", "group__name")
            ),
            "guardianships": sorted(
                Guardianship.objects.filter(school=school).values_list(
                    "guardian__email", "student__number", "has_authority"
                )
            ),
            "roles": sorted(Role.objects.filter(school=school).values_list("user__username", "kind")),
            "users": User.objects.count(),
        }


def write_title_row_workbook(path: Path) -> None:
    """The corpus's Excel case (``cases/title_row_merged_serial_dates.xlsx``, made with this function): a
    title and a date above the header, the title merged over the columns, a merged group cell over two
    students, birth dates as real dates and as Excel serial numbers."""

    book = Workbook()
    sheet = book.active
    sheet.append(["Leerlingen per klas, schooljaar 2026-2027"])
    sheet.merge_cells("A1:H1")
    sheet.append(["Afgedrukt op", dt.datetime(2026, 9, 7)])  # noqa: DTZ001 - an Excel cell has no zone
    sheet.append([])
    sheet.append(["Stamnr", "Roepnaam", "Tussenv", "Achternaam", "Geb.datum", "Klas", "Studie", "Mentor"])
    sheet.append([500080, "Sara", None, "Bosman", dt.datetime(2011, 3, 11), "3K2", "vmbo-k 3", "KEE"])  # noqa: DTZ001 - an Excel cell has no zone
    sheet.append([500081, "Omar", "el", "Idrissi", 40613, None, "vmbo-k 3", "KEE"])  # serial: 2011-03-11
    sheet.append([500082, "Fenna", None, "Post", 40800.0, "2B1", "vmbo-b 2", "PIE"])  # serial: 2011-09-14
    sheet.merge_cells("F5:F6")  # one Klas cell for Sara and Omar, as a formatted report has it
    book.properties.created = dt.datetime(2026, 9, 7)  # noqa: DTZ001 - an Excel property has no zone
    book.save(path)
