"""Read-aloud: signed texts spoken by espeak-ng, cached on disk; no button where espeak-ng is missing."""

from __future__ import annotations

import re
import shutil
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core import signing
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from koers.common import speech
from koers.common.templatetags.read_aloud import read_aloud
from koers.language.content import LocalList, LocalText
from tests import factories as f
from tests.conversations.closing_helpers import closed_conversation_of
from tests.conversations.holding_setup import a_conversation
from tests.refusals import assert_not_found

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


def given_assignment(world, **assignment):
    """An assignment of the school given to world.group; its texts are the factory's Dutch ones."""
    with scopes_disabled():
        given = f.GivenAssignmentFactory(
            assignment=f.AssignmentFactory(school=world.school, **assignment),
            given_by=world.users["mentor"],
            due_on=timezone.localdate(),
        )
        given.groups.add(world.group)
    return given


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
def test_read_aloud_speaks_a_signed_text_to_a_visitor_who_is_not_logged_in(db, client):
    response = client.get(read_url("Vul de code uit de brief in."))

    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] == b"RIFF"


def test_login_and_activation_pages_read_their_instructions_aloud_in_the_chosen_language(
    db, client, fake_espeak
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"

    login_page = [spoken(url) for url in buttons(client.get(reverse("login")))]
    activation = [spoken(url) for url in buttons(client.get(reverse("accounts:activate")))]

    assert len(login_page) >= 3  # user name, password, the login card
    assert len(activation) >= 5  # the welcome, the code, the language, the user name, the passwords
    assert {voice for _text, voice in login_page + activation} == {"ar"}


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


def test_read_aloud_refuses_an_unsigned_text_with_404(login, monkeypatch):
    monkeypatch.setattr(speech.subprocess, "run", lambda *a, **k: pytest.fail("an unsigned text was spoken"))

    response = login("student").get(reverse("read_aloud") + "?t=Lees%20dit%20voor")

    assert_not_found(response)
    assert not speech.cache_path("Lees dit voor", "nl").exists()


def test_read_aloud_refuses_a_visitor_an_unsigned_text_with_404(client, world, monkeypatch):
    monkeypatch.setattr(speech.subprocess, "run", lambda *a, **k: pytest.fail("an unsigned text was spoken"))

    response = client.get(reverse("read_aloud") + "?t=Lees%20dit%20voor")

    assert_not_found(response)
    assert not speech.cache_path("Lees dit voor", "nl").exists()


def test_read_aloud_without_espeak_is_404_not_an_error(login, no_espeak):
    response = login("student").get(read_url("Wat ging goed?"))

    assert_not_found(response)  # the page works on without the button's sound, no 500
    assert not speech.cache_path("Wat ging goed?", "nl").exists()


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


# --- the voice of a text that is not in the page's language -----------------------------------------------


def token_voice(html: str) -> str:
    (url,) = BUTTON.findall(html)
    return spoken(unescape(url))[1]


def test_dutch_fallback_text_on_an_arabic_page_is_read_with_the_dutch_voice(fake_espeak):
    with translation.override("ar"):
        fallback = read_aloud(LocalText("Vraag drie buren naar hun werk.", only_dutch=True))
        translated = read_aloud(LocalText("اسأل ثلاثة جيران عن عملهم."))

    assert (token_voice(fallback), token_voice(translated)) == ("nl", "ar")


def test_dutch_fallback_list_marks_each_of_its_texts(fake_espeak):
    steps = LocalList(["Vraag drie buren naar hun werk.", "Schrijf op wat je hoorde."], only_dutch=True)

    with translation.override("fa"):
        voices = [token_voice(read_aloud(step)) for step in steps]

    assert voices == ["nl", "nl"]


def test_read_aloud_tag_reads_in_the_language_it_is_given(fake_espeak):
    page = Template('{% load read_aloud %}{% read_aloud text lang="nl" %}|{% read_aloud text %}')

    with translation.override("ar"):
        dutch, arabic = page.render(Context({"text": "Wat ging goed?"})).split("|")

    assert (token_voice(dutch), token_voice(arabic)) == ("nl", "ar")


def test_work_page_reads_a_dutch_only_assignment_in_dutch_to_an_arabic_student(login, world, fake_espeak):
    given = given_assignment(world, questions=["Wat doet je buurvrouw?"])
    world.student.user.preferred_language = "ar"
    world.student.user.save()

    response = login("student").get(reverse("programme:work", args=[given.pk]))

    voices = dict(spoken(url) for url in buttons(response))
    assert voices["Ontdekken welk werk mensen om je heen doen."] == "nl"
    assert voices["Vraag drie buren naar hun werk."] == "nl"
    assert voices["Wat doet je buurvrouw?"] == "nl"
    assert "ar" in voices.values()  # the page's own questions keep the page's voice


def test_work_page_reads_a_translated_assignment_in_the_readers_language(login, world, fake_espeak):
    given = given_assignment(
        world, translations={"ar": {"goal": "AR-doel", "steps": ["AR-stap 1", "AR-stap 2"]}}
    )
    world.student.user.preferred_language = "ar"
    world.student.user.save()

    response = login("student").get(reverse("programme:work", args=[given.pk]))

    voices = dict(spoken(url) for url in buttons(response))
    assert voices["AR-doel"] == voices["AR-stap 1"] == "ar"


def test_guardian_answer_page_reads_the_schools_dutch_text_in_dutch(login, world, fake_espeak):
    given = given_assignment(world, audience="home", questions=["Welk werk deed jij vroeger?"])
    world.users["guardian"].preferred_language = "ar"
    world.users["guardian"].save()

    response = login("guardian").get(reverse("programme:guardian_answer", args=[world.student.pk, given.pk]))

    voices = dict(spoken(url) for url in buttons(response))
    assert voices["Ontdekken welk werk mensen om je heen doen."] == "nl"
    assert voices["Schrijf op wat je hoorde."] == "nl"
    assert voices["Welk werk deed jij vroeger?"] == "nl"
    assert "ar" in voices.values()  # "In which language do you answer?" is asked in the guardian's language


def test_guardian_answer_page_shows_and_reads_a_translated_assignment_in_the_guardians_language(
    login, world, fake_espeak
):
    given = given_assignment(
        world, audience="home", translations={"ar": {"goal": "AR-doel", "steps": ["AR-stap 1", "AR-stap 2"]}}
    )
    world.users["guardian"].preferred_language = "ar"
    world.users["guardian"].save()

    response = login("guardian").get(reverse("programme:guardian_answer", args=[world.student.pk, given.pk]))

    page = response.content.decode()
    assert "AR-doel" in page and "AR-stap 2" in page
    assert "Ontdekken welk werk mensen om je heen doen." not in page
    voices = dict(spoken(url) for url in buttons(response))
    assert voices["AR-doel"] == voices["AR-stap 1"] == "ar"


# --- a button at the questions and instructions students and guardians see ---------------------------------


def spoken_texts(response) -> list[str]:
    assert response.status_code == 200
    return [spoken(url)[0] for url in buttons(response)]


def test_conversation_evaluation_reads_its_questions_aloud(login, world, fake_espeak):
    conversation = closed_conversation_of(world)

    texts = spoken_texts(login("student").get(reverse("conversations:evaluate", args=[conversation.pk])))

    assert "Had je iets aan dit gesprek?" in texts
    assert "Kreeg je genoeg ruimte om je eigen verhaal te vertellen?" in texts


def test_guardian_preparation_of_a_driegesprek_reads_its_questions_aloud(login, world, fake_espeak):
    conversation = a_conversation(world)

    texts = spoken_texts(login("guardian").get(reverse("conversations:prepare", args=[conversation.pk])))

    assert "Waar wilt u het in het gesprek over hebben?" in texts
    assert "Wat hoopt u voor uw kind?" in texts
    assert any(text.startswith("In dit driegesprek praat u mee") for text in texts)


def test_choosing_a_quality_reads_the_question_aloud(login, world, fake_espeak):
    texts = spoken_texts(login("student").get(reverse("dossier:trait_new")))

    assert "Kies een kwaliteit" in texts
    assert any(text.startswith("Een kwaliteit is iets waar je goed in bent.") for text in texts)


def test_guardian_compliment_form_reads_its_questions_aloud(login, world, fake_espeak):
    texts = spoken_texts(login("guardian").get(reverse("dossier:compliment_new", args=[world.student.pk])))

    assert "Waar is deze leerling goed in?" in texts


def test_guardian_consent_page_reads_each_consent_aloud(login, world, fake_espeak):
    texts = spoken_texts(login("guardian").get(reverse("dossier:guardian_family", args=[world.student.pk])))

    assert any(text.startswith("Foto's en video's in het dossier") for text in texts)
    assert any(text.startswith("Spraakberichten in het dossier") for text in texts)


def test_my_lob_line_reads_its_intro_aloud(login, world, fake_espeak):
    texts = spoken_texts(login("student").get(reverse("dossier:timeline")))

    assert "Wat je hebt meegemaakt en wat je nog gaat doen, op volgorde van datum." in texts


def test_read_aloud_is_not_added_to_buttons_or_navigation(login, world, fake_espeak):
    page = login("student").get(reverse("dossier:trait_new")).content.decode()

    texts = [spoken(unescape(url))[0] for url in BUTTON.findall(page)]
    assert "Toevoegen" not in texts and "Annuleren" not in texts
    assert "data-read-aloud" not in page.split("<main", 1)[0]


def test_each_read_aloud_button_is_named_after_what_it_reads(fake_espeak, db):
    # Issue 12, item 14: a page full of buttons all called "Lees voor" tells a screen reader nothing.
    page = Template("{% load read_aloud %}{% read_aloud first %}|{% read_aloud second %}")

    one, two = page.render(Context({"first": "Wat ging goed?", "second": "Wat wil je leren?"})).split("|")

    assert 'Lees voor<span class="visually-hidden">: Wat ging goed?</span>' in one
    assert 'Lees voor<span class="visually-hidden">: Wat wil je leren?</span>' in two
