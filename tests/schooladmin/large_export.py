"""A deterministic Magister-style export of a whole school (3,000 students by default, 48 classes with a
mentor by staff code, one guardian each) with 40 assorted bad rows, and the week after it.

Every 75th line is bad, in ten kinds that take turns (four of each); ``BAD_KINDS`` says what each does to
the line. The expected preview (counts and the 40 problem lines) is stored in
``import_files/large_3000.expected.json``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

HEADER = "Stamnr;Roepnaam;Tussenv;Achternaam;Geb.datum;Klas;Studie;Mentor;E-mail ouder;Naam ouder;Gezag"
GROUPS = [f"{level}{code}{n}" for level in range(1, 5) for code in "BKGT" for n in (1, 2, 3)]
TRACKS = {"B": "vmbo-b", "K": "vmbo-k", "G": "vmbo-gl", "T": "vmbo-t"}
CODES = [f"M{n:02d}" for n in range(len(GROUPS))]
FIRST = 600000  # the first student number
BAD_EVERY = 75

BAD_KINDS = [
    "missing number",  # skipped
    "birth date 1900",  # date dropped, student imported
    "impossible date",  # 31-02: date dropped
    "last name of 300 characters",  # skipped
    "unknown staff code",  # imported without that mentor
    "invalid guardian address",  # the guardian is skipped
    "unknown parental authority",  # stored as unknown
    "group name over 40 characters",  # skipped
    "exact duplicate of the line above",  # the duplicate is skipped (this line's own student is absent)
    "three problems on one line",  # impossible date, unknown staff code, invalid guardian address
]


@dataclass
class Export:
    data: bytes
    numbers: set[str] = field(default_factory=set)  # the students the file names (usable or not)
    bad_lines: dict[int, str] = field(default_factory=dict)  # spreadsheet line -> kind


def cells(n: int, group: int) -> list[str]:
    name = GROUPS[group]
    return [
        str(FIRST + n),
        f"Kim{n}",
        "van" if n % 7 == 0 else "",
        f"Lid{n}",
        f"{1 + n % 28:02d}-{1 + n % 12:02d}-201{n % 4}",
        name,
        f"{TRACKS[name[1]]} {name[0]}",
        CODES[group],
        f"ouder{n}@example.org",
        f"Ouder Lid{n}",
        "ja" if n % 5 else "nee",
    ]


def spoil(row: list[str], kind: str, previous: list[str]) -> list[str]:
    row = list(row)
    if kind == "missing number":
        row[0] = ""
    elif kind == "birth date 1900":
        row[4] = "01-01-1900"
    elif kind == "impossible date":
        row[4] = "31-02-2011"
    elif kind == "last name of 300 characters":
        row[3] = "L" * 300
    elif kind == "unknown staff code":
        row[7] = "XYZ"
    elif kind == "invalid guardian address":
        row[8] = row[8].split("@")[0] + "@"
    elif kind == "unknown parental authority":
        row[10] = "misschien"
    elif kind == "group name over 40 characters":
        row[5] = "Klas " + "x" * 40
    elif kind == "exact duplicate of the line above":
        row = list(previous)
    elif kind == "three problems on one line":
        row[4], row[7], row[8] = "31-02-2011", "XYZ", "geen-adres"
    return row


def large_export(
    students: int = 3000,
    *,
    bad: bool = True,
    moved: float = 0.0,
    left: float = 0.0,
    joined: float = 0.0,
    seed: int = 18,
) -> Export:
    """The school's export; ``bad`` spoils every 75th line; ``moved``/``left``/``joined`` make the week after
    (the same seed gives the same students each week)."""
    rng = random.Random(seed)
    export = Export(b"")
    rows: list[list[str]] = []
    for n in range(students + int(students * joined)):
        if n < students and left and rng.random() < left:
            continue
        group = n % len(GROUPS)
        if n < students and moved and rng.random() < moved:
            group = group - group % 3 + (group % 3 + 1) % 3  # the same year level and track, another class
        rows.append(cells(n, group))
    lines = [HEADER]
    for index, row in enumerate(rows):
        number = index + 2  # the header is line 1
        if bad and index % BAD_EVERY == BAD_EVERY - 1 and len(export.bad_lines) < 40:
            kind = BAD_KINDS[len(export.bad_lines) % len(BAD_KINDS)]
            row = spoil(row, kind, rows[index - 1])
            export.bad_lines[number] = kind
        if row[0]:
            export.numbers.add(row[0])
        lines.append(";".join(row))
    export.data = ("\ufeff" + "\r\n".join(lines) + "\r\n").encode()
    return export
