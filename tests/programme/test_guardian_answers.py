"""A guardian's own answer to a home assignment: text or voice, in their own language."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from koers.programme.models import GuardianAnswer
from tests import factories as f
from tests.refusals import assert_not_found, nothing_written


def _home_assignment(world, audience="home"):
    with scopes_disabled():
        given = f.GivenAssignmentFactory(assignment__school=world.school, assignment__audience=audience)
        given.groups.add(world.group)
    return given


def _url(world, given, student=None):
    return reverse("programme:guardian_answer", args=[(student or world.student).pk, given.pk])


def test_guardian_answers_in_text_and_own_language(login, world):
    given = _home_assignment(world)
    response = login("guardian").post(_url(world, given), {"text": "نحن تحدثنا عن العمل", "language": "ar"})
    assert response.status_code == 302
    with scopes_disabled():
        answer = GuardianAnswer.objects.get()
    assert answer.language == "ar" and answer.guardian == world.users["guardian"]


def test_guardian_answers_by_voice_note(login, world):
    given = _home_assignment(world)
    client = login("guardian")
    response = client.post(_url(world, given), {"text": "", "language": "nl", "voice": f.sample_ogg()})
    assert response.status_code == 302
    with scopes_disabled():
        answer = GuardianAnswer.objects.get()
    assert answer.voice_content_type == "audio/ogg"
    played = client.get(reverse("programme:guardian_answer_voice", args=[answer.pk]))
    assert played.status_code == 200


def test_guardian_answer_not_audio_is_refused_text_kept(login, world):
    given = _home_assignment(world)
    fake = SimpleUploadedFile("spraak.ogg", b"dit is gewoon tekst" * 20, content_type="audio/ogg")
    response = login("guardian").post(
        _url(world, given), {"text": "Ons verhaal", "language": "nl", "voice": fake}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "geen geluidsopname" in html
    assert "Ons verhaal" in html
    with scopes_disabled():
        assert not GuardianAnswer.objects.exists()


def test_guardian_answer_too_long_voice_is_refused(login, world, settings):
    settings.UPLOAD_MAX_BYTES = 100
    given = _home_assignment(world)
    response = login("guardian").post(
        _url(world, given), {"text": "Ons verhaal", "language": "nl", "voice": f.sample_ogg()}
    )
    assert response.status_code == 400
    assert "Ons verhaal" in response.content.decode()
    with scopes_disabled():
        assert not GuardianAnswer.objects.exists()


def test_guardian_answer_empty_is_refused(login, world):
    given = _home_assignment(world)
    response = login("guardian").post(_url(world, given), {"text": "  ", "language": "nl"})
    assert response.status_code == 400
    assert "spraakbericht" in response.content.decode()


def test_guardian_answer_for_school_only_assignment_is_404(login, world):
    given = _home_assignment(world, audience="student")

    response = login("guardian").get(_url(world, given))

    assert_not_found(response, given.assignment.title)


def test_guardian_answer_for_someone_elses_child_is_404(login, world):
    given = _home_assignment(world)

    response = login("guardian").get(_url(world, given, student=world.classmate))

    assert_not_found(response, world.classmate.user.get_full_name())


def test_guardian_answer_voice_of_another_guardian_is_404(login, world):
    given = _home_assignment(world)
    with scopes_disabled():
        theirs = f.GuardianAnswerFactory(
            given=given, school=world.school, student=world.student, voice="x/spraak.ogg"
        )
    with nothing_written(GuardianAnswer):
        response = login("guardian").get(reverse("programme:guardian_answer_voice", args=[theirs.pk]))

    assert_not_found(response)  # the page, not their recording


def test_guardian_answer_changes_existing_answer(login, world):
    given = _home_assignment(world)
    client = login("guardian")
    client.post(_url(world, given), {"text": "Eerst", "language": "nl"})
    client.post(_url(world, given), {"text": "Daarna", "language": "nl"})
    with scopes_disabled():
        assert list(GuardianAnswer.objects.values_list("text", flat=True)) == ["Daarna"]
