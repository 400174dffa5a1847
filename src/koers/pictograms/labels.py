"""Accessible names of pictograms that stand for a word of the vocabulary, in the reader's language.

A template passes its own word as ``label`` when it has one; these are for the pictograms that mean one
fixed thing (a feeling, a competence, a sector), used where no word is beside them, and for the careers area
to start from.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

SECTORS: dict[str, str | Promise] = {
    "care": pgettext_lazy("sector", "Zorg en welzijn"),
    "technology": pgettext_lazy("sector", "Techniek"),
    "construction": pgettext_lazy("sector", "Bouw"),
    "ict": pgettext_lazy("sector", "ICT"),
    "hospitality": pgettext_lazy("sector", "Horeca"),
    "retail": pgettext_lazy("sector", "Winkel en handel"),
    "transport_logistics": pgettext_lazy("sector", "Transport en logistiek"),
    "agriculture": pgettext_lazy("sector", "Groen en landbouw"),
    "economy_administration": pgettext_lazy("sector", "Economie en administratie"),
    "security": pgettext_lazy("sector", "Veiligheid"),
    "media_design": pgettext_lazy("sector", "Media en vormgeving"),
    "education": pgettext_lazy("sector", "Onderwijs"),
    "sport": pgettext_lazy("sector", "Sport en bewegen"),
    "beauty": pgettext_lazy("sector", "Uiterlijke verzorging"),
}

ACTIONS: dict[str, str | Promise] = {
    "add": pgettext_lazy("pictogram", "Toevoegen"),
    "share": pgettext_lazy("pictogram", "Delen"),
    "record": pgettext_lazy("pictogram", "Opnemen"),
    "listen": pgettext_lazy("pictogram", "Luisteren"),
    "print": pgettext_lazy("pictogram", "Afdrukken"),
    "edit": pgettext_lazy("pictogram", "Aanpassen"),
}


# Areas above this one name their own pictograms (lob: feelings, kinds, competences, elements, phases;
# careers: occupations) by registering labels when their app is ready, so this bottom layer imports none of
# them.
LABELS: dict[str, str | Promise] = {f"sector.{key}": label for key, label in SECTORS.items()} | {
    f"action.{key}": label for key, label in ACTIONS.items()
}


def register(labels: dict[str, str | Promise]) -> None:
    """Add the accessible names of an area's pictograms (called from its ``AppConfig.ready``)."""
    LABELS.update(labels)


def label_for(name: str) -> str | Promise | None:
    return LABELS.get(name)
