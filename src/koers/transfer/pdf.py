"""PDFs of the transfer dossier: rendered from a template by WeasyPrint, pictures embedded as data: URLs.

WeasyPrint may fetch nothing but the embedded pictures, so nothing in a student's text can make the server
load a URL.
"""

from __future__ import annotations

import base64
from typing import Any

from django.contrib.staticfiles import finders

PRINT_STYLESHEET = "koers/print.css"
EMBEDDED_IMAGES = ("image/jpeg", "image/png")


def _weasyprint() -> Any:
    """Import WeasyPrint lazily and put back Pillow's truncated-images switch it flips on import."""
    from PIL import ImageFile

    accepted = ImageFile.LOAD_TRUNCATED_IMAGES
    import weasyprint
    import weasyprint.urls

    ImageFile.LOAD_TRUNCATED_IMAGES = accepted
    return weasyprint


def data_url(stored: Any, content_type: str) -> str | None:
    """A picture as a data: URL for the PDF; other kinds of file are named, not embedded."""
    if content_type not in EMBEDDED_IMAGES or not stored:
        return None
    with stored.open("rb") as handle:
        return f"data:{content_type};base64,{base64.b64encode(handle.read()).decode('ascii')}"


def render_pdf(html: str) -> bytes:
    weasyprint = _weasyprint()
    # Only data: URLs (the embedded pictures) may be fetched.
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols=["data"])
    stylesheet = finders.find(PRINT_STYLESHEET)
    stylesheets = (
        [weasyprint.CSS(filename=stylesheet, url_fetcher=fetcher)] if isinstance(stylesheet, str) else []
    )
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=stylesheets)
