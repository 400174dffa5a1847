"""Notification kinds and reminders: the registries other areas add to.

A kind turns stored parameters into a title and a link, in whatever language is active when it is called;
reminders (registered with ``@reminder``) find who should be notified on a day. Areas that do not exist yet
(choices, internships) add their own kinds and reminders here without touching the rest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal

from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.timezone import localtime

from koers.language.content import localised
from koers.schools.models import School

Params = dict[str, Any]


@dataclass(frozen=True)
class Kind:
    name: str
    title: Callable[[Params], str]
    link: Callable[[Params], str]  # a path; made absolute with the public address where it leaves Koers


KINDS: dict[str, Kind] = {}


def notification_kind(
    name: str, *, link: Callable[[Params], str]
) -> Callable[[Callable[[Params], str]], Kind]:
    def register(title: Callable[[Params], str]) -> Kind:
        KINDS[name] = Kind(name=name, title=title, link=link)
        return KINDS[name]

    return register


@dataclass(frozen=True)
class New:
    """A notification to make: for ``role_id``, unless that role already has one with ``key``."""

    role_id: int
    kind: str
    params: Params
    key: str


Cadence = Literal["daily", "weekly"]


@dataclass(frozen=True)
class Reminder:
    name: str
    cadence: Cadence
    find: Callable[[School, dt.datetime], Iterable[New]]


REMINDERS: dict[str, Reminder] = {}


def reminder(
    name: str, *, cadence: Cadence
) -> Callable[[Callable[[School, dt.datetime], Iterable[New]]], Reminder]:
    def register(find: Callable[[School, dt.datetime], Iterable[New]]) -> Reminder:
        REMINDERS[name] = Reminder(name=name, cadence=cadence, find=find)
        return REMINDERS[name]

    return register


# --- parameters: plain data in, the reader's words out ----------------------------------------------------


def local_param(dutch: str, translations: dict[str, Any] | None, field: str) -> Params:
    """A school text with its shipped translations, so it can be shown in the reader's language later."""
    return {"dutch": dutch, "translations": translations or {}, "field": field}


def local_text(value: Any) -> str:
    if isinstance(value, dict):
        return str(localised(value.get("dutch", ""), value.get("translations"), value.get("field", "name")))
    return str(value or "")


def day_text(value: str) -> str:
    """An ISO date or moment, written the reader's way ("dinsdag 4 maart", "Tuesday 4 March")."""
    moment = parse_datetime(value) if "T" in value else None
    if moment is not None:
        return date_format(localtime(moment), "l j E, H:i")
    day = parse_date(value)
    return date_format(day, "l j E") if day else value
