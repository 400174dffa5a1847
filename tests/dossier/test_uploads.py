"""Evidence on experiences: uploaded with the experience or later, served only to those who may see it."""

import io
import os
from pathlib import Path

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django_scopes import scopes_disabled
from PIL import Image

from koers.access.models import AuditEntry
from koers.common.uploads import UploadKind, check_upload
from koers.dossier.domain.experiences import add_evidence, record_experience
from koers.dossier.models import Evidence, EvidenceKind, Experience
from koers.schools.models import Role, RoleKind
from tests import factories as f
from tests.dossier.test_experiences import experience_data
from tests.refusals import assert_not_found, nothing_written


def stored_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def student_role(world) -> Role:
    with scopes_disabled():
        return Role.objects.get(user=world.student.user, kind=RoleKind.STUDENT)


@pytest.fixture
def experience(world):
    with scopes_disabled():
        return f.ExperienceFactory(student=world.student, title="Stage bij de kapper")


def make_evidence(world, experience, upload, kind=UploadKind.IMAGE):
    with scopes_disabled():
        return add_evidence(
            experience=experience, by=student_role(world), uploads=[check_upload(upload, kind)]
        )[0]


@pytest.fixture
def photo(world, experience):
    return make_evidence(world, experience, f.sample_jpeg())


def file_audit_rows(world):
    with scopes_disabled():
        return list(AuditEntry.objects.filter(student=world.student, action="download"))


# --- uploading with a new experience ---


def test_experience_new_with_photo_stores_it_without_gps(login, settings):
    data = experience_data(photos=[f.sample_jpeg()], caption="Ik aan het werk")

    response = login("student").post(reverse("dossier:experience_new"), data)

    with scopes_disabled():
        evidence = Evidence.objects.get()
    assert response.status_code == 302
    assert evidence.kind == EvidenceKind.PHOTO
    assert evidence.caption == "Ik aan het werk"
    with Image.open(evidence.file.path) as image:
        assert dict(image.getexif()) == {}
    assert "foto" not in Path(evidence.file.name).name


def test_experience_new_with_several_photos_stores_each(login):
    data = experience_data(photos=[f.sample_jpeg(), f.sample_png()])

    login("student").post(reverse("dossier:experience_new"), data)

    with scopes_disabled():
        assert sorted(Evidence.objects.values_list("content_type", flat=True)) == ["image/jpeg", "image/png"]


def test_experience_new_with_text_as_photo_says_why_and_keeps_the_input(login, settings):
    data = experience_data(photos=[f.sample_text_as_jpeg()], title="Mijn eerste werkdag")

    response = login("student").post(reverse("dossier:experience_new"), data)

    page = response.content.decode()
    assert response.status_code == 200
    assert '<p class="error" id="id_photos-error">' in page
    assert "geen foto" in page
    assert 'value="Mijn eerste werkdag"' in page


def test_experience_new_with_rejected_upload_saves_nothing(login, settings):
    data = experience_data(photos=[f.sample_jpeg()], voice=f.sample_png(name="stem.webm"))

    login("student").post(reverse("dossier:experience_new"), data)

    with scopes_disabled():
        assert not Experience.objects.exists()
        assert not Evidence.objects.exists()
    assert stored_files(settings) == []


def test_experience_new_with_too_large_file_names_the_limit(login, settings):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    big = f.sample_pdf()
    big = type(big)("groot.pdf", big.read() + bytes(1024 * 1024), content_type="application/pdf")

    response = login("student").post(reverse("dossier:experience_new"), experience_data(document=big))

    page = response.content.decode()
    assert "te groot" in page
    assert "maximaal 1 MB" in page


