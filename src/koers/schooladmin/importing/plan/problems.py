"""Checks of the lines that need more than one cell: student numbers used twice, group names that look like a
typing error of an existing group."""

from __future__ import annotations

import difflib
from collections import defaultdict

from koers.schooladmin.importing.plan.result import GroupKey
from koers.schooladmin.importing.plan.state import Line
from koers.schools.models import Group


def conflicting_numbers(lines: list[Line], student_fields: list[str]) -> dict[str, list[int]]:
    """Student numbers that appear on lines with different student data, with all those line numbers."""
    by_number: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    for line in lines:
        number = line.cells.get("number", "")
        if number:
            by_number[number].append((line.number, tuple(line.cells.get(f, "") for f in student_fields)))
    return {
        number: [n for n, _own in found]
        for number, found in by_number.items()
        if len({own for _n, own in found}) > 1
    }


def near_miss(key: GroupKey, groups: dict[GroupKey, Group]) -> Group | None:
    """An existing group that ``key`` looks like a typing error of, or None.

    A typing error: the same name but for spaces, dots and dashes or an l/o typed for 1/0 ("3k 1", "3kl"),
    or one character off where a letter took the place of a digit, or a character was added or dropped
    ("3k11", "3kk1"). A parallel class ("3k2" beside "3k1": a digit for a digit) is not one.
    """
    folded = _fold(key)
    for other, group in groups.items():
        if _fold(other) == folded:
            return group
        if abs(len(other) - len(key)) <= 1 and _shape(other) != _shape(key) and _one_edit(key, other):
            return group
    return None


def _fold(name: str) -> str:
    return "".join(ch for ch in name if ch.isalnum()).replace("l", "1").replace("o", "0")


def _shape(name: str) -> str:
    return "".join("9" if ch.isdigit() else "a" if ch.isalpha() else "." for ch in name)


def _one_edit(a: str, b: str) -> bool:
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    changed = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")
    return changed == 1
