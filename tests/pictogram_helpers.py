"""Checks that a page shows one of Koers's pictograms (koers/pictograms)."""

from __future__ import annotations

from koers.pictograms.catalogue import drawing


def shows_pictogram(html: str, name: str) -> bool:
    """Whether ``html`` draws the pictogram ``name``: from the sprite (a page) or inline (a PDF's HTML)."""
    from koers.pictograms.drawings import body

    picture = drawing(name)
    return f'#{picture.id}"' in html or body(picture) in html
