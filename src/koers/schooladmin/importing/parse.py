"""Reading single cells: dates, year levels and tracks, yes/no, e-mail addresses and names."""

from __future__ import annotations

import datetime as dt
import re

from koers.schools.models import Track

_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d", "%d-%m-%y", "%Y-%m-%d %H:%M:%S")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

# Whole words first (an export's "opleiding" column or a group name such as "ISK-A"), then the letter in a
# group code such as 3K1 or H4A.
_TRACK_WORDS = {
    "isk": Track.ISK,
    "schakelklas": Track.ISK,
    "pro": Track.PRAKTIJK,
    "praktijkonderwijs": Track.PRAKTIJK,
    "vwo": Track.VWO,
    "atheneum": Track.VWO,
    "gymnasium": Track.VWO,
    "havo": Track.HAVO,
    "mavo": Track.VMBO_THEORETISCH,
    "tl": Track.VMBO_THEORETISCH,
    "theoretisch": Track.VMBO_THEORETISCH,
    "gl": Track.VMBO_GEMENGD,
    "gemengd": Track.VMBO_GEMENGD,
    "kb": Track.VMBO_KADER,
    "kbl": Track.VMBO_KADER,
    "kader": Track.VMBO_KADER,
    "bb": Track.VMBO_BASIS,
    "bbl": Track.VMBO_BASIS,
    "basis": Track.VMBO_BASIS,
}
_TRACK_LETTERS = {
    "b": Track.VMBO_BASIS,
    "k": Track.VMBO_KADER,
    "g": Track.VMBO_GEMENGD,
    "t": Track.VMBO_THEORETISCH,
    "m": Track.VMBO_THEORETISCH,
    "h": Track.HAVO,
    "v": Track.VWO,
    "a": Track.VWO,
}
_YES = {"ja", "j", "yes", "y", "1", "true", "waar", "x", "gezag", "met gezag"}
_NO = {"nee", "n", "no", "0", "false", "onwaar", "geen", "geen gezag", "zonder gezag"}


_EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0, counted so that day 60 is 1900-03-01
_SERIAL = re.compile(r"^\d{4,5}(\.0+)?$")
# The two shapes nearly every export uses, read without strptime (a 3,000-line file has 3,000 dates).
_DAY_FIRST = re.compile(r"^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text: str) -> dt.date | None:
    """A date as exports write it, or an Excel serial day number (45000 is 2023-03-15); None otherwise.

    Whether the date is plausible (for a date of birth) is for the caller to judge.
    """
    text = text.strip()
    if _SERIAL.match(text):
        return _EXCEL_EPOCH + dt.timedelta(days=int(float(text)))
    found = _DAY_FIRST.match(text)
    parts = (found.group(4), found.group(3), found.group(1)) if found else None
    if found is None and (found := _ISO.match(text)):
        parts = (found.group(1), found.group(2), found.group(3))
    if parts is not None:
        try:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            return None  # no other format reads these shapes either
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    return None


def parse_track(*texts: str) -> str | None:
    for text in texts:
        words = [w for w in re.findall(r"[a-z]+", text.lower()) if w != "vmbo"]
        for word in words:
            if word in _TRACK_WORDS:
                return _TRACK_WORDS[word]
    for text in texts:
        for word in re.findall(r"[a-z]+", text.lower()):
            if word != "vmbo" and word[0] in _TRACK_LETTERS:
                return _TRACK_LETTERS[word[0]]
    return None


def parse_year_level(*texts: str) -> int | None:
    for text in texts:
        found = re.search(r"(?<!\d)([1-6])(?!\d)", text)
        if found:
            return int(found.group(1))
    return None


def parse_yes_no(text: str) -> bool | None:
    """True/False for the usual ways of writing yes and no; None when it is neither."""
    value = text.strip().lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    return None


def is_email(text: str) -> bool:
    return bool(_EMAIL.match(text)) and len(text) <= 254


def split_name(text: str) -> tuple[str, str]:
    """(first name, last name) of "Jan van Dijk" or "Dijk, Jan van"."""
    text = " ".join(text.split())
    if "," in text:
        last, _, first = text.partition(",")
        first_words = first.split()
        prefix = [w for w in first_words if w.islower()]
        given = [w for w in first_words if not w.islower()]
        return " ".join(given)[:150], " ".join([*prefix, last.strip()])[:150]
    first, _, last = text.partition(" ")
    return first[:150], last[:150]
