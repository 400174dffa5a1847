"""Read-aloud audio: the spoken version of a text a page signed."""

from __future__ import annotations

from django.core import signing
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_GET

from koers.common import speech


@require_GET
def read_aloud(request: HttpRequest) -> FileResponse:
    """The spoken version of a text a page signed; anything unsigned, too long or unspeakable is a 404.

    Public, so that a guardian who reads little can have the activation and login pages read aloud: only
    texts this server signed are spoken, and the pages anyone can open sign a fixed set, so the cache bounds
    the work."""
    try:
        text, voice = speech.unsign(request.GET.get("t", ""))
        path = speech.speech_file(text, voice)
    except (signing.BadSignature, speech.SpeechUnavailable) as error:
        raise Http404 from error
    response = FileResponse(path.open("rb"), content_type="audio/wav")
    # The same token always gives the same sound; the browser may keep it for the person's own use.
    response["Cache-Control"] = "private, max-age=86400"
    return response
