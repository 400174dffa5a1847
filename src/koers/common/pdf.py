"""PDFs from HTML templates with WeasyPrint, the same way everywhere.

WeasyPrint is imported on first use (its font and layout machinery is heavy). On import it tells Pillow to
accept truncated images for the whole process; upload checks rely on Pillow refusing them, so the setting is
put back as it was. A PDF may load nothing but data: URLs (pictures embedded by the template), so nothing in
a student's text can make the server fetch a URL.
"""

from __future__ import annotations

from typing import Any

from django.contrib.staticfiles import finders

PRINT_STYLESHEET = "koers/print.css"


def _weasyprint() -> Any:
    from PIL import ImageFile  # noqa: PLC0415 - WeasyPrint is lazy; Pillow's setting is restored

    accepted = ImageFile.LOAD_TRUNCATED_IMAGES
    import weasyprint  # noqa: PLC0415 - lazy: it changes a Pillow setting on import
    import weasyprint.urls  # noqa: PLC0415 - lazy: it changes a Pillow setting on import

    ImageFile.LOAD_TRUNCATED_IMAGES = accepted
    return weasyprint


def render_pdf(html: str, *, stylesheet: str = PRINT_STYLESHEET) -> bytes:
    """The PDF of ``html``, styled by a stylesheet from the static files."""
    weasyprint = _weasyprint()
    fetcher = weasyprint.urls.URLFetcher(allowed_protocols=["data"])
    found = finders.find(stylesheet)
    stylesheets = [weasyprint.CSS(filename=found, url_fetcher=fetcher)] if isinstance(found, str) else []
    document: bytes = weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=stylesheets)
    return document
