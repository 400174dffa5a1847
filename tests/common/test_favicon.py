"""Every page names its icon, so a browser does not ask for /favicon.ico and leave a "Not Found" warning in
the log at every first visit (the browser journeys found one per session)."""

from __future__ import annotations

import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.urls import reverse


def test_pages_name_an_icon_that_is_served(client, world):
    page = client.get(reverse("login")).content.decode()

    found = re.search(r'<link rel="icon" href="/static/([^"]+)"', page)
    assert found, "no icon in the page's head"
    path = finders.find(found.group(1))
    assert path and Path(path).read_text(encoding="utf-8").startswith("<svg")
