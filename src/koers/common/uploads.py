"""Uploaded files: checked by their content, size-capped, stored without metadata, served safely.

Nothing here trusts the file name or the type the browser declares. The first bytes decide what a file is
(``filetype``); images are opened and re-drawn with Pillow, so only pixels survive (no EXIF, no GPS, no
comments), turned upright and capped in size; video, audio and PDFs lose their metadata in ``metadata.py``.
Every stored file gets a random name.

Files are saved while the database transaction of the write is still open; ``files_removed_on_error`` deletes
them again when that transaction fails, and ``delete_files_on_commit`` removes files only once a deletion has
really been committed.
"""

from __future__ import annotations

import io
import math
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils.formats import number_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from koers.common.metadata import strip_media, strip_pdf
from koers.common.ratelimit import count_upload

MEGABYTE = 1024 * 1024
# Voice notes are short: a few minutes of speech fit easily in this.
VOICE_MAX_BYTES = 10 * MEGABYTE
IMAGE_MAX_SIDE = 2000
# Refuse pixel counts a phone photo never needs before decoding anything (a small file can unpack into
# gigabytes). A JPEG is decoded at a reduced scale (Pillow's draft: 1/2 to 1/8) close to IMAGE_MAX_SIDE, so
# even a 50-megapixel phone photo costs tens of megabytes; PNG and WebP decode in full, so their cap is what
# a phone's screenshot or a 12-megapixel photo needs.
IMAGE_MAX_PIXELS = 50_000_000
IMAGE_MAX_PIXELS_FULL_DECODE = 16_000_000
HEAD_BYTES = 8192


class UploadKind(StrEnum):
    IMAGE = "image"
    VIDEO = "video"
    AUDIO = "audio"
    DOCUMENT = "document"


# What the content says a file is (MIME from ``filetype``) -> (kind, content type we serve, extension).
# WebM and MP4 are containers: a recording of sound only is still detected as "video", so for voice notes
# the same containers are accepted as audio.
_VIDEO_TYPES = {
    "video/mp4": ("video/mp4", "mp4"),
    "video/x-m4v": ("video/mp4", "m4v"),
    "video/quicktime": ("video/quicktime", "mov"),
    "video/webm": ("video/webm", "webm"),
}
_AUDIO_TYPES = {
    "audio/mpeg": ("audio/mpeg", "mp3"),
    "audio/mp4": ("audio/mp4", "m4a"),
    "audio/ogg": ("audio/ogg", "ogg"),
    "audio/x-wav": ("audio/wav", "wav"),
    "video/webm": ("audio/webm", "webm"),
    "video/mp4": ("audio/mp4", "m4a"),
}
_DOCUMENT_TYPES = {"application/pdf": ("application/pdf", "pdf")}
_IMAGE_MIMES = {"image/jpeg", "image/png", "image/webp", "image/heic", "image/avif"}
# Formats Pillow reports for the images we accept ("MPO" is how many phones' JPEGs open).
_IMAGE_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "AVIF", "HEIF"}

NOT_THIS_KIND = {
    UploadKind.IMAGE: _("Dit bestand is geen foto. Kies een foto (JPG, PNG of WebP)."),
    UploadKind.VIDEO: _("Dit bestand is geen video. Kies een filmpje (MP4, MOV of WebM)."),
    UploadKind.AUDIO: _(
        "Dit bestand is geen geluidsopname. Neem een spraakbericht op of kies een geluidsbestand "
        "(MP3, M4A, WAV, Ogg of WebM)."
    ),
    UploadKind.DOCUMENT: _(
        "Dit bestand is geen PDF. Bewaar je document eerst als PDF en kies het dan opnieuw."
    ),
}
UNKNOWN_TYPE = _("Koers herkent dit soort bestand niet.")


def format_size(size: int) -> str:
    """A size in words people know: '20 MB', '1,5 MB', '300 kB'."""
    if size >= MEGABYTE:
        megabytes = size / MEGABYTE
        return f"{number_format(megabytes, 0 if megabytes == int(megabytes) else 1)} MB"
    return f"{number_format(max(1, round(size / 1024)), 0)} kB"


