"""Read-aloud: signed texts spoken by espeak-ng, cached on disk; no button where espeak-ng is missing."""

from __future__ import annotations

import re
import shutil
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.common import speech
from tests import factories as f
from tests.conversations.holding_setup import a_conversation

needs_espeak = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="read-aloud needs espeak-ng (apt-get install espeak-ng)"
)
BUTTON = re.compile(r'<button type="button" class="read-aloud-button" data-read-aloud="([^"]+)"')


@pytest.fixture
def no_espeak(monkeypatch):
    real_which = shutil.which
    monkeypatch.setattr(
        speech.shutil, "which", lambda name, *a, **k: None if name == "espeak-ng" else real_which(name)
    )


@pytest.fixture
def fake_espeak(monkeypatch):
    """Pretend espeak-ng is installed, so pages render buttons even on a machine without it."""
    real_which = shutil.which
    monkeypatch.setattr(
        speech.shutil,
        "which",
        lambda name, *a, **k: "/usr/bin/espeak-ng" if name == "espeak-ng" else real_which(name),
    )


@pytest.fixture
def experience(world):
    with scopes_disabled():
        return f.ExperienceFactory(student=world.student, title="Meeloopdag ziekenhuis")


def read_url(text: str, language: str = "nl") -> str:
    return reverse("read_aloud") + "?t=" + (speech.sign(text, language) or "")


def buttons(response) -> list[str]:
    return [unescape(url) for url in BUTTON.findall(response.content.decode())]


def spoken(url: str) -> tuple[str, str]:
    return speech.unsign(parse_qs(urlsplit(url).query)["t"][0])


# --- signing ----------------------------------------------------------------------------------------------


def test_sign_round_trips_text_and_voice_of_the_language():
    token = speech.sign("Wat ging  goed?\n", "en")

    assert speech.unsign(token) == ("Wat ging goed?", "en-gb")


def test_sign_unknown_language_falls_back_to_the_dutch_voice():
    assert speech.unsign(speech.sign("Hallo", "xx"))[1] == "nl"


def test_sign_refuses_a_text_longer_than_the_maximum():
    assert speech.sign("a" * (speech.MAX_CHARS + 1), "nl") is None


def test_unsign_refuses_a_token_with_a_forged_signature():
    token = speech.sign("Wat ging goed?", "nl")

    with pytest.raises(signing.BadSignature):
        speech.unsign(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))


def test_unsign_refuses_a_value_signed_for_another_purpose():
    other = signing.dumps({"t": "Lees dit voor", "l": "nl"}, salt="something-else")

    with pytest.raises(signing.BadSignature):
        speech.unsign(other)


# --- the audio view ---------------------------------------------------------------------------------------


@needs_espeak
def test_read_aloud_answers_a_signed_text_with_wav_audio(login):
    response = login("student").get(read_url("Wat ging goed?"))

    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    assert body[:4] == b"RIFF" and body[8:12] == b"WAVE"


@needs_espeak
def test_read_aloud_makes_the_file_once_and_then_serves_the_cache(login, monkeypatch):
    client = login("student")
    client.get(read_url("Wat ontdekte je over jezelf?"))
    monkeypatch.setattr(speech.subprocess, "run", lambda *a, **k: pytest.fail("spoken a second time"))

    response = client.get(read_url("Wat ontdekte je over jezelf?"))

    assert response.status_code == 200
    assert speech.cache_path("Wat ontdekte je over jezelf?", "nl").exists()


@needs_espeak
def test_read_aloud_caches_under_the_sha256_of_voice_and_text(login, settings):
    login("student").get(read_url("Hoe voelde het?", "en"))

    names = [p.name for p in (settings.MEDIA_ROOT / "speech").iterdir()]
    assert names == [speech.cache_path("Hoe voelde het?", "en-gb").name]
    assert re.fullmatch(r"[0-9a-f]{64}\.wav", names[0])


def test_read_aloud_refuses_an_unsigned_text_with_404(login):
    response = login("student").get(reverse("read_aloud") + "?t=Lees%20dit%20voor")

    assert response.status_code == 404


def test_read_aloud_refuses_a_request_without_token_with_404(login):
    assert login("student").get(reverse("read_aloud")).status_code == 404


def test_read_aloud_sends_anonymous_visitors_to_the_login_page(client, world):
    response = client.get(read_url("Wat ging goed?"))

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_read_aloud_without_espeak_is_404_not_an_error(login, no_espeak):
    response = login("student").get(read_url("Wat ging goed?"))

    assert response.status_code == 404


def test_read_aloud_speaks_text_from_stdin_never_as_an_option(login, fake_espeak, monkeypatch):
    calls = []

    def fake_run(command, **kwargs):
        calls.append((command, kwargs["input"]))
        with open(command[command.index("-w") + 1], "wb") as out:
            out.write(b"RIFF----WAVE")

    monkeypatch.setattr(speech.subprocess, "run", fake_run)

    login("student").get(read_url("--help mij"))

    ((command, stdin),) = calls
    assert "--help mij" not in command and stdin == b"--help mij"


# --- the buttons on the pages -----------------------------------------------------------------------------


def test_reflection_page_has_a_read_aloud_button_for_every_prompt(login, experience, fake_espeak):
    response = login("student").get(reverse("dossier:reflection", args=[experience.pk, "qualities"]))

    questions = [spoken(url)[0] for url in buttons(response)]
    assert len(questions) >= 2
    assert all(q in response.content.decode() for q in questions)


def test_reflection_page_without_espeak_shows_no_read_aloud_button(login, experience, no_espeak):
    response = login("student").get(reverse("dossier:reflection", args=[experience.pk, "qualities"]))

    assert response.status_code == 200
    assert "data-read-aloud" not in response.content.decode()
    assert "Lees voor" not in response.content.decode()


def test_experience_form_reads_its_questions_aloud(login, world, fake_espeak):
    response = login("student").get(reverse("dossier:experience_new"))

    questions = [spoken(url)[0] for url in buttons(response)]
    assert "Wat ging goed?" in questions and "Wat ontdekte je over jezelf?" in questions


def test_experience_form_without_espeak_shows_no_read_aloud_button(login, world, no_espeak):
    response = login("student").get(reverse("dossier:experience_new"))

    assert "data-read-aloud" not in response.content.decode()


def test_preparation_reads_the_students_questions_aloud(login, world, fake_espeak):
    conversation = a_conversation(world)

    response = login("student").get(reverse("conversations:prepare", args=[conversation.pk]))

    questions = [spoken(url)[0] for url in buttons(response)]
    assert "Waar wil je het over hebben?" in questions


def test_read_aloud_button_is_a_labelled_toggle_without_inline_script(login, world, fake_espeak):
    response = login("student").get(reverse("dossier:experience_new"))

    page = response.content.decode()
    button = page[page.index('<button type="button" class="read-aloud-button"') :]
    button = button[: button.index("</button>")]
    assert 'aria-pressed="false"' in button and "Lees voor" in button
    assert "onclick" not in button and "style=" not in button
