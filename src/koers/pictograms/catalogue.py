"""The names of Koers's pictograms and the drawing behind each (content/catalogue.yaml).

A name says what a pictogram means ("feeling.happy", "sector.care"); content files and the database store
names, never drawings, so a drawing can be replaced without touching a dossier.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

CONTENT = Path(__file__).resolve().parent / "content"
CATALOGUE_FILE = CONTENT / "catalogue.yaml"
SOURCES = ("openmoji", "koers")


class UnknownPictogram(KeyError):
    pass


@dataclass(frozen=True)
class Drawing:
    source: str  # "openmoji" (vendored unchanged) or "koers" (drawn for Koers in the same style)
    file: str  # the file name without ".svg"

    @property
    def id(self) -> str:
        """The id of this drawing's <symbol> in the sprite."""
        return f"{self.source}-{self.file}".lower()

    @property
    def path(self) -> Path:
        return CONTENT / self.source / f"{self.file}.svg"


def _drawing(reference: str, name: str) -> Drawing:
    source, _, file = str(reference).partition(":")
    if source not in SOURCES or not file:
        raise ValueError(
            f"{CATALOGUE_FILE.name}, {name}: {reference!r} is not 'openmoji:<hexcode>' or 'koers:<file>'"
        )
    return Drawing(source, file)


@functools.cache
def catalogue() -> dict[str, Drawing]:
    # The C loader when libyaml is there: the catalogue is read once per process, by every test worker too.
    entries = yaml.load(
        CATALOGUE_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    return {str(name): _drawing(reference, str(name)) for name, reference in entries.items()}


def drawing(name: str) -> Drawing:
    try:
        return catalogue()[name]
    except KeyError:
        raise UnknownPictogram(name) from None


def exists(name: str) -> bool:
    return name in catalogue()


def names(group: str) -> list[str]:
    """The names of one group ("sector" gives "sector.care", ...), in the catalogue's order."""
    return [name for name in catalogue() if name.partition(".")[0] == group]


def drawings() -> list[Drawing]:
    """Every drawing the catalogue uses, once each, in the catalogue's order."""
    return list(dict.fromkeys(catalogue().values()))