def max_bytes_for(kind: UploadKind) -> int:
    if kind == UploadKind.AUDIO:
        return min(VOICE_MAX_BYTES, settings.UPLOAD_MAX_BYTES)
    return int(settings.UPLOAD_MAX_BYTES)


def random_name(extension: str) -> str:
    return f"{secrets.token_urlsafe(18)}.{extension}"


@dataclass(frozen=True)
class CheckedUpload:
    """A file that passed the checks, ready to be saved under a fresh random name."""

    kind: UploadKind
    content: File
    content_type: str
    extension: str
    size: int
    original_name: str
    name: str = field(default="")

    def __post_init__(self) -> None:
        if not self.name:
            object.__setattr__(self, "name", random_name(self.extension))


def _original_name(upload: File) -> str:
    # Kept only to show the student; never used as a path.
    name = (upload.name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return re.sub(r"[\x00-\x1f\x7f]", "", name)[:200]


def _read_head(upload: File) -> bytes:
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return bytes(head)


def _refuse_wrong_kind(kind: UploadKind, detected: str | None) -> ValidationError:
    if detected is None:
        return ValidationError(
            "%(unknown)s %(hint)s",
            code="unknown_type",
            params={"unknown": UNKNOWN_TYPE, "hint": NOT_THIS_KIND[kind]},
        )
    return ValidationError(NOT_THIS_KIND[kind], code="wrong_type")


def check_upload(
    upload: File, kind: UploadKind, *, max_bytes: int | None = None, counted: bool = True
) -> CheckedUpload:
    """Check one uploaded file for ``kind``; a refusal raises ValidationError with a Dutch reason.

    ``counted=False`` for the files inside one import (a transferred dossier): the import is one upload."""
    # Counted before any work: a person (or a stolen session) sending file after file is stopped before
    # decoding them. Outside a request nothing is counted.
    if counted and not count_upload():
        raise ValidationError(
            _("Er zijn net te veel bestanden verstuurd. Wacht een minuut en probeer het dan opnieuw."),
            code="too_many_uploads",
        )
    limit = max_bytes if max_bytes is not None else max_bytes_for(kind)
    size = int(upload.size or 0)
    if size == 0:
        raise ValidationError(_("Dit bestand is leeg. Kies het bestand opnieuw."), code="empty")
    if size > limit:
        raise ValidationError(
            _("Dit bestand is te groot (%(size)s). Het mag maximaal %(limit)s zijn."),
            code="too_large",
            params={"size": format_size(size), "limit": format_size(limit)},
        )
    head = _read_head(upload)
    detected = filetype.guess_mime(head)
    if detected is None and head[4:8] == b"ftyp":
        # Any other ISO media file (e.g. what Safari records, brand "iso5"/"iso6") is an MP4 container too.
        detected = "video/quicktime" if head[8:12] == b"qt  " else "video/mp4"
    original = _original_name(upload)
    if kind == UploadKind.IMAGE:
        if detected is not None and detected.startswith("image/") and detected not in _IMAGE_MIMES:
            raise ValidationError(
                _("Dit soort afbeelding kan Koers niet bewaren. Kies een foto (JPG, PNG of WebP)."),
                code="unsupported_image",
            )
        if detected not in _IMAGE_MIMES:
            raise _refuse_wrong_kind(kind, detected)
        return _reencode_image(upload, original, detected)
    table = {
        UploadKind.VIDEO: _VIDEO_TYPES,
        UploadKind.AUDIO: _AUDIO_TYPES,
        UploadKind.DOCUMENT: _DOCUMENT_TYPES,
    }[kind]
    if detected not in table:
        raise _refuse_wrong_kind(kind, detected)
    content_type, extension = table[detected]
    upload.seek(0)
    # Stored without metadata (GPS, creation time, device, author): remuxed or rewritten, never re-encoded.
    raw = upload.read()
    data = strip_pdf(raw) if kind == UploadKind.DOCUMENT else strip_media(raw, extension)
    return CheckedUpload(
        kind=kind,
        content=ContentFile(data),
        content_type=content_type,
        extension=extension,
        size=len(data),
        original_name=original,
    )


def _to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """Convert to sRGB when the photo carries a colour profile, so it looks right once the profile is gone."""
    if not icc or image.mode not in ("RGB", "RGBA"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        target = ImageCms.createProfile("sRGB")
        converted = ImageCms.profileToProfile(image, source, target, outputMode=image.mode)
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image
    return converted or image


def _reencode_image(upload: File, original: str, detected: str) -> CheckedUpload:
    upload.seek(0)
    try:
        with Image.open(upload) as opened:
            if opened.format not in _IMAGE_FORMATS:
                raise _refuse_wrong_kind(UploadKind.IMAGE, None)
            cap = IMAGE_MAX_PIXELS if opened.format == "JPEG" else IMAGE_MAX_PIXELS_FULL_DECODE
            if opened.width * opened.height > cap:
                raise ValidationError(
                    _("Deze foto heeft te veel beeldpunten. Kies een kleinere foto."), code="too_many_pixels"
                )
            # Shrink while decoding (a JPEG is read at a reduced scale; the box is square, so rotating for
            # the EXIF orientation afterwards gives the same size), before any copy is made.
            if opened.format == "JPEG":
                scale = min(1.0, IMAGE_MAX_SIDE / max(opened.size))
                opened.draft(None, (math.ceil(opened.width * scale), math.ceil(opened.height * scale)))
            opened.thumbnail((IMAGE_MAX_SIDE, IMAGE_MAX_SIDE), Image.Resampling.LANCZOS)
            icc = opened.info.get("icc_profile")
            image = ImageOps.exif_transpose(opened) or opened.copy()
        keeps_transparency = image.mode in ("RGBA", "LA", "PA") or (
            image.mode == "P" and "transparency" in image.info
        )
        image = image.convert("RGBA" if keeps_transparency else "RGB")
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError) as error:
        if detected == "image/heic":
            raise ValidationError(
                _(
                    "Deze foto is in HEIC-formaat en die kan Koers niet lezen. Kies op je telefoon bij "
                    "Camera > Formaten 'Meest compatibel', of stuur een JPG."
                ),
                code="heic",
            ) from error
        raise ValidationError(
            _("Koers kan deze foto niet openen. Kies een foto (JPG, PNG of WebP)."), code="unreadable_image"
        ) from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("Deze foto is beschadigd of niet helemaal geüpload. Probeer het nog eens."), code="broken_image"
        ) from error

    image = _to_srgb(image, icc)
    image.thumbnail((IMAGE_MAX_SIDE, IMAGE_MAX_SIDE), Image.Resampling.LANCZOS)
    # Re-create the picture from its pixels alone, so no metadata block can survive (EXIF, GPS, XMP, text).
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    buffer = io.BytesIO()
    if keeps_transparency:
        clean.save(buffer, format="PNG", optimize=True)
        content_type, extension = "image/png", "png"
    else:
        clean.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
        content_type, extension = "image/jpeg", "jpg"
    data = buffer.getvalue()
    return CheckedUpload(
        kind=UploadKind.IMAGE,
        content=ContentFile(data),
        content_type=content_type,
        extension=extension,
        size=len(data),
        original_name=original,
    )


