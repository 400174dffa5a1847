"""Read-aloud audio and the accessibility statement."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from koers.common import speech

# The day the accessibility checks (axe in the browser tests, keyboard and zoom journey, a manual pass with a
# screen reader) were last run against the whole product; update it with every check.
LAST_CHECKED = dt.date(2026, 11, 22)


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


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    """The accessibility statement: public, so that anyone can read it before logging in."""
    return render(
        request,
        "accessibility.html",
        {
            "contact": settings.KOERS_ACCESSIBILITY_CONTACT,
            "last_checked": LAST_CHECKED,
            "read_aloud_available": speech.available(),
        },
    )
