""" "Does this fit me?" answered by voice: the recording is kept as audio, plays for the student and the
mentor (logged), and is refused when it is no recording or when there is no consent for voice notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.access.models import AuditEntry
from koers.careers.content_loader import load_content
from koers.careers.models import FitReflection, Occupation
from tests import factories as f

SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def nurse(world):
    load_content(SAMPLES)
    with scopes_disabled():
        return Occupation.objects.get(key="nurse")


def test_a_spoken_answer_alone_is_enough_and_plays_on_the_occupation_page(world, login, nurse):
    client = login("student")

    response = client.post(reverse("careers:fit", args=[nurse.pk]), {"voice": f.sample_webm()})

    assert response.status_code == 302
    with scopes_disabled():
        saved = FitReflection.objects.get()
    assert saved.voice and saved.voice_content_type == "audio/webm"
    assert (saved.attracts, saved.doubts, saved.find_out) == ("", "", "")
    page = client.get(reverse("careers:occupation", args=[nurse.pk])).content.decode()
    assert reverse("careers:fit_voice", args=[saved.pk]) in page
    played = client.get(reverse("careers:fit_voice", args=[saved.pk]))
    assert played.status_code == 200
    assert played["Content-Type"] == "audio/webm"


def test_a_new_recording_replaces_the_old_and_words_stay(
    world, login, nurse, django_capture_on_commit_callbacks
):
    client = login("student")
    url = reverse("careers:fit", args=[nurse.pk])
    client.post(url, {"attracts": "Mensen helpen", "voice": f.sample_webm()})
    with scopes_disabled():
        first = FitReflection.objects.get().voice.name

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"attracts": "Mensen helpen", "voice": f.sample_ogg()})

    with scopes_disabled():
        saved = FitReflection.objects.get()
    assert saved.voice.name != first and saved.voice_content_type == "audio/ogg"
    assert saved.attracts == "Mensen helpen"
    assert not saved.voice.storage.exists(first)


def test_removing_the_only_recording_without_words_is_refused(world, login, nurse):
    client = login("student")
    url = reverse("careers:fit", args=[nurse.pk])
    client.post(url, {"voice": f.sample_webm()})

    response = client.post(url, {"remove_voice": "on"})

    assert response.status_code == 200
    assert "spreek het in" in response.content.decode()
    with scopes_disabled():
        assert FitReflection.objects.get().voice


def test_a_picture_as_recording_is_refused_next_to_the_field_with_words_kept(world, login, nurse):
    client = login("student")

    response = client.post(
        reverse("careers:fit", args=[nurse.pk]),
        {
            "attracts": "Zorgen voor mensen",
            "voice": f.sample_png(name="opname.webm", content_type="audio/webm"),
        },
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "geen geluidsopname" in html
    assert "Zorgen voor mensen" in html
    with scopes_disabled():
        assert not FitReflection.objects.exists()


def test_without_consent_for_voice_notes_the_recording_is_refused(world, login, nurse):
    login("guardian").post(
        reverse("dossier:guardian_family", args=[world.student.pk]), {"purpose": "voice", "granted": "0"}
    )
    client = login("student")

    response = client.post(reverse("careers:fit", args=[nurse.pk]), {"voice": f.sample_webm()})

    assert response.status_code == 200
    assert "geen toestemming voor spraakberichten" in response.content.decode()
    with scopes_disabled():
        assert not FitReflection.objects.exists()


def test_the_mentor_hears_it_once_logged_and_a_classmate_gets_404(world, login, nurse):
    login("student").post(reverse("careers:fit", args=[nurse.pk]), {"voice": f.sample_webm()})
    with scopes_disabled():
        saved = FitReflection.objects.get()
    url = reverse("careers:fit_voice", args=[saved.pk])
    mentor = login("mentor")

    overview = mentor.get(reverse("careers:student_careers", args=[world.student.pk])).content.decode()
    with scopes_disabled():
        before = AuditEntry.objects.filter(student=world.student).count()
    assert url in overview
    assert mentor.get(url).status_code == 200
    assert mentor.get(url, headers={"Range": "bytes=100-"}).status_code == 206
    with scopes_disabled():
        assert AuditEntry.objects.filter(student=world.student).count() == before + 1
    assert login("classmate").get(url).status_code == 404
    assert login("guardian").get(url).status_code == 404
