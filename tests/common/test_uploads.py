"""Uploads are judged by their content, capped in size, and photos come back without any metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, JpegImagePlugin

from koers.common.uploads import UploadKind, check_upload, format_size
from tests import factories as f


def reopen(checked) -> Image.Image:
    checked.content.seek(0)
    return Image.open(io.BytesIO(checked.content.read()))


def test_sample_jpeg_really_carries_gps_before_the_check():
    # Guards the other tests: the sample must contain what the upload code has to remove.
    with Image.open(f.sample_jpeg()) as original:
        assert original.getexif().get_ifd(0x8825)


def test_photo_with_gps_comes_back_without_any_exif():
    checked = check_upload(f.sample_jpeg(), UploadKind.IMAGE)

    checked.content.seek(0)
    data = checked.content.read()
    assert b"Exif" not in data
    assert b"Telefoonmerk" not in data
    with reopen(checked) as image:
        assert dict(image.getexif()) == {}
        assert image.format == "JPEG"
    assert checked.content_type == "image/jpeg"


def test_photo_is_turned_upright_by_its_orientation_tag():
    # Orientation 6: the camera was held on its side; the stored picture must stand upright.
    checked = check_upload(f.sample_jpeg(width=40, height=20, orientation=6), UploadKind.IMAGE)

    with reopen(checked) as image:
        assert image.size == (20, 40)


def test_large_photo_is_scaled_down_to_the_maximum_side():
    checked = check_upload(f.sample_jpeg(width=4000, height=1000, with_gps=False), UploadKind.IMAGE)

    with reopen(checked) as image:
        assert image.size == (2000, 500)


def test_photo_gets_a_random_name_not_the_original():
    first = check_upload(f.sample_jpeg(name="mijn-adres-thuis.jpg"), UploadKind.IMAGE)
    second = check_upload(f.sample_jpeg(name="mijn-adres-thuis.jpg"), UploadKind.IMAGE)

    assert "adres" not in first.name
    assert first.name != second.name
    assert first.name.endswith(".jpg")
    assert first.original_name == "mijn-adres-thuis.jpg"


def test_transparent_png_stays_png():
    checked = check_upload(f.sample_png(), UploadKind.IMAGE)

    assert checked.content_type == "image/png"
    with reopen(checked) as image:
        assert image.mode == "RGBA"


def test_text_file_named_jpg_is_refused_as_photo():
    with pytest.raises(ValidationError) as refused:
        check_upload(f.sample_text_as_jpeg(), UploadKind.IMAGE)

    assert "geen foto" in " ".join(refused.value.messages)


def test_too_large_file_is_refused_with_the_limit_in_the_message(settings):
    settings.UPLOAD_MAX_BYTES = 2 * 1024 * 1024
    big = SimpleUploadedFile(
        "groot.pdf", b"%PDF-1.4\n" + bytes(2 * 1024 * 1024), content_type="application/pdf"
    )

    with pytest.raises(ValidationError) as refused:
        check_upload(big, UploadKind.DOCUMENT)

    message = " ".join(refused.value.messages)
    assert "te groot" in message
    assert "maximaal 2 MB" in message


def test_voice_note_has_a_smaller_cap_than_other_files(settings):
    settings.UPLOAD_MAX_BYTES = 20 * 1024 * 1024
    eleven_megabytes = SimpleUploadedFile(
        "lang.ogg", b"OggS" + bytes(11 * 1024 * 1024), content_type="audio/ogg"
    )

    with pytest.raises(ValidationError) as refused:
        check_upload(eleven_megabytes, UploadKind.AUDIO)

    assert "maximaal 10 MB" in " ".join(refused.value.messages)


def test_pdf_is_accepted_as_document():
    checked = check_upload(f.sample_pdf(), UploadKind.DOCUMENT)

    assert checked.content_type == "application/pdf"
    assert checked.name.endswith(".pdf")


def test_photo_is_refused_as_document():
    with pytest.raises(ValidationError) as refused:
        check_upload(f.sample_jpeg(name="werkstuk.pdf"), UploadKind.DOCUMENT)

    assert "geen PDF" in " ".join(refused.value.messages)


@pytest.mark.parametrize(
    ("sample", "content_type"),
    [(f.sample_wav, "audio/wav"), (f.sample_webm, "audio/webm"), (f.sample_ogg, "audio/ogg")],
)
def test_recordings_are_accepted_as_audio(sample, content_type):
    checked = check_upload(sample(), UploadKind.AUDIO)

    assert checked.content_type == content_type


def test_png_claimed_as_audio_is_refused():
    disguised = f.sample_png(name="spraakbericht.webm", content_type="audio/webm")

    with pytest.raises(ValidationError) as refused:
        check_upload(disguised, UploadKind.AUDIO)

    assert "geen geluidsopname" in " ".join(refused.value.messages)


def test_unknown_content_says_koers_does_not_recognise_it():
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("x.webm", b"\x00\x01\x02 random bytes" * 10), UploadKind.AUDIO)

    assert "herkent dit soort bestand niet" in " ".join(refused.value.messages)


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("leeg.jpg", b""), UploadKind.IMAGE)

    assert "leeg" in " ".join(refused.value.messages)


def test_truncated_jpeg_is_refused_with_a_reason():
    data = f.sample_jpeg(width=400, height=300).read()
    broken = SimpleUploadedFile("kapot.jpg", data[: len(data) // 3], content_type="image/jpeg")

    with pytest.raises(ValidationError) as refused:
        check_upload(broken, UploadKind.IMAGE)

    assert refused.value.messages


@pytest.mark.parametrize(
    ("size", "words"),
    [
        (20 * 1024 * 1024, "20 MB"),
        (10 * 1024 * 1024, "10 MB"),
        (1536 * 1024, "1,5 MB"),
        (300 * 1024, "300 kB"),
    ],
)
def test_sizes_are_written_the_dutch_way(size, words):
    assert format_size(size) == words


def test_safari_style_mp4_recording_is_accepted_as_audio():
    # Safari records voice as MP4 with brands that the type library alone does not name.
    data = f.made_by_ffmpeg("mp4", *f.SINE, "-c:a", "aac", "-brand", "iso5")
    assert data[4:12] == b"ftypiso5"
    recording = SimpleUploadedFile("spraak.mp4", data, "audio/mp4")

    checked = check_upload(recording, UploadKind.AUDIO)

    assert (checked.content_type, checked.extension) == ("audio/mp4", "m4a")


def test_gif_is_refused_as_an_unsupported_kind_of_picture():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, format="GIF")

    with pytest.raises(ValidationError) as refused:
        check_upload(SimpleUploadedFile("bewegend.gif", buffer.getvalue()), UploadKind.IMAGE)

    assert "Dit soort afbeelding" in " ".join(refused.value.messages)


def _encoded(size: tuple[int, int], fmt: str) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("L", size, 128).save(buffer, format=fmt)
    name = "groot.png" if fmt == "PNG" else "groot.jpg"
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def test_a_small_png_that_would_unpack_into_too_many_pixels_is_refused():
    # 20 megapixels of one colour compress to a few kilobytes, but decoding them costs hundreds of megabytes.
    upload = _encoded((5000, 4000), "PNG")
    assert upload.size < 200_000

    with pytest.raises(ValidationError) as refused:
        check_upload(upload, UploadKind.IMAGE)

    assert refused.value.code == "too_many_pixels"


def test_a_big_phone_jpeg_is_decoded_at_a_reduced_scale(monkeypatch):

    drafts = []
    original_draft = JpegImagePlugin.JpegImageFile.draft

    def spying_draft(self, mode, size):
        answer = original_draft(self, mode, size)
        drafts.append(self.size)
        return answer

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spying_draft)

    checked = check_upload(_encoded((8000, 6000), "JPEG"), UploadKind.IMAGE)

    assert max(reopen(checked).size) == 2000
    # The decoder was asked for a quarter of the pixels (or fewer) before a single pixel was read.
    assert drafts and drafts[0][0] * drafts[0][1] <= 4000 * 3000
