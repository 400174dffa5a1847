"""The guardian sees only what the student chose to share."""

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from tests import factories as f
from tests.e2e.conftest import log_in_by_request

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_guardian_sees_the_shared_experience_and_not_the_private_one(
    world, pages, phone: Page, desktop: Page, finish
):
    with scopes_disabled():
        to_share = f.ExperienceFactory(student=world.student, title="Open dag van het ROC")
        private = f.ExperienceFactory(student=world.student, title="Gesprek over mijn twijfels")

    # The student shares one experience and leaves the other private.
    log_in_by_request(phone, "student")
    phone.locator("#ervaringen > summary").click()  # the student's home folds all experiences under one tap
    phone.locator(f"#share-experience-{to_share.pk}").click()
    expect(phone.locator(f"#share-experience-{to_share.pk}")).to_have_text("Niet meer delen")
    expect(phone.locator(f"#share-experience-{private.pk}")).to_have_text("Delen met ouders")

    # The guardian opens the child's dossier from the landing page.
    log_in_by_request(desktop, "guardian")
    expect(desktop.get_by_role("heading", level=1)).to_have_text("Mijn kinderen")
    desktop.get_by_role("link", name=f"Dossier van {world.student.user.first_name}").click()
    experiences = desktop.locator("#ervaringen")
    expect(experiences.get_by_role("link", name="Open dag van het ROC")).to_be_visible()
    expect(desktop.get_by_text("Gesprek over mijn twijfels")).to_have_count(0)
    finish(desktop, "c-guardian-sees-shared-only")

    # Guessing the private experience's address does not help.
    response = desktop.goto(f"/dossier/ervaringen/{private.pk}/")
    assert response is not None
    assert response.status == 404
    expect(desktop.get_by_text("Gesprek over mijn twijfels")).to_have_count(0)
