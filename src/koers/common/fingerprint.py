"""A fingerprint of data a page was read from: the key of a fragment cache that is right by construction.

A fragment cached on "the student's last change" needs a marker that every write moves (including bulk
writes and queryset updates, which send no signals), and anything the marker forgets shows stale. Keyed on
a fingerprint of *the rows the page was read from* instead, a fragment can only come back for exactly the
same data: whatever changed (a title, a count, a related name loaded with ``select_related``, a prefetched
list), the key changes with it. The queries still run; what is saved is rendering the template again.

``fingerprint(value)`` walks dataclasses, lists, tuples, dicts, enums and model instances (every loaded
field, the related objects loaded with them and their prefetched lists, annotations included) and hashes a
text of it. Everything else is taken by ``repr``. Whatever the fragment shows that does not come from the data
(the language, today, the reader's kind of role ...) must be passed in next to it.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
from collections.abc import Callable
from typing import Any

from django.db import models


def _model(value: models.Model, out: Callable[[str], None], seen: set[int]) -> None:
    if id(value) in seen:  # a back-reference (a step's cached ambition): already written out
        out(f"@{value._meta.label}:{value.pk}")
        return
    seen.add(id(value))
    out(f"<{value._meta.label}")
    for name, field_value in value.__dict__.items():
        if name == "_state":
            continue
        if name == "_prefetched_objects_cache":
            for key, related in sorted(field_value.items()):
                out(key)
                _walk(list(related), out, seen)
            continue
        out(name)
        _walk(field_value, out, seen)
    for name, related in sorted(value._state.fields_cache.items()):
        out(name)
        _walk(related, out, seen)
    out(">")


def _walk(value: Any, out: Callable[[str], None], seen: set[int]) -> None:
    if isinstance(value, models.Model):
        _model(value, out, seen)
    elif isinstance(value, list | tuple):
        out("[")
        for item in value:
            _walk(item, out, seen)
        out("]")
    elif isinstance(value, dict):
        out("{")
        for key, item in value.items():
            out(repr(key))
            _walk(item, out, seen)
        out("}")
    elif isinstance(value, enum.Enum):
        out(repr(value))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        out(f"<{type(value).__qualname__}")
        for field in dataclasses.fields(value):
            out(field.name)
            _walk(getattr(value, field.name), out, seen)
        out(">")
    else:
        out(repr(value))


def fingerprint(*values: Any) -> str:
    """A short hash of ``values`` and everything loaded with them (see the module's docstring)."""
    parts: list[str] = []
    _walk(list(values), parts.append, set())
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()