def test_record_experience_removes_saved_files_when_the_transaction_fails(world, settings, monkeypatch):
    uploads = [
        check_upload(f.sample_jpeg(), UploadKind.IMAGE),
        check_upload(f.sample_pdf(), UploadKind.DOCUMENT),
    ]
    real_save = Evidence.save
    calls = {"n": 0}

    def failing_second_save(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise IntegrityError("schijf vol")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(Evidence, "save", failing_second_save)

    with scopes_disabled(), pytest.raises(IntegrityError):
        record_experience(
            student=world.student, by=student_role(world), kind="sport", title="Toernooi",
            happened_on=world.student.joined_on, evidence=uploads,
        )  # fmt: skip

    with scopes_disabled():
        assert not Experience.objects.exists()
    assert stored_files(settings) == []


# --- adding and removing evidence later ---


def test_evidence_new_adds_a_pdf_and_a_voice_note(login, experience):
    data = {"document": f.sample_pdf(), "voice": f.sample_webm()}

    response = login("student").post(reverse("dossier:evidence_new", args=[experience.pk]), data)

    with scopes_disabled():
        kinds = sorted(Evidence.objects.filter(experience=experience).values_list("kind", "content_type"))
    assert response.status_code == 302
    assert kinds == [("audio", "audio/webm"), ("document", "application/pdf")]


def test_evidence_new_without_file_asks_for_one(login, experience):
    response = login("student").post(reverse("dossier:evidence_new", args=[experience.pk]), {"caption": "x"})

    assert "Kies minstens één bestand" in response.content.decode()


def test_evidence_new_refuses_png_as_voice_note(login, experience):
    data = {"voice": f.sample_png(name="opname.webm", content_type="audio/webm")}

    response = login("student").post(reverse("dossier:evidence_new", args=[experience.pk]), data)

    assert '<p class="error" id="id_voice-error">' in response.content.decode()
    with scopes_disabled():
        assert not Evidence.objects.exists()


@pytest.mark.parametrize("persona", ["mentor", "counsellor", "guardian", "classmate", "outsider"])
def test_evidence_new_is_404_for_anyone_but_the_student(login, experience, persona):
    with nothing_written(Evidence):
        response = login(persona).post(
            reverse("dossier:evidence_new", args=[experience.pk]), {"document": f.sample_pdf()}
        )

    assert_not_found(response, experience.title)


def test_evidence_delete_removes_row_and_file(login, photo, django_capture_on_commit_callbacks):
    path = photo.file.path

    with django_capture_on_commit_callbacks(execute=True):
        response = login("student").post(reverse("dossier:evidence_delete", args=[photo.pk]))

    assert response.status_code == 302
    with scopes_disabled():
        assert not Evidence.objects.filter(pk=photo.pk).exists()
    assert not os.path.exists(path)


@pytest.mark.parametrize("persona", ["mentor", "counsellor", "classmate", "outsider"])
def test_evidence_delete_is_404_for_anyone_but_the_student(login, photo, persona):
    response = login(persona).post(reverse("dossier:evidence_delete", args=[photo.pk]))

    assert response.status_code == 404
    assert os.path.exists(photo.file.path)


# --- serving evidence ---


def test_evidence_file_serves_the_owner_the_clean_photo(login, world, photo):
    response = login("student").get(reverse("dossier:evidence_file", args=[photo.pk]))

    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    with Image.open(io.BytesIO(body)) as image:
        assert image.format == "JPEG"
    assert file_audit_rows(world) == []


def test_evidence_file_document_is_an_attachment(login, world, experience):
    document = make_evidence(world, experience, f.sample_pdf(name="verslag.pdf"), UploadKind.DOCUMENT)

    response = login("student").get(reverse("dossier:evidence_file", args=[document.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "verslag.pdf" in response["Content-Disposition"]


@pytest.mark.parametrize("persona", ["mentor", "counsellor"])
def test_evidence_photo_opens_for_followers_as_part_of_the_logged_page_view(login, world, photo, persona):
    response = login(persona).get(reverse("dossier:evidence_file", args=[photo.pk]))

    assert response.status_code == 200
    assert file_audit_rows(world) == []


@pytest.mark.parametrize("persona", ["mentor", "counsellor"])
def test_evidence_document_download_by_followers_writes_one_audit_row(login, world, experience, persona):
    document = make_evidence(world, experience, f.sample_pdf(name="verslag.pdf"), UploadKind.DOCUMENT)

    response = login(persona).get(reverse("dossier:evidence_file", args=[document.pk]))

    rows = file_audit_rows(world)
    assert response.status_code == 200
    assert len(rows) == 1
    assert rows[0].actor == world.users[persona]


def test_evidence_file_of_shared_experience_opens_for_guardian(login, world, experience):
    experience.shared_with_guardians = True
    experience.save()
    document = make_evidence(world, experience, f.sample_pdf(name="verslag.pdf"), UploadKind.DOCUMENT)

    response = login("guardian").get(reverse("dossier:evidence_file", args=[document.pk]))

    assert response.status_code == 200
    assert [r.actor_role for r in file_audit_rows(world)] == [RoleKind.GUARDIAN]


@pytest.mark.parametrize("persona", ["guardian", "classmate", "outsider", "teacher", "leader"])
def test_evidence_file_of_private_experience_is_404(login, world, photo, persona):
    response = login(persona).get(reverse("dossier:evidence_file", args=[photo.pk]))

    assert response.status_code == 404
    assert file_audit_rows(world) == []


def test_evidence_file_supports_byte_ranges_for_media_players(login, world, experience):
    voice = make_evidence(world, experience, f.sample_wav(), UploadKind.AUDIO)

    response = login("student").get(reverse("dossier:evidence_file", args=[voice.pk]), HTTP_RANGE="bytes=0-3")

    assert response.status_code == 206
    assert b"".join(response.streaming_content) == b"RIFF"
    assert response["Content-Range"].startswith("bytes 0-3/")


def test_evidence_file_range_requests_after_the_first_are_not_logged_again(login, world, experience):
    document = make_evidence(world, experience, f.sample_pdf(name="verslag.pdf"), UploadKind.DOCUMENT)
    client = login("mentor")

    client.get(reverse("dossier:evidence_file", args=[document.pk]), HTTP_RANGE="bytes=0-")
    client.get(reverse("dossier:evidence_file", args=[document.pk]), HTTP_RANGE="bytes=100-")

    assert len(file_audit_rows(world)) == 1


def test_experience_detail_shows_photos_through_the_checked_view(login, experience, photo):
    response = login("student").get(reverse("dossier:experience", args=[experience.pk]))

    assert f'src="{reverse("dossier:evidence_file", args=[photo.pk])}"' in response.content.decode()


def test_experience_new_shows_upload_and_field_errors_together(login):
    data = experience_data(title="", photos=[f.sample_text_as_jpeg()])

    page = login("student").post(reverse("dossier:experience_new"), data).content.decode()

    assert 'id="id_title-error"' in page
    assert 'id="id_photos-error"' in page


def test_evidence_form_tells_the_student_what_a_pdf_keeps(login, experience):
    """Photos inside a PDF keep their own metadata (docs/privacy.md): the uploader is told before choosing."""
    response = login("student").get(reverse("dossier:evidence_new", args=[experience.pk]))

    assert "Foto&#x27;s in de pdf houden hun eigen gegevens" in response.content.decode()
