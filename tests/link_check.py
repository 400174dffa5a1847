"""Following every link of a page, as the person who sees it: a link that answers 404 is a dead end."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

from django.test import Client

HREF = re.compile(r'<a\b[^>]*\bhref="([^"]+)"')


def internal_links(html: str) -> list[str]:
    """The page's own links (no other sites, no anchors on the page itself), each once, in order."""
    found: list[str] = []
    for raw in HREF.findall(html):
        href = unescape(raw)
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/") or href in found:
            continue
        found.append(href)
    return found


def dead_links(client: Client, html: str, *, within: str = "") -> list[tuple[str, int]]:
    """The links on ``html`` (those starting with ``within``, if given) that answer 404 or 500."""
    dead = []
    for href in internal_links(html):
        if within and not href.startswith(within):
            continue
        status = client.get(href).status_code
        if status in (404, 500):
            dead.append((href, status))
    return dead
