#!/usr/bin/env python3
"""Bring the OpenMoji drawings that the catalogue names into the repository, then rebuild the sprite.

    .venv/bin/python scripts/vendor_pictograms.py [path/to/openmoji/package]

Without a path the pinned OpenMoji release is fetched with `npm pack` into a temporary folder. Only the
drawings src/koers/pictograms/content/catalogue.yaml names are copied (unchanged, from color/svg/); drawings
it no longer names are removed. Nothing is downloaded when Koers runs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from koers.pictograms.catalogue import CONTENT, catalogue
from koers.pictograms.drawings import write_sprite

OPENMOJI_RELEASE = "openmoji@17.0.0"


def fetched_package(folder: Path) -> Path:
    subprocess.run(["npm", "pack", OPENMOJI_RELEASE], cwd=folder, check=True, capture_output=True)
    archive = next(folder.glob("openmoji-*.tgz"))
    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return folder / "package"


def vendor(package: Path) -> int:
    wanted = {d.file for d in catalogue().values() if d.source == "openmoji"}
    target = CONTENT / "openmoji"
    target.mkdir(exist_ok=True)
    for old in target.glob("*.svg"):
        if old.stem not in wanted:
            old.unlink()
    for file in sorted(wanted):
        shutil.copyfile(package / "color" / "svg" / f"{file}.svg", target / f"{file}.svg")
    print(f"{len(wanted)} OpenMoji drawings in {target}; sprite: {write_sprite()}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1:
        sys.exit(vendor(Path(sys.argv[1])))
    with tempfile.TemporaryDirectory() as folder:
        sys.exit(vendor(fetched_package(Path(folder))))
