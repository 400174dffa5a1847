"""Reading the drawings and building the sprite that pages point at with <use href>.

Each drawing is an SVG file on a 72 x 72 grid. What pages and PDFs use is its cleaned body: no ids (a page
holds many drawings; OpenMoji names every layer "color", "line" ...), no empty layers, numbers rounded to a
tenth of the grid (invisible at any printed size), and no style attributes, which the content security
policy forbids and the drawings do not need.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from koers.pictograms.catalogue import Drawing, drawings

SVG_NAMESPACE = "http://www.w3.org/2000/svg"
VIEW_BOX = "0 0 72 72"
SPRITE_FILE = Path(__file__).resolve().parent / "static" / "pictograms" / "sprite.svg"
SPRITE_STATIC_PATH = "pictograms/sprite.svg"
# A decimal number, with its exponent if it has one ("1.224647e-16"): rounding must not cut the two apart.
NUMBER = re.compile(r"-?(?:\d*\.\d+(?:[eE][-+]?\d+)?|\d+[eE][-+]?\d+)")
DROPPED_ATTRIBUTES = {"id", "style", "class"}


def _short(number: str) -> str:
    value = f"{round(float(number), 1):.1f}".rstrip("0").rstrip(".")
    return "0" if value in {"-0", ""} else value


def _rounded(text: str) -> str:
    # Path data may run numbers together ("1.04.5" is 1.04 then .5); a space after each rounded number keeps
    # them apart once "1.04" has become "1".
    return NUMBER.sub(lambda match: _short(match.group()) + " ", text).replace(" ,", ",")


def _clean(element: ET.Element) -> ET.Element | None:
    """A copy without namespace, ids, style and empty groups; None when nothing is left to draw."""
    tag = element.tag.rpartition("}")[2]
    copy = ET.Element(tag)
    for key, value in element.attrib.items():
        key = key.rpartition("}")[2]
        if key not in DROPPED_ATTRIBUTES:
            if key in {"d", "points", "transform"}:
                value = _rounded(value)
            elif NUMBER.fullmatch(value):
                value = _short(value)
            copy.set(key, value)
    for child in element:
        cleaned = _clean(child)
        if cleaned is not None:
            copy.append(cleaned)
    if tag == "g" and not len(copy):
        return None
    return copy


@functools.cache
def body(drawing: Drawing) -> str:
    """The drawing's shapes, ready to put inside an <svg> or <symbol> with viewBox 0 0 72 72."""
    root = ET.fromstring(drawing.path.read_text(encoding="utf-8"))
    if root.get("viewBox") != VIEW_BOX:
        raise ValueError(f"{drawing.path.name}: the viewBox must be {VIEW_BOX}")
    parts = [_clean(child) for child in root]
    return "".join(ET.tostring(part, encoding="unicode") for part in parts if part is not None)


def sprite() -> str:
    """One SVG file with a <symbol> per drawing, for <use href="sprite.svg#id">."""
    symbols = "".join(
        f'<symbol id="{drawing.id}" viewBox="{VIEW_BOX}">{body(drawing)}</symbol>\n' for drawing in drawings()
    )
    return f'<svg xmlns="{SVG_NAMESPACE}">\n{symbols}</svg>\n'


def write_sprite() -> Path:
    SPRITE_FILE.parent.mkdir(parents=True, exist_ok=True)
    SPRITE_FILE.write_text(sprite(), encoding="utf-8")
    return SPRITE_FILE