# --- storing and removing files together with database writes ---


class SavedFiles:
    """Remembers the files saved inside a write, so they can be removed when the write fails."""

    def __init__(self) -> None:
        self.saved: list[tuple[Storage, str]] = []

    def save(self, target: FieldFile, upload: CheckedUpload) -> None:
        """Store ``upload`` in a model's file field (the row itself is saved by the caller)."""
        upload.content.seek(0)
        target.save(upload.name, upload.content, save=False)
        self.saved.append((target.storage, str(target.name)))


@contextmanager
def files_removed_on_error() -> Iterator[SavedFiles]:
    """Wrap ``transaction.atomic()`` in this: files saved inside are deleted again when the block raises."""
    files = SavedFiles()
    try:
        yield files
    except BaseException:
        for storage, name in files.saved:
            storage.delete(name)
        raise


def delete_files_on_commit(*targets: FieldFile) -> None:
    """Delete stored files once the current transaction commits (never when it rolls back)."""
    for target in targets:
        if not target:
            continue
        storage, name = target.storage, str(target.name)
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))  # type: ignore[misc]


# --- form fields ---


class CheckedFileField(forms.FileField):
    """A file input whose cleaned value is a ``CheckedUpload`` (or None when left empty)."""

    def __init__(self, *, kind: UploadKind, max_bytes: int | None = None, **kwargs: Any) -> None:
        self.kind = kind
        self.max_bytes = max_bytes
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT[kind])

    def clean(self, data: Any, initial: Any = None) -> CheckedUpload | None:
        upload = super().clean(data, initial)
        if not upload:
            return None
        return check_upload(upload, self.kind, max_bytes=self.max_bytes)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class CheckedFilesField(forms.FileField):
    """Several files of one kind in one input (e.g. photos); the cleaned value is a list of CheckedUpload."""

    widget = MultipleFileInput

    def __init__(self, *, kind: UploadKind, max_files: int = 10, **kwargs: Any) -> None:
        self.kind = kind
        self.max_files = max_files
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ACCEPT[kind])
        self.widget.attrs.setdefault("multiple", True)

    def clean(self, data: Any, initial: Any = None) -> list[CheckedUpload]:
        uploads = [d for d in (data if isinstance(data, list | tuple) else [data]) if d]
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(uploads) > self.max_files:
            raise ValidationError(
                _("Kies maximaal %(count)s bestanden tegelijk."),
                code="too_many",
                params={"count": self.max_files},
            )
        checked: list[CheckedUpload] = []
        errors: list[ValidationError] = []
        for upload in uploads:
            single = super().clean(upload, initial)
            try:
                checked.append(check_upload(single, self.kind))
            except ValidationError as error:
                name = _original_name(single)
                errors.extend(
                    ValidationError(f"{name}: {message}" if name and len(uploads) > 1 else message)
                    for message in error.messages
                )
        if errors:
            raise ValidationError(errors)
        return checked


