"""The link to the careers catalogue: partners and places name sectors and occupations by their stable keys
(``careers.Sector.key`` equals the pictogram catalogue's ``sector.<key>``; ``careers.Occupation.key``), so a
reloaded catalogue keeps every link. One query each."""

from __future__ import annotations

from collections.abc import Iterable

from koers.careers.models import Occupation


def occupations_by_key() -> list[tuple[str, str]]:
    """(key, name in the reader's language) of every occupation the active school sees, by name."""
    found = {o.key: o.name for o in Occupation.objects.only("key", "texts", "school")}
    return sorted(found.items(), key=lambda pair: pair[1].lower())


def occupation_names(keys: Iterable[str]) -> dict[str, str]:
    wanted = {k for k in keys if k}
    if not wanted:
        return {}
    return {o.key: o.name for o in Occupation.objects.filter(key__in=wanted).only("key", "texts", "school")}


def unknown_occupations(keys: Iterable[str]) -> list[str]:
    wanted = {k for k in keys if k}
    if not wanted:
        return []
    known = set(Occupation.objects.filter(key__in=wanted).values_list("key", flat=True))
    return sorted(wanted - known)
