"""The names the activity form suggests for its partner: the school's network (``partners/``, which sits above
the programme) registers where they come from. A planner picks a name from the register or types one; the
partner's page lists the activities that name it. Without a source the field is plain free text."""

from __future__ import annotations

from collections.abc import Callable

_sources: list[Callable[[int], list[str]]] = []


def register(source: Callable[[int], list[str]]) -> None:
    """``source(school_id)`` gives the school's partner names, in the order to offer them."""
    if source not in _sources:
        _sources.append(source)


def names_for(school_id: int) -> list[str]:
    names: list[str] = []
    for source in _sources:
        names.extend(n for n in source(school_id) if n not in names)
    return names
