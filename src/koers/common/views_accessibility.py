"""The accessibility statement (public at /toegankelijkheid/, linked from every page's footer)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from koers.common import speech

# The day the accessibility checks (axe in the browser tests, keyboard and zoom journey, a manual pass with a
# screen reader) were last run against the whole product; update it with every check.
LAST_CHECKED = dt.date(2026, 11, 22)


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
