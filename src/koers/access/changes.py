"""The kinds of change the audit log records, as stable keys with a label in the reader's language.

A row of the log stores the key (data), never a sentence, so the student and the guardian read it in their own
language whoever made the change. ``FAMILY`` names the kinds a guardian may see named: changes to who follows
the child and to consent. Any other change shows a guardian only that something was changed, by whom and
when, because it may be about an item the child does not share (issue 11, item 2).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

CHANGES: dict[str, Promise] = {
    # the dossier
    "experience.added": _("ervaring toegevoegd"),
    "experience.changed": _("ervaring gewijzigd"),
    "experience.removed": _("ervaring verwijderd"),
    "evidence.added": _("bewijs toegevoegd"),
    "evidence.removed": _("bewijs verwijderd"),
    "reflection.saved": _("reflectie opgeslagen"),
    "remark.added": _("vraag of opmerking geplaatst"),
    "trait.saved": _("kwaliteit of motief opgeslagen"),
    "trait.removed": _("kwaliteit of motief verwijderd"),
    "ambition.saved": _("droom of doel opgeslagen"),
    "ambition.dropped": _("droom of doel losgelaten"),
    "contact.saved": _("netwerkcontact opgeslagen"),
    "contact.removed": _("netwerkcontact verwijderd"),
    "action.saved": _("actiepunt opgeslagen"),
    "compliment.given": _("compliment gegeven"),
    "sharing.changed": _("delen met ouders aangepast"),
    # who decides and who follows
    "dossier.hidden": _("dossier verborgen voor ouders"),
    "dossier.shown": _("dossier weer zichtbaar voor ouders"),
    "consent.decided": _("toestemming vastgelegd"),
    "guardianship.added": _("ouder of verzorger toegevoegd"),
    "guardianship.linked": _("ouder of verzorger gekoppeld aan een account"),
    # conversations
    "conversation.planned": _("gesprek gepland"),
    "conversation.moved": _("gesprek verzet"),
    "conversation.cancelled": _("gesprek geannuleerd"),
    "conversation.prepared": _("gesprek voorbereid"),
    "conversation.goal": _("doel van een gesprek vastgelegd"),
    "conversation.tagged": _("kwaliteit, motief of beroep uit een gesprek"),
    "conversation.untagged": _("kwaliteit, motief of beroep uit een gesprek weggehaald"),
    "conversation.closed": _("gesprek afgesloten met afspraken"),
    "conversation.agreement": _("afspraak uit een gesprek bijgewerkt"),
    "conversation.evaluated": _("gesprek geëvalueerd"),
}

FAMILY = frozenset(
    {"dossier.hidden", "dossier.shown", "consent.decided", "guardianship.added", "guardianship.linked"}
)


def label(change: str) -> str:
    """The change in the active language; an unknown key (from a later version) as it is."""
    found = CHANGES.get(change)
    return str(found) if found is not None else change
