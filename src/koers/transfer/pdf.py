"""Pictures for the transfer dossier's PDF, embedded as data: URLs (common/pdf.py fetches nothing else)."""

from __future__ import annotations

import base64
from typing import Any

EMBEDDED_IMAGES = ("image/jpeg", "image/png")


def data_url(stored: Any, content_type: str) -> str | None:
    """A picture as a data: URL for the PDF; other kinds of file are named, not embedded."""
    if content_type not in EMBEDDED_IMAGES or not stored:
        return None
    with stored.open("rb") as handle:
        return f"data:{content_type};base64,{base64.b64encode(handle.read()).decode('ascii')}"
