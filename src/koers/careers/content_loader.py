"""Loads the shipped careers catalogue (YAML under careers/content/) into its tables, idempotently.

The files and their fields are described in ``careers/content/SOURCES.md`` and the shared format note:
``sectors.yaml``, ``mbo_domains.yaml``, ``programmes.yaml``, ``occupations.yaml``, ``interest_fields.yaml``,
``interest_items.yaml`` and translation overlays ``i18n/<lang>.yaml``. A file that is not there is skipped (a
fresh checkout may have only some); a file that is there is checked completely, together with what it refers
to, before anything is written, so a mistake leaves the database as it was. Running it again updates texts
and links and adds new entries; it never removes a shipped entry, because favourites and choices point at it.
Only shipped rows (``school`` empty) are touched; a school's own occupations and programmes are never changed.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from django.db import transaction
from django_scopes import scopes_disabled

from koers.careers.content_check import (
    CONTENT_DIR,
    Item,
    check_files,
    known_in_database,
    overlay_problems,
)
from koers.careers.models import (
    InterestField,
    InterestItem,
    MboDomain,
    Occupation,
    Programme,
    Sector,
)
from koers.lob.content_loader import ContentError, LoadReport
from koers.lob.models import Trait
from koers.lob.vocabulary import TraitKind

__all__ = ["ContentError", "content_present", "load_content", "overlay_problems"]


def _sync(
    model: Any, items: list[Item], build: Any, compare: tuple[str, ...], **filters: Any
) -> tuple[dict[str, Any], int, int]:
    """Create missing rows and update changed ones (bulk); returns ({key: row}, created, updated)."""
    rows = {row.key: row for row in model.objects.filter(**filters)}
    new, changed = [], []
    for order, item in enumerate(items):
        values = build(item, order)
        row = rows.get(item.key)
        if row is None:
            row = model(key=item.key, **filters_for_create(filters), **values)
            rows[item.key] = row
            new.append(row)
        elif any(getattr(row, name) != values[name] for name in compare):
            for name in compare:
                setattr(row, name, values[name])
            changed.append(row)
    model.objects.bulk_create(new)
    if changed:
        model.objects.bulk_update(changed, list(compare))
    if new and not all(row.pk for row in new):  # backends that do not return ids from a bulk insert
        fresh = {row.key: row for row in model.objects.filter(**filters)}
        rows.update({key: fresh[key] for key in rows})
    return rows, len(new), len(changed)


def filters_for_create(filters: dict[str, Any]) -> dict[str, Any]:
    return {"school": None} if "school__isnull" in filters else {}


def _sync_links(
    through: Any, owner: str, target: str, wanted: set[tuple[int, int]], owners: list[int]
) -> None:
    """Make the many-to-many rows of ``owners`` exactly ``wanted`` (pairs of owner id, target id)."""
    existing = {
        (a, b): pk
        for pk, a, b in through.objects.filter(**{f"{owner}_id__in": owners}).values_list(
            "pk", f"{owner}_id", f"{target}_id"
        )
    }
    extra = [pk for pair, pk in existing.items() if pair not in wanted]
    if extra:
        through.objects.filter(pk__in=extra).delete()
    missing = [through(**{f"{owner}_id": a, f"{target}_id": b}) for a, b in wanted - set(existing)]
    through.objects.bulk_create(missing)


def load_content(content_dir: Path | None = None) -> LoadReport:
    """Create or update the shipped catalogue from the files that are present; raises ContentError and writes
    nothing when a file has a mistake. A fixed number of queries, however long the files are."""
    content_dir = content_dir or CONTENT_DIR
    report = LoadReport()
    with scopes_disabled(), transaction.atomic():
        cat = check_files(content_dir, known_in_database())
        total = sum(len(items) for items in cat.present().values())
        created = updated = 0

        def add(counts: tuple[dict[str, Any], int, int]) -> dict[str, Any]:
            nonlocal created, updated
            created, updated = created + counts[1], updated + counts[2]
            return counts[0]

        sectors = {s.key: s for s in Sector.objects.all()}
        if cat.sectors is not None:
            sectors = add(
                _sync(
                    Sector,
                    cat.sectors,
                    lambda i, o: {
                        "icon": i.fields["icon"],
                        "texts": i.texts,
                        "descriptions": i.descriptions,
                        "order": o,
                    },
                    ("icon", "texts", "descriptions", "order"),
                )
            )
        domains = {d.key: d for d in MboDomain.objects.all()}
        if cat.mbo_domains is not None:
            domains = add(
                _sync(
                    MboDomain,
                    cat.mbo_domains,
                    lambda i, o: {"texts": i.texts, "order": o},
                    ("texts", "order"),
                )
            )
        programmes = {p.key: p for p in Programme.objects.filter(school__isnull=True)}
        if cat.programmes is not None:
            programmes = add(
                _sync(
                    Programme,
                    cat.programmes,
                    lambda i, o: {
                        **{k: v for k, v in i.fields.items() if k != "mbo_domain"},
                        "mbo_domain": domains.get(i.fields["mbo_domain"]),
                        "texts": i.texts,
                        "descriptions": i.descriptions,
                        "order": o,
                    },
                    (
                        "kind",
                        "level",
                        "mbo_domain",
                        "routes",
                        "years",
                        "crebo",
                        "texts",
                        "descriptions",
                        "order",
                    ),
                    school__isnull=True,
                )
            )
        if cat.occupations is not None:
            occupations = add(
                _sync(
                    Occupation,
                    cat.occupations,
                    lambda i, o: {
                        "isco": i.fields["isco"],
                        "sector": sectors[i.fields["sector"]],
                        "mbo_domain": domains.get(i.fields["mbo_domain"]),
                        "icon": i.fields["icon"],
                        "tasks": i.fields["tasks"],
                        "workplaces": i.fields["workplaces"],
                        "texts": i.texts,
                        "descriptions": i.descriptions,
                        "order": o,
                    },
                    (
                        "isco",
                        "sector",
                        "mbo_domain",
                        "icon",
                        "tasks",
                        "workplaces",
                        "texts",
                        "descriptions",
                        "order",
                    ),
                    school__isnull=True,
                )
            )
            trait_ids = {(kind, key): pk for pk, kind, key in Trait.objects.values_list("pk", "kind", "key")}
            owners = [occupations[i.key].pk for i in cat.occupations]
            wanted_traits = {
                (occupations[i.key].pk, trait_ids[(kind, key)])
                for i in cat.occupations
                for kind, name in ((TraitKind.QUALITY, "qualities"), (TraitKind.MOTIVE, "motives"))
                for key in i.fields[name]
            }
            _sync_links(Occupation.traits.through, "occupation", "trait", wanted_traits, owners)
            wanted_programmes = {
                (occupations[i.key].pk, programmes[key].pk)
                for i in cat.occupations
                for key in i.fields["programmes"]
            }
            _sync_links(Occupation.programmes.through, "occupation", "programme", wanted_programmes, owners)
        if cat.interest_fields is not None:
            fields = add(
                _sync(
                    InterestField,
                    cat.interest_fields,
                    lambda i, o: {
                        "icon": i.fields["icon"],
                        "texts": i.texts,
                        "descriptions": i.descriptions,
                        "order": o,
                    },
                    ("icon", "texts", "descriptions", "order"),
                )
            )
            wanted = {
                (fields[i.key].pk, sectors[s].pk) for i in cat.interest_fields for s in i.fields["sectors"]
            }
            owners = [fields[i.key].pk for i in cat.interest_fields]
            _sync_links(InterestField.sectors.through, "interestfield", "sector", wanted, owners)
        if cat.interest_items is not None:
            fields_by_key = {f.key: f for f in InterestField.objects.all()}
            add(
                _sync(
                    InterestItem,
                    cat.interest_items,
                    lambda i, o: {
                        "field": fields_by_key[i.fields["field"]],
                        "icon": i.fields["icon"],
                        "texts": i.texts,
                        "order": o,
                    },
                    ("field", "icon", "texts", "order"),
                )
            )
    report.created, report.updated = created, updated
    report.unchanged = total - created - updated
    return report


@functools.cache
def content_present() -> bool:
    """Whether this installation ships the careers catalogue (the occupations file)."""
    return (CONTENT_DIR / "occupations.yaml").exists()
