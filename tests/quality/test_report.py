"""The yearly report (PDF): the leader's page on paper, aggregates only; pdftotext finds the goal."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.quality.models import GoalLevel
from tests.quality.factories import GoalFactory, LeaverFactory


def _text(content: bytes, tmp_path) -> str:
    path = tmp_path / "jaarverslag.pdf"
    path.write_bytes(content)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_leader_downloads_the_yearly_report_with_the_goal_and_no_names(world, login, tmp_path):
    with scopes_disabled():
        strategic = GoalFactory(school=world.school, title="Elke leerling kiest bewust")
        GoalFactory(
            school=world.school,
            level=GoalLevel.TACTICAL,
            parent=strategic,
            title="Alle derdejaars hebben twee gesprekken",
            measure="conversations_held",
            target=90,
        )
        for _ in range(5):
            LeaverFactory(school=world.school, name="Oudleerling Verborgen")
    response = login("leader").get(reverse("quality:report"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = _text(response.content, tmp_path)
    assert "Alle derdejaars hebben twee gesprekken" in text and "Elke leerling kiest bewust" in text
    assert "Vertrokken in 2024-2025" in text
    assert "Oudleerling Verborgen" not in text and world.student.user.first_name not in text
