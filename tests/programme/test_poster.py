"""The A3 poster of a year level's LOB-lijn (PDF), read back with pdftotext/pdfinfo."""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from PIL import ImageFile

from koers.programme.queries.line import GUARDIAN_ICON
from tests.pictogram_helpers import draws_pictogram, pdf_pages
from tests.programme.lobline_helpers import activity_for, days_from_today

URL = reverse("programme:poster")


def pdf_tool(tool: str, content: bytes, tmp_path) -> str:
    path = tmp_path / "poster.pdf"
    path.write_bytes(content)
    return subprocess.run(
        [tool, str(path), "-"] if tool == "pdftotext" else [tool, str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.fixture
def visit(world):
    return activity_for(world.group, title="Bezoek aan de scheepswerf", starts_on=days_from_today(-20))


def test_poster_holds_the_activitys_title(login, world, visit, tmp_path):
    response = login("counsellor").get(URL)

    assert response["Content-Type"] == "application/pdf"
    assert "Bezoek aan de scheepswerf" in " ".join(pdf_tool("pdftotext", response.content, tmp_path).split())


def test_poster_is_a3_landscape(login, world, visit, tmp_path):
    response = login("mentor").get(URL)

    info = pdf_tool("pdfinfo", response.content, tmp_path)
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    width, height = (float(value) for value in size.split(":")[1].split("pts")[0].split(" x "))
    assert (round(width), round(height)) == (1191, 842)


def test_poster_for_a_teacher_holds_the_whole_year(login, world, visit, tmp_path):
    response = login("teacher").get(URL)

    assert "Bezoek aan de scheepswerf" in " ".join(pdf_tool("pdftotext", response.content, tmp_path).split())


def test_poster_is_served_as_a_download(login, world, visit):
    response = login("counsellor").get(URL)

    assert response["Content-Disposition"].startswith('attachment; filename="lob-lijn-')
    assert response["X-Content-Type-Options"] == "nosniff"


def test_poster_keeps_pillow_refusing_truncated_images(login, world, visit):
    login("counsellor").get(URL)

    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_poster_without_any_line_is_a_404(login, world):
    with scopes_disabled():
        world.group.delete()

    assert login("counsellor").get(URL).status_code == 404


@pytest.mark.parametrize("persona", ["student", "guardian", "leader", "admin"])
def test_poster_is_a_404_for_others(login, world, visit, persona):
    assert login(persona).get(URL).status_code == 404


def test_poster_draws_the_pictograms_next_to_the_words(login, world, visit, tmp_path):
    activity_for(world.group, title="Ouderavond", starts_on=days_from_today(-10), involves_guardians=True)

    response = login("counsellor").get(URL)

    page = pdf_pages(response.content, tmp_path, dpi=150)[0]
    assert draws_pictogram(page, "activity.company_visit")
    assert draws_pictogram(page, GUARDIAN_ICON)
    assert "met ouders" in " ".join(pdf_tool("pdftotext", response.content, tmp_path).split())
