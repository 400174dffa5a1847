"""The "two tabs" check every edit form passes (common/versions.py): both tabs load the form, the first
saves, the second is refused with both texts on the page, and what is stored is the first save."""

from __future__ import annotations

import html
import re
from typing import Any

from django.test import Client

VERSION = re.compile(r'name="version" value="([0-9a-f]+)"')
REFUSED = "iemand anders heeft dit intussen veranderd"


def version_in(page: str) -> str:
    found = VERSION.findall(page)
    assert found, "the edit form carries no version"
    return found[-1]


def two_tabs(
    client: Client,
    url: str,
    first: dict[str, Any],
    second: dict[str, Any],
    *,
    refused: str = REFUSED,
    second_client: Client | None = None,
) -> str:
    """Load ``url`` in two tabs (or two people's browsers), save ``first`` from one and ``second`` from
    the other; returns the second answer's page after checking it is the refusal, not a save."""
    other = second_client or client
    tab_1 = version_in(client.get(url).content.decode())
    tab_2 = version_in(other.get(url).content.decode())

    saved = client.post(url, {**first, "version": tab_1})
    assert saved.status_code in (200, 302), saved.status_code
    assert refused not in html.unescape(saved.content.decode())
    answer = other.post(url, {**second, "version": tab_2})

    assert answer.status_code in (200, 400), answer.status_code  # a page with the form again
    page = html.unescape(answer.content.decode())
    assert refused in page
    return page


def texts_beside(page: str, *texts: str) -> None:
    """Each text is on the page (the other person's beside the editor's own)."""
    for text in texts:
        assert text in page, text
