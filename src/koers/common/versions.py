"""Concurrent edits never vanish: one mechanism for every edit form.

1. The page hands its form the *version* of the stored values it shows (``version_of_instance``); the form
   carries it in a hidden input (``templates/form_errors.html`` writes it, ``VersionedFormMixin`` reads it).
2. The domain verb sets the new values on the instance and calls ``save_unless_changed``: if the stored
   values are no longer the ones the editor started from, it raises ``EditConflict`` with the other person's
   values and writes nothing. The row is read ``FOR UPDATE`` and written in one transaction, so two requests
   at the same moment cannot both win.
3. The view catches it like any refusal (``EditConflict`` is a ``ValidationError``, so
   ``common.views.show_domain_errors`` handles it): the form is shown again with the editor's own input,
   the other person's values beside it and the new version, so the next save is a deliberate choice.

A version is a short hash of the values, not a counter: no migration is needed, and saving the very same
text twice is no conflict. Knows no model of Koers (any Django model with the given fields will do).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CHANGED_MESSAGE = _(
    "Niet bewaard: iemand anders heeft dit intussen veranderd (of jij, in een ander venster). Wat nu bewaard "
    "is, staat hieronder; jouw tekst staat nog in de velden. Neem over wat je wilt houden en bewaar opnieuw."
)
REMOVED_MESSAGE = _(
    "Niet bewaard: dit is intussen weggehaald. Jouw tekst staat nog in de velden; kopieer wat je wilt houden."
)


def version_of(values: Mapping[str, Any]) -> str:
    """The version of some stored values: what an editor started from."""
    encoded = json.dumps({key: values[key] for key in sorted(values)}, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()[:16]


def _attnames(model: type[models.Model], fields: Sequence[str]) -> dict[str, str]:
    return {name: model._meta.get_field(name).attname for name in fields}  # type: ignore[union-attr]


def _values(instance: models.Model, fields: Sequence[str]) -> dict[str, Any]:
    return {attname: getattr(instance, attname) for attname in _attnames(type(instance), fields).values()}


def version_of_instance(instance: models.Model, fields: Sequence[str]) -> str:
    """The version of ``fields`` of a loaded instance (the one a page shows in its form)."""
    return version_of(_values(instance, fields))


class EditConflict(ValidationError):
    """Someone else saved these values since the editor loaded them. ``theirs`` maps each field name to
    what is stored now (``None``: the object was removed meanwhile); ``version`` is their version, to save
    against once the editor has seen it. Nothing was written."""

    def __init__(self, theirs: dict[str, Any] | None, *, version: str = "") -> None:
        super().__init__(REMOVED_MESSAGE if theirs is None else CHANGED_MESSAGE, code="changed")
        self.theirs = theirs
        self.version = version


def save_unless_changed(
    instance: models.Model,
    *,
    fields: Sequence[str],
    version: str | None,
    touch: Sequence[str] | None = None,
    also: Sequence[str] = (),
) -> None:
    """Write ``fields`` of ``instance`` (already set to the new values) unless the stored values changed
    since ``version``; ``None`` writes without the check (callers that are not edit forms). ``touch``
    fields (by default the model's ``auto_now`` timestamps) are set to now; ``also`` fields are written
    without being part of the version (a replaced file beside the text). Otherwise raises
    ``EditConflict`` and writes nothing. Call it inside the verb's transaction."""
    model = type(instance)
    names = _attnames(model, fields)
    # The row is locked until the verb's transaction ends (PostgreSQL: a second save waits here and then
    # reads the first one's values; SQLite: Koers's IMMEDIATE transactions already queue the writers), so
    # the check and the write cannot be overtaken by another save.
    rows = model._base_manager.filter(pk=instance.pk)  # the caller already checked access to it
    # No savepoint of its own (two queries less on every autosave): nothing is written before the check,
    # and the conflict is raised after the block, so a caller that catches it may go on in its transaction.
    with transaction.atomic(savepoint=False):
        before = rows.select_for_update().values(*names.values()).first()
        mine = _values(instance, fields)
        changed = before is not None and version is not None and version != version_of(before)
        if before is not None and not (changed and before != mine):
            updates = {**mine, **_values(instance, also)}
            now = timezone.now()
            if touch is None:
                touch = [f.attname for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
            for name in touch:
                updates[name] = now
                setattr(instance, name, now)
            rows.update(**updates)
            return
    if before is None:
        raise EditConflict(None)
    theirs = {name: before[attname] for name, attname in names.items()}
    raise EditConflict(theirs, version=version_of(before))


def conflict_with(stored: models.Model, fields: Sequence[str]) -> EditConflict:
    """The conflict with what another request just stored (for a create that lost a race to it)."""
    values = _values(stored, fields)
    names = _attnames(type(stored), fields)
    return EditConflict(
        {name: values[attname] for name, attname in names.items()}, version=version_of(values)
    )
