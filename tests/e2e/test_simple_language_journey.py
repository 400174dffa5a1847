"""A student who reads Dutch with difficulty: switches on simple language, has a question read aloud, and
answers the reflection by voice note instead of typing."""

from __future__ import annotations

import shutil

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled
from playwright.sync_api import Page, expect

from koers.dossier.models import ReflectionAnswer
from koers.lob.models import ReflectionPrompt
from tests import factories as f
from tests.e2e.conftest import log_in_by_request

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="read-aloud needs espeak-ng"),
]


def test_student_uses_simple_language_read_aloud_and_a_voice_answer(world, phone: Page, finish, tmp_path):
    with scopes_disabled():
        experience = f.ExperienceFactory(student=world.student, title="Meelopen in de keuken")
        first = ReflectionPrompt.objects.filter(competence="qualities").order_by("order").first()
    voice = tmp_path / "antwoord.ogg"
    voice.write_bytes(f.sample_ogg().read())
    log_in_by_request(phone, "student")
    phone.goto(reverse("dossier:reflection", args=[experience.pk, "qualities"]))

    # Simple language: the easier version of the first question replaces the usual one, and stays on.
    phone.get_by_role("main").get_by_role("button", name="Zet makkelijke taal aan").click()
    expect(phone.get_by_text(first.texts["nl_simple"]).first).to_be_visible()
    expect(phone.get_by_text(first.texts["nl"])).to_have_count(0)

    # Read aloud: the server speaks the question; the button says it is playing.
    with phone.expect_response(lambda r: "/voorlezen/" in r.url) as spoken:
        phone.get_by_role("button", name="Lees voor").first.click()
    assert spoken.value.status == 200
    assert spoken.value.headers["content-type"].startswith("audio/")

    # The answer is a voice note (the file input is the fallback where recording is not possible).
    phone.locator("input[type=file]").first.set_input_files(str(voice))
    phone.get_by_role("button", name="Bewaren").click()

    with scopes_disabled():
        assert ReflectionAnswer.objects.filter(reflection__experience=experience).exclude(voice="").exists()
    finish(phone, "student-simple-language-voice")
