"""Read-aloud: questions and instructions spoken by espeak-ng on the server, cached on disk.

The text to speak never comes freely from the browser: a template signs each text (with its language) into
the button, and the server speaks only what it signed itself, up to ``MAX_CHARS``. Otherwise the server
would be a free speech service for anyone, and an easy way to make it work hard.

espeak-ng writes WAV only; turning that into Ogg/Opus would need another program (ffmpeg or opusenc), so
Koers serves the WAV as it is (a short question is about 100 to 200 KiB; see bench/read_aloud.py).
Where espeak-ng is not installed, ``available()`` is False and no button is shown.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core import signing

PROGRAM = "espeak-ng"
SALT = "koers.common.speech"
MAX_CHARS = 600
TIMEOUT_SECONDS = 20
# The espeak-ng voice for each interface language; anything else is read in Dutch.
VOICES = {
    "nl": "nl",
    "en": "en-gb",
    "ar": "ar",
    "uk": "uk",
    "tr": "tr",
    "pl": "pl",
    "fa": "fa",
}
DEFAULT_VOICE = "nl"


class SpeechUnavailable(Exception):
    """espeak-ng is missing or failed; the caller answers as if the page did not exist."""


def program() -> str | None:
    return shutil.which(PROGRAM)


def available() -> bool:
    return program() is not None


def voice_for(language: str) -> str:
    code = (language or "").lower()
    return VOICES.get(code) or VOICES.get(code.split("-")[0]) or DEFAULT_VOICE


def clean(text: str) -> str:
    """One line of plain text: speech does not care about the line breaks and indents of a template."""
    return " ".join(str(text).split())


def sign(text: str, language: str) -> str | None:
    """The token a read-aloud button carries, or None for a text that is empty or too long to speak."""
    spoken = clean(text)
    if not spoken or len(spoken) > MAX_CHARS:
        return None
    return signing.dumps({"t": spoken, "l": voice_for(language)}, salt=SALT, compress=True)


def unsign(token: str) -> tuple[str, str]:
    """The text and voice of a token this server signed; ``signing.BadSignature`` for anything else."""
    if not token or len(token) > MAX_CHARS * 4:
        raise signing.BadSignature("no token, or one far too long")
    value = signing.loads(token, salt=SALT)
    if not isinstance(value, dict):
        raise signing.BadSignature("not a read-aloud token")
    text, voice = value.get("t"), value.get("l")
    if not isinstance(text, str) or not isinstance(voice, str) or not text or len(text) > MAX_CHARS:
        raise signing.BadSignature("not a text Koers reads aloud")
    if voice not in VOICES.values():
        raise signing.BadSignature("unknown voice")
    return text, voice


def cache_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "speech"


def cache_path(text: str, voice: str) -> Path:
    digest = hashlib.sha256(f"{voice}\n{text}".encode()).hexdigest()
    return cache_dir() / f"{digest}.wav"


def speech_file(text: str, voice: str) -> Path:
    """The WAV file of ``text`` in ``voice``, made once and then served from the cache."""
    target = cache_path(text, voice)
    if target.exists():
        return target
    espeak = program()
    if espeak is None:
        raise SpeechUnavailable(f"{PROGRAM} is not installed")
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written beside the target and renamed, so a reader never sees half a file when two requests for the
    # same text arrive together; the text goes in on stdin, so it can never be read as an option.
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
    os.close(handle)
    try:
        subprocess.run(
            [espeak, "-v", voice, "-w", temporary, "--stdin"],
            input=text.encode(),
            check=True,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
        )
        if os.path.getsize(temporary) == 0:
            raise SpeechUnavailable(f"{PROGRAM} wrote nothing")
        os.replace(temporary, target)
    except (OSError, subprocess.SubprocessError) as error:
        raise SpeechUnavailable(str(error)) from error
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return target
