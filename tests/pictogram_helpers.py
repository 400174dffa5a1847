"""Checks that a page or a PDF shows Koers's pictograms (koers/pictograms)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from PIL import Image

from koers.pictograms.catalogue import drawing
from koers.pictograms.drawings import body

INK = {"#000", "#000000", "#fff", "#ffffff"}


def shows_pictogram(html: str, name: str) -> bool:
    """Whether ``html`` draws the pictogram ``name``: from the sprite (a page) or inline (a PDF's HTML)."""
    picture = drawing(name)
    return f'#{picture.id}"' in html or body(picture) in html


def colours_of(name: str) -> set[tuple[int, int, int]]:
    """The fill colours of a pictogram's drawing other than black and white (its line and paper)."""
    found = {value.lower() for value in re.findall(r'fill="(#[0-9a-fA-F]{3,6})"', body(drawing(name)))}
    return {tuple(int(value[i : i + 2], 16) for i in (1, 3, 5)) for value in found - INK if len(value) == 7}  # type: ignore[misc]


def pdf_pages(content: bytes, folder: Path, dpi: int = 100) -> list[Image.Image]:
    """The PDF's pages as pictures, rendered by poppler (pdftoppm) as a reader's viewer would."""
    pdf = folder / "document.pdf"
    pdf.write_bytes(content)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(folder / "page")], check=True)
    return [Image.open(path).convert("RGB") for path in sorted(folder.glob("page-*.png"))]


def pixels_in(page: Image.Image, colour: tuple[int, int, int]) -> int:
    return sum(count for count, found in page.getcolors(maxcolors=1 << 20) or [] if found == colour)


def draws_pictogram(page: Image.Image, name: str, *, at_least: int = 20) -> bool:
    """Whether the pictogram's drawing is painted on the page: a colour of its own covers an area there (a
    missing glyph is an empty box in the text's black; some colours of a drawing are only slivers)."""
    colours = colours_of(name)
    assert colours, f"{name} has no colour of its own to look for"
    return any(pixels_in(page, colour) >= at_least for colour in colours)