ACCEPT = {
    # HEIC is left out on purpose: iPhones then hand over a JPEG, which every browser and Pillow can read.
    UploadKind.IMAGE: "image/jpeg,image/png,image/webp",
    UploadKind.VIDEO: "video/mp4,video/quicktime,video/webm",
    UploadKind.AUDIO: "audio/*",
    UploadKind.DOCUMENT: "application/pdf",
}


# --- serving ---

_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def serve_file(
    request: HttpRequest, stored: FieldFile, *, content_type: str, filename: str, attachment: bool
) -> HttpResponseBase:
    """Stream a stored file with the content type we determined, never sniffed, with single byte ranges.

    Browsers (Safari in particular) need byte ranges to play audio and video.
    """
    handle = stored.open("rb")
    size = stored.size
    disposition = content_disposition_header(attachment, filename)
    match = _RANGE.match(request.headers.get("Range", "").strip())
    response: HttpResponseBase
    if match and (match.group(1) or match.group(2)):
        first, last = match.group(1), match.group(2)
        if first:
            start = int(first)
            end = min(int(last), size - 1) if last else size - 1
        else:
            start, end = max(0, size - int(last)), size - 1
        if start > end or start >= size:
            handle.close()
            response = HttpResponse(status=416)
            response.headers["Content-Range"] = f"bytes */{size}"
            return response
        handle.seek(start)
        response = StreamingHttpResponse(
            _read_range(handle, end - start + 1), status=206, content_type=content_type
        )
        response.headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        response.headers["Content-Length"] = str(end - start + 1)
    else:
        response = FileResponse(handle, content_type=content_type)
        response.headers["Content-Length"] = str(size)
    if disposition:
        response.headers["Content-Disposition"] = disposition
    response.headers["Accept-Ranges"] = "bytes"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-cache"
    # A stored file is never a page: even if a browser were tricked into rendering it, it may run nothing.
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; media-src 'self'; sandbox"
    )
    return response


def _read_range(handle: File, length: int, block: int = 64 * 1024) -> Iterator[bytes]:
    try:
        while length > 0:
            chunk = handle.read(min(block, length))
            if not chunk:
                break
            length -= len(chunk)
            yield bytes(chunk)
    finally:
        handle.close()


def is_first_request_for(request: HttpRequest) -> bool:
    """False for the follow-up byte-range requests a media player makes, so one playback is logged once."""
    match = _RANGE.match(request.headers.get("Range", "").strip())
    return not match or match.group(1) in ("", "0")
