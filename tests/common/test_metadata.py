"""Uploaded video, audio and PDFs are stored without their metadata: where (GPS), when, with what, by whom."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from koers.common import metadata
from koers.common.uploads import UploadKind, check_upload
from tests import factories as f

GPS = "+52.3702+004.8952/"
WHEN = "2026-05-01T10:00:00Z"
PICTURE = ("-f", "lavfi", "-i", "testsrc=size=64x48:rate=5:duration=1")


def probe(data: bytes, extension: str) -> dict:
    """What ffprobe reads from the file: its streams (codec, tags) and its format tags."""
    binary = shutil.which("ffprobe")
    if binary is None:
        pytest.skip("ffprobe is not installed (Debian: ffmpeg)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"file.{extension}"
        path.write_bytes(data)
        result = subprocess.run(
            [binary, "-v", "error", "-show_entries", "format_tags:stream=codec_type,codec_name:stream_tags",
             "-of", "json", str(path)],
            capture_output=True, check=True, text=True, timeout=60,
        )  # fmt: skip
    return json.loads(result.stdout)


def all_tags(probed: dict) -> dict:
    tags = dict(probed.get("format", {}).get("tags", {}))
    for stream in probed.get("streams", []):
        tags.update(stream.get("tags", {}))
    return tags


def phone_video() -> bytes:
    return f.made_by_ffmpeg(
        "mp4", *PICTURE, *f.SINE, "-c:v", "mpeg4", "-c:a", "aac",
        "-metadata", f"location={GPS}", "-metadata", f"creation_time={WHEN}",
        "-metadata", "make=Apple", "-metadata", "model=iPhone 15",
        "-metadata:s:v:0", f"creation_time={WHEN}", "-metadata:s:a:0", f"creation_time={WHEN}",
        "-movflags", "use_metadata_tags",
    )  # fmt: skip


def test_a_phone_video_loses_its_gps_and_creation_time():
    original = phone_video()
    assert all_tags(probe(original, "mp4"))["location"] == GPS  # the test file really carries them

    checked = check_upload(SimpleUploadedFile("film.mp4", original, "video/mp4"), UploadKind.VIDEO)
    stored = checked.content.read()
    probed = probe(stored, "mp4")
    tags = all_tags(probed)

    assert not any("location" in key for key in tags)
    assert "creation_time" not in tags
    assert not {"make", "model", "encoder"} & set(tags)
    assert GPS.encode() not in stored and WHEN[:10].encode() not in stored
    assert checked.size == len(stored)


def test_a_video_keeps_its_picture_and_sound_without_re_encoding():
    original = phone_video()

    stored = check_upload(
        SimpleUploadedFile("film.mp4", original, "video/mp4"), UploadKind.VIDEO
    ).content.read()

    codecs = [(s["codec_type"], s["codec_name"]) for s in probe(stored, "mp4")["streams"]]
    assert codecs == [("video", "mpeg4"), ("audio", "aac")]


def test_a_voice_recording_loses_its_tags():
    original = f.made_by_ffmpeg(
        "ogg", *f.SINE, "-c:a", "libopus", "-metadata", "artist=Sanne de Vries", "-metadata", f"date={WHEN}"
    )
    assert "Sanne de Vries" in json.dumps(probe(original, "ogg"))

    stored = check_upload(
        SimpleUploadedFile("stem.ogg", original, "audio/ogg"), UploadKind.AUDIO
    ).content.read()

    tags = {key.lower() for key in all_tags(probe(stored, "ogg"))}
    assert not {"artist", "date", "encoder"} & tags
    assert b"Sanne" not in stored


def test_a_pdf_loses_its_author_and_xmp():
    original = f.sample_pdf(author="Sanne de Vries")
    assert b"Sanne de Vries" in original.read()
    original.seek(0)

    stored = check_upload(original, UploadKind.DOCUMENT).content.read()

    assert b"Sanne" not in stored
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert "/Info" not in pdf.trailer and "/Metadata" not in pdf.Root
        assert len(pdf.pages) == 1


def test_a_pdf_with_a_password_is_refused_with_the_reason():
    buffer = io.BytesIO()
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.save(buffer, encryption=pikepdf.Encryption(owner="geheim", user="geheim"))

    with pytest.raises(ValidationError) as refused:
        check_upload(
            SimpleUploadedFile("beveiligd.pdf", buffer.getvalue(), "application/pdf"), UploadKind.DOCUMENT
        )

    assert "wachtwoord" in refused.value.messages[0]


def test_a_video_that_cannot_be_read_is_refused_not_stored_as_it_came():
    broken = phone_video()[:400]

    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("film.mp4", broken, "video/mp4"), UploadKind.VIDEO)

    assert refused.value.error_list[0].code == "unreadable_media"


def test_without_ffmpeg_video_is_refused_rather_than_kept_with_its_gps(monkeypatch):
    original = phone_video()
    monkeypatch.setattr(metadata, "ffmpeg_binary", lambda: None)

    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("film.mp4", original, "video/mp4"), UploadKind.VIDEO)

    assert refused.value.error_list[0].code == "no_ffmpeg"
