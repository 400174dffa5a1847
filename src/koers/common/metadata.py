"""Metadata out of uploaded video, audio and PDF files (photos are re-drawn from their pixels in uploads.py).

Phone videos carry where and when they were made (GPS in the container's tags or in a timed metadata track,
a creation time, the phone's make and model); recordings carry tags; PDFs carry an author, the program and
dates. What is removed, per kind, is listed in docs/privacy.md.

Video and audio are remuxed by ffmpeg (Debian's package, see scripts/os-packages.sh) without re-encoding:
only the video and audio streams are copied, global and per-stream tags and chapters are dropped, and ffmpeg
writes no tags of its own. PDFs are rewritten by pikepdf (qpdf) without the document information dictionary
and without XMP metadata streams. A file the tools cannot read is refused, never stored as it came.
"""

from __future__ import annotations

import io
import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

import pikepdf
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

FFMPEG_SECONDS = 120
# Keys a PDF keeps per object that say who made it with what: XMP streams and applications' private data.
PDF_OBJECT_KEYS = ("/Metadata", "/PieceInfo")


def ffmpeg_binary() -> str | None:
    return shutil.which("ffmpeg")


def _unreadable() -> ValidationError:
    return ValidationError(
        _("Koers kan dit bestand niet openen. Is het helemaal geüpload? Probeer het nog eens."),
        code="unreadable_media",
    )


def strip_media(data: bytes, extension: str) -> bytes:
    """The same video or recording with its metadata removed; ValidationError when it cannot be cleaned."""
    binary = ffmpeg_binary()
    if binary is None:
        # Without the tool nothing can be cleaned, and an uncleaned phone video would keep its GPS: refuse.
        logger.error("ffmpeg is not installed: video and audio uploads are refused")
        raise ValidationError(
            _("Video en geluid kunnen nu niet worden bewaard. Vraag de beheerder van de school om hulp."),
            code="no_ffmpeg",
        )
    with tempfile.TemporaryDirectory(prefix="koers-media-") as folder:
        source, target = Path(folder) / f"in.{extension}", Path(folder) / f"out.{extension}"
        source.write_bytes(data)
        command = [
            binary, "-nostdin", "-hide_banner", "-loglevel", "error", "-i", str(source),
            # Only the picture and the sound: data tracks (a phone's timed GPS track), subtitles and
            # attachments stay behind.
            "-map", "0:v?", "-map", "0:a?", "-dn", "-sn",
            "-c", "copy",
            # No global, per-stream or chapter tags, and none written by ffmpeg itself.
            "-map_metadata", "-1", "-map_metadata:s:v", "-1", "-map_metadata:s:a", "-1",
            "-map_chapters", "-1",
            "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
            "-y", str(target),
        ]  # fmt: skip
        try:
            result = subprocess.run(command, capture_output=True, timeout=FFMPEG_SECONDS, check=False)
        except subprocess.TimeoutExpired as error:
            raise _unreadable() from error
        if result.returncode != 0 or not target.exists() or target.stat().st_size == 0:
            raise _unreadable()
        return target.read_bytes()


def strip_pdf(data: bytes) -> bytes:
    """The same PDF without its document information (author, title, program, dates) and XMP metadata."""
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            for obj in pdf.objects:
                if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
                    for key in PDF_OBJECT_KEYS:
                        if key in obj:
                            del obj[key]
            out = io.BytesIO()
            pdf.save(out, fix_metadata_version=False, deterministic_id=True)
            return out.getvalue()
    except pikepdf.PasswordError as error:
        raise ValidationError(
            _("Deze PDF is beveiligd met een wachtwoord. Bewaar hem zonder wachtwoord en kies hem opnieuw."),
            code="pdf_password",
        ) from error
    except pikepdf.PdfError as error:
        raise _unreadable() from error
