"""The A3 poster of a year level's LOB-lijn (PDF, made by a job and downloaded from its page), read back with
pdftotext/pdfinfo."""

from __future__ import annotations

import subprocess

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from PIL import ImageFile

from koers.background.models import Job
from koers.programme.queries.line import GUARDIAN_ICON
from tests.background.jobs import download, job_id_of
from tests.pictogram_helpers import draws_pictogram, pdf_pages
from tests.programme.lobline_helpers import activity_for, days_from_today
from tests.refusals import assert_not_found, nothing_written

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
def poster(login, django_capture_on_commit_callbacks):
    """The PDF a persona downloads after asking for the poster."""

    def _poster(persona: str) -> bytes:
        client = login(persona)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(URL)
        return download(client, response)

    return _poster


@pytest.fixture
def visit(world):
    return activity_for(world.group, title="Bezoek aan de scheepswerf", starts_on=days_from_today(-20))


def test_poster_holds_the_activitys_title(poster, world, visit, tmp_path):
    content = poster("counsellor")

    assert content.startswith(b"%PDF")
    assert "Bezoek aan de scheepswerf" in " ".join(pdf_tool("pdftotext", content, tmp_path).split())


def test_poster_is_a3_landscape(poster, world, visit, tmp_path):
    info = pdf_tool("pdfinfo", poster("mentor"), tmp_path)
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    width, height = (float(value) for value in size.split(":")[1].split("pts")[0].split(" x "))
    assert (round(width), round(height)) == (1191, 842)


def test_poster_for_a_teacher_holds_the_whole_year(poster, world, visit, tmp_path):
    assert "Bezoek aan de scheepswerf" in " ".join(pdf_tool("pdftotext", poster("teacher"), tmp_path).split())


def test_poster_is_served_as_a_download(login, world, visit, django_capture_on_commit_callbacks):
    client = login("counsellor")
    with django_capture_on_commit_callbacks(execute=True):
        job_page = client.post(URL)
    response = client.get(reverse("background:download", kwargs={"pk": job_id_of(job_page)}))

    assert response["Content-Disposition"].startswith('attachment; filename="lob-lijn-')
    assert response["X-Content-Type-Options"] == "nosniff"


def test_poster_keeps_pillow_refusing_truncated_images(poster, world, visit):
    poster("counsellor")

    assert ImageFile.LOAD_TRUNCATED_IMAGES is False


def test_poster_without_any_line_is_a_404(login, world):
    with scopes_disabled():
        world.group.delete()

    with nothing_written(Job):
        response = login("counsellor").post(URL)

    assert_not_found(response)  # no job queued, nothing to download


# The school leader sees the school's LOB-lijn (issue 12), so the leader may print its poster too.


def test_poster_draws_the_pictograms_next_to_the_words(poster, world, visit, tmp_path):
    activity_for(world.group, title="Ouderavond", starts_on=days_from_today(-10), involves_guardians=True)

    content = poster("counsellor")

    page = pdf_pages(content, tmp_path, dpi=150)[0]
    assert draws_pictogram(page, "activity.company_visit")
    assert draws_pictogram(page, GUARDIAN_ICON)
    assert "met ouders" in " ".join(pdf_tool("pdftotext", content, tmp_path).split())
