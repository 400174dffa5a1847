"""Rows of the permission matrix for this part of the area (see tests/matrix.py for the vocabulary)."""

from __future__ import annotations

from tests.matrix import Row

ROWS: dict[str, Row | list[Row]] = {}
