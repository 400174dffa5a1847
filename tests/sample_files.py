"""Small but real files for uploads, made in memory (re-exported by tests/factories.py as ``f``)."""

import functools
import io
import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

# --- appended for experiences and uploads: small but real files, generated in memory ---


def sample_jpeg(
    *, width: int = 40, height: int = 20, with_gps: bool = True, orientation: int = 1, name: str = "foto.jpg"
):
    """A real JPEG; by default with EXIF holding a camera make, GPS position and an orientation tag."""

    image = Image.new("RGB", (width, height), (200, 60, 30))
    exif = Image.Exif()
    exif[0x010F] = "Telefoonmerk"  # Make
    exif[0x0112] = orientation  # Orientation
    if with_gps:
        exif[0x8825] = {1: "N", 2: (52.0, 5.0, 30.0), 3: "E", 4: (4.0, 53.0, 10.0)}  # GPSInfo
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif.tobytes())
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def sample_png(*, name: str = "plaatje.png", content_type: str = "image/png"):

    buffer = io.BytesIO()
    Image.new("RGBA", (12, 12), (0, 120, 200, 128)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def sample_wav(*, seconds: float = 0.2, name: str = "spraak.wav"):
    """A real WAV file of silence, made with the standard library."""

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x00" * int(8000 * seconds))
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="audio/wav")


@functools.cache
def made_by_ffmpeg(extension: str, *arguments: str) -> bytes:
    """A real, tiny recording made by ffmpeg (uploads are remuxed by it, so a made-up header is refused)."""

    binary = shutil.which("ffmpeg")
    if binary is None:
        pytest.skip("ffmpeg is not installed (Debian: ffmpeg; scripts/os-packages.sh)")
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"sample.{extension}"
        subprocess.run(
            [binary, "-nostdin", "-loglevel", "error", *arguments, "-y", str(target)], check=True, timeout=60
        )
        return target.read_bytes()


SINE = ("-f", "lavfi", "-i", "sine=frequency=440:duration=0.3")


def sample_webm(*, name: str = "spraakbericht.webm"):
    """A WebM voice note as browsers record it (Opus sound)."""

    data = made_by_ffmpeg("webm", *SINE, "-c:a", "libopus")
    return SimpleUploadedFile(name, data, content_type="audio/webm")


def sample_ogg(*, name: str = "spraakbericht.ogg"):
    data = made_by_ffmpeg("ogg", *SINE, "-c:a", "libopus")
    return SimpleUploadedFile(name, data, content_type="audio/ogg")


def sample_pdf(*, name: str = "werkstuk.pdf", author: str = ""):
    """A real one-page PDF; with ``author`` it carries that name in its document information and XMP."""

    pdf = pikepdf.new()
    pdf.add_blank_page()
    if author:
        pdf.docinfo["/Author"] = author
        with pdf.open_metadata() as xmp:
            xmp["dc:creator"] = [author]
    buffer = io.BytesIO()
    pdf.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def sample_text_as_jpeg(*, name: str = "foto.jpg"):
    """A text file wearing a photo's name and declared type."""

    return SimpleUploadedFile(name, b"Dit is geen foto maar gewoon tekst.\n" * 4, content_type="image/jpeg")
