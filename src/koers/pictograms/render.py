"""A pictogram written into HTML or into another SVG drawing.

On a page a pictogram is a small <svg> that points into the sprite (<use href>), so the HTML stays small
and the browser fetches the drawings once. In a PDF it is an <img> of the drawing as a data: URL, the only
kind of URL WeasyPrint may load (common/pdf.py); it still draws the SVG as vectors, and reads a drawing
once per document however often it is used (a class set of letters repeats the same four). Written as
inline <svg> instead, every copy was parsed and laid out again. Inside another SVG drawing (the LOB-lijn)
the drawing's shapes are written inline.

A pictogram is either named (``role="img"`` and an accessible name in the reader's language) or decorative
(``aria-hidden``) when the word next to it already says what it means, which is the usual case: a picture
alone is not a label.
"""

from __future__ import annotations

import base64
from functools import lru_cache
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from koers.pictograms.catalogue import drawing
from koers.pictograms.drawings import SPRITE_STATIC_PATH, SVG_NAMESPACE, VIEW_BOX, body


def _accessibility(label: object | None) -> SafeString:
    if label:
        return format_html(' role="img" aria-label="{}"', label)
    return mark_safe(' aria-hidden="true"')


@lru_cache(maxsize=1)
def _sprite_url() -> str:
    return static(SPRITE_STATIC_PATH)


@lru_cache(maxsize=512)
def _data_url(name: str) -> str:
    svg = f'<svg xmlns="{SVG_NAMESPACE}" viewBox="{VIEW_BOX}">{body(drawing(name))}</svg>'
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def _content(name: str, *, inline: bool) -> SafeString:
    picture = drawing(name)
    if inline:
        # Safe: one of Koers's own drawings from the repository, cleaned by drawings.body; never user input.
        return mark_safe(body(picture))
    return format_html('<use href="{}#{}"/>', _sprite_url(), picture.id)


@lru_cache(maxsize=1024)
def _decorative(name: str, css: str, inline: bool) -> SafeString:
    return _pictogram(name, label=None, css=css, inline=inline)


@receiver(setting_changed)
def _forget_rendered(*, setting: str, **kwargs: Any) -> None:
    # The sprite's address depends on these; a test that changes them must not get an older address.
    if setting in {"STATIC_URL", "STORAGES", "STATICFILES_STORAGE", "DEBUG"}:
        _sprite_url.cache_clear()
        _decorative.cache_clear()


def html_pictogram(
    name: str, *, label: object | None = None, css: str = "", inline: bool = False
) -> SafeString:
    """``<svg class="picto">`` for a page, ``<img class="picto">`` for a PDF (``inline=True``).

    A decorative pictogram (no label, the usual case: a dozen or more on a page, one per row of a list) is
    the same text every time, so it is rendered once per process; a labelled one depends on the reader's
    language and is rendered each time."""
    if not label:
        return _decorative(name, css, inline)
    return _pictogram(name, label=label, css=css, inline=inline)


def _pictogram(name: str, *, label: object | None, css: str, inline: bool) -> SafeString:
    classes = f"picto {css}".strip()
    if inline:
        # Its size comes from the PDF's stylesheet (.picto), as an <img> has no size in em.
        return format_html('<img class="{}" src="{}" alt="{}">', classes, _data_url(name), label or "")
    # A <use> of a <symbol> takes the symbol's viewBox and fills the <svg>; every byte counts, a dossier page
    # holds dozens of pictograms.
    return format_html(
        '<svg class="{}" width="1.5em" height="1.5em"{}>{}</svg>',
        classes,
        _accessibility(label),
        _content(name, inline=False),
    )


def svg_pictogram(
    name: str, *, x: float, y: float, size: float, title: object | None = None, inline: bool = False
) -> SafeString:
    """The pictogram as an element of another SVG drawing (the LOB-lijn), with a <title> when given one."""
    titled = format_html("<title>{}</title>", title) if title else ""
    return format_html(
        '<svg x="{}" y="{}" width="{}" height="{}" viewBox="{}">{}{}</svg>',
        f"{x:g}",
        f"{y:g}",
        f"{size:g}",
        f"{size:g}",
        VIEW_BOX,
        titled,
        _content(name, inline=inline),
    )


def tile_label(name: str, label: object) -> SafeString:
    """A choice shown as a tile: the pictogram is decoration, the words carry the meaning."""
    return format_html("{} <span>{}</span>", html_pictogram(name, css="icon"), label)
