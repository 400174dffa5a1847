import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from koers.conversations.ics import Attendee, Event, build_calendar, escape_text, fold
from tests.conversations.ics_parse import parse, unescape, unfold

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def event(**changes) -> Event:
    fields = {
        "uid": "gesprek-7@koers",
        "start": dt.datetime(2026, 11, 24, 10, 30, tzinfo=AMSTERDAM),
        "end": dt.datetime(2026, 11, 24, 10, 50, tzinfo=AMSTERDAM),
        "summary": "Loopbaangesprek",
        "location": "Lokaal 12",
        "url": "https://koers.example/gesprekken/7/",
    }
    fields.update(changes)
    return Event(**fields)


def test_calendar_has_the_required_structure_and_crlf_line_endings():
    text = build_calendar(event())

    lines = unfold(text)
    assert text.endswith("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR"
    assert "BEGIN:VEVENT" in lines and "END:VEVENT" in lines
    assert lines[-2] == "END:VCALENDAR"
    props = parse(text)
    for name in (
        "VERSION",
        "PRODID",
        "METHOD",
        "UID",
        "DTSTAMP",
        "DTSTART",
        "DTEND",
        "SUMMARY",
        "LOCATION",
        "URL",
    ):
        assert name in props, name


def test_times_are_written_in_utc():
    props = parse(build_calendar(event()))

    # 10:30 in Amsterdam in November (CET, UTC+1) is 09:30 UTC.
    assert props["DTSTART"] == "20261124T093000Z"
    assert props["DTEND"] == "20261124T095000Z"
    assert props["DTSTAMP"].endswith("Z")


def test_summer_time_is_converted_to_utc_too():
    start = dt.datetime(2026, 6, 1, 9, 0, tzinfo=AMSTERDAM)

    props = parse(build_calendar(event(start=start, end=start + dt.timedelta(minutes=30))))

    assert props["DTSTART"] == "20260601T070000Z"


def test_text_values_are_escaped():
    text = build_calendar(event(summary="Gesprek; stage, keuze\\plan", location="Lokaal 3\nbij de aula"))

    props = parse(text)
    assert props["SUMMARY"] == "Gesprek\\; stage\\, keuze\\\\plan"
    assert unescape(props["SUMMARY"]) == "Gesprek; stage, keuze\\plan"
    assert unescape(props["LOCATION"]) == "Lokaal 3\nbij de aula"


def test_long_lines_are_folded_at_75_octets_without_breaking_characters():
    summary = "Gesprek over de vervolgopleiding met één ouder en de leerling \u2013 " * 4

    text = build_calendar(event(summary=summary))

    for raw in text.split("\r\n"):
        assert len(raw.encode("utf-8")) <= 75
    assert unescape(parse(text)["SUMMARY"]) == summary


def test_fold_leaves_a_short_line_alone():
    assert fold("SUMMARY:kort") == "SUMMARY:kort"


def test_escape_text_turns_newlines_into_backslash_n():
    assert escape_text("a\r\nb") == "a\\nb"


def test_update_keeps_the_uid_and_carries_the_sequence():
    first = parse(build_calendar(event(sequence=0)))
    later = parse(build_calendar(event(sequence=3)))

    assert first["UID"] == later["UID"]
    assert int(later["SEQUENCE"]) > int(first["SEQUENCE"])


def test_cancellation_uses_method_cancel_and_status_cancelled():
    props = parse(build_calendar(event(), method="CANCEL"))

    assert props["METHOD"] == "CANCEL"
    assert props["STATUS"] == "CANCELLED"


def test_organizer_is_written_as_mailto():
    props = parse(build_calendar(event(organizer=Attendee(email="koers@school.nl", name="M. de Vries"))))

    assert props["ORGANIZER"] == "mailto:koers@school.nl"


def test_naive_times_are_refused():
    with pytest.raises(ValueError):
        build_calendar(event(start=dt.datetime(2026, 11, 24, 10, 30), end=dt.datetime(2026, 11, 24, 11, 0)))  # noqa: DTZ001 - a naive time is what is refused


def test_an_event_that_ends_before_it_starts_is_refused():
    start = dt.datetime(2026, 11, 24, 10, 30, tzinfo=AMSTERDAM)

    with pytest.raises(ValueError):
        build_calendar(event(start=start, end=start))
