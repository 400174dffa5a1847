"""A small RFC 5545 reader for tests: unfold, split properties, unescape text."""

from __future__ import annotations


def unfold(text: str) -> list[str]:
    assert "\n" not in text.replace("\r\n", ""), "bare LF line ending"
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def parse(text: str) -> dict[str, str]:
    """Property name -> raw value (params dropped) of the calendar and its single VEVENT."""
    props: dict[str, str] = {}
    for line in unfold(text):
        if not line:
            continue
        head, _, value = line.partition(":")
        name = head.split(";")[0]
        props.setdefault(name, value)
    return props
