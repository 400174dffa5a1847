"""A user of another school who knows a first-school address gets a 404 showing nothing of the student."""

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from tests import factories as f
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_outsider_opening_dossier_and_evidence_urls_gets_404(world, desktop: Page, finish):
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student, title="Stage bij de dierenarts")
        evidence = f.EvidenceFactory(experience=experience)

    log_in(desktop, "outsider")
    for url in (
        f"/dossier/leerling/{world.student.pk}/",
        f"/dossier/ervaringen/{experience.pk}/",
        f"/dossier/bewijs/{evidence.pk}/",
    ):
        response = desktop.goto(url)
        assert response is not None
        assert response.status == 404, url
        assert not response.headers.get("content-type", "").startswith("image/"), url
        expect(desktop.get_by_text(world.student.name)).to_have_count(0)
        expect(desktop.get_by_text("Stage bij de dierenarts")).to_have_count(0)
    finish(desktop, "d-outsider-gets-404")
