"""iCalendar (RFC 5545) files for conversation invitations, built with the standard library only.

One VEVENT per file. Times are written in UTC (``...Z``) so no VTIMEZONE block is needed; text values are
escaped and long lines folded at 75 octets without splitting a UTF-8 character; lines end in CRLF.
An update keeps the UID and raises SEQUENCE; a cancellation uses METHOD:CANCEL and STATUS:CANCELLED.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

PRODID = "-//Koers//Loopbaangesprekken//NL"
MAX_OCTETS = 75

Method = Literal["REQUEST", "CANCEL", "PUBLISH"]


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and newlines (RFC 5545 3.3.11)."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold one content line into chunks of at most 75 octets; continuation lines start with a space."""
    chunks: list[str] = []
    current = ""
    current_octets = 0
    limit = MAX_OCTETS
    for char in line:
        size = len(char.encode("utf-8"))
        if current_octets + size > limit:
            chunks.append(current)
            current, current_octets = "", 0
            limit = MAX_OCTETS - 1  # the leading space of a continuation line counts too
        current += char
        current_octets += size
    chunks.append(current)
    return "\r\n ".join(chunks)


def utc_stamp(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("iCalendar times must be timezone-aware")
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass(frozen=True)
class Attendee:
    email: str
    name: str = ""


@dataclass(frozen=True)
class Event:
    uid: str
    start: dt.datetime
    end: dt.datetime
    summary: str
    location: str = ""
    url: str = ""
    description: str = ""
    sequence: int = 0
    organizer: Attendee | None = None
    attendees: tuple[Attendee, ...] = field(default_factory=tuple)


def _person(prefix: str, person: Attendee, extra: str = "") -> str:
    name = person.name.replace('"', "'")
    params = f';CN="{name}"' if name else ""
    return f"{prefix}{params}{extra}:mailto:{person.email}"


def _event_lines(event: Event, *, cancelled: bool, stamp: dt.datetime) -> list[str]:
    if event.end <= event.start:
        raise ValueError("an event must end after it starts")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"SEQUENCE:{event.sequence}",
        f"DTSTAMP:{utc_stamp(stamp)}",
        f"DTSTART:{utc_stamp(event.start)}",
        f"DTEND:{utc_stamp(event.end)}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.location:
        lines.append(f"LOCATION:{escape_text(event.location)}")
    if event.url:
        lines.append(f"URL:{event.url}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.organizer:
        lines.append(_person("ORGANIZER", event.organizer))
    for attendee in event.attendees:
        lines.append(_person("ATTENDEE", attendee, ";ROLE=REQ-PARTICIPANT"))
    lines += [f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}", "TRANSP:OPAQUE", "END:VEVENT"]
    return lines


def _calendar(method: Method, events: list[str], name: str = "") -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", f"METHOD:{method}"]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    lines += events
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def build_calendar(event: Event, *, method: Method = "REQUEST", stamp: dt.datetime | None = None) -> str:
    """The whole .ics file as text with CRLF line endings."""
    cancelled = method == "CANCEL"
    return _calendar(method, _event_lines(event, cancelled=cancelled, stamp=stamp or dt.datetime.now(dt.UTC)))


def build_feed(events: list[Event], *, name: str, stamp: dt.datetime | None = None) -> str:
    """Several events in one published calendar (a mentor's own upcoming conversations). The UIDs are the
    invitations' own, so a calendar that imported an invitation updates that event instead of doubling it."""
    moment = stamp or dt.datetime.now(dt.UTC)
    lines = [line for event in events for line in _event_lines(event, cancelled=False, stamp=moment)]
    return _calendar("PUBLISH", lines, name)
