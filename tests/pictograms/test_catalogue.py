"""The pictogram catalogue: every name has a drawing, every meaning Koers shows has a name, the sprite is
current and holds nothing a page's security policy would refuse."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from koers.lob.content_loader import CONTENT_DIR as LOB_CONTENT
from koers.lob.content_loader import read_yaml
from koers.lob.vocabulary import Competence, Element, ExperienceKind, Feeling, Phase
from koers.pictograms.catalogue import CONTENT, catalogue, drawings, exists, names
from koers.pictograms.drawings import SPRITE_FILE, body, sprite
from koers.pictograms.labels import SECTORS
from koers.programme.content import shipped_activity_types

PACKAGE = Path(settings.PACKAGE_DIR)
LITERAL_NAME = re.compile(r'{%\s*pictogram\s+"([^"]+)"(?!\|)')  # a whole name, not a prefix with |add:


@pytest.mark.parametrize("drawing", drawings(), ids=lambda d: d.id)
def test_every_drawing_is_a_clean_72_grid_svg(drawing):
    cleaned = body(drawing)

    assert drawing.path.exists()
    assert cleaned
    assert not re.search(r"\s(id|style|class)=|<script|href=|url\(", cleaned)
    # Every coordinate is still one number: rounding "1.224647e-16" once left "1.2 e-16", a transform that
    # browsers and WeasyPrint refuse (the laptop of sector.ict lost its screen and vanished from PDFs).
    assert not re.search(r"[\d.]\s+[eE][-+]?\d", cleaned)


def test_sprite_file_is_built_from_the_catalogue():
    # After changing catalogue.yaml or a drawing: `make pictograms`.
    assert SPRITE_FILE.read_text(encoding="utf-8") == sprite()


def test_only_drawings_the_catalogue_names_are_vendored():
    used = {d.path for d in drawings()}

    assert set((CONTENT / "openmoji").glob("*.svg")) | set((CONTENT / "koers").glob("*.svg")) == used


@pytest.mark.parametrize(
    ("group", "choices"),
    [
        ("feeling", Feeling),
        ("kind", ExperienceKind),
        ("competence", Competence),
        ("element", Element),
        ("phase", Phase),
    ],
)
def test_every_word_of_the_vocabulary_has_a_pictogram(group, choices):
    assert {f"{group}.{value}" for value in choices.values} <= set(names(group))


def test_feelings_are_faces_and_never_share_one():
    faces = [catalogue()[f"feeling.{value}"] for value in Feeling.values]

    assert len(set(faces)) == len(faces)
    assert catalogue()["feeling.unknown"] not in faces


def test_every_sector_of_work_has_a_pictogram_and_a_name():
    assert set(names("sector")) == {f"sector.{key}" for key in SECTORS}
    assert len(SECTORS) >= 14


@pytest.mark.parametrize("file", ["qualities.yaml", "motives.yaml"])
def test_every_quality_and_motive_names_a_pictogram_of_the_catalogue(file):
    missing = [entry["key"] for entry in read_yaml(file, LOB_CONTENT) if not exists(entry["icon"])]

    assert not missing


def test_every_shipped_activity_type_names_a_pictogram_of_the_catalogue():
    assert all(exists(entry["icon"]) for entry in shipped_activity_types())


def test_every_pictogram_a_template_names_exists():
    named = {
        (str(path.relative_to(PACKAGE)), name)
        for path in PACKAGE.rglob("templates/**/*.html")
        for name in LITERAL_NAME.findall(path.read_text(encoding="utf-8"))
    }

    assert named
    assert [(path, name) for path, name in sorted(named) if not exists(name)] == []


def test_notice_records_each_source_and_licence():
    notice = (CONTENT / "NOTICE.md").read_text(encoding="utf-8")

    assert "OpenMoji" in notice and "CC BY-SA 4.0" in notice
    assert "AGPL-3.0-or-later" in notice
